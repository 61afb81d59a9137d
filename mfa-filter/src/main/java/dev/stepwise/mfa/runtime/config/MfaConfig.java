package dev.stepwise.mfa.runtime.config;

import dev.stepwise.mfa.core.risk.AdaptiveSettings;
import dev.stepwise.mfa.runtime.config.AdminSettings;
import dev.stepwise.mfa.runtime.config.EmailSettings;
import dev.stepwise.mfa.runtime.config.FactorSettings;
import dev.stepwise.mfa.runtime.config.LockoutSettings;
import dev.stepwise.mfa.runtime.config.PageSettings;
import dev.stepwise.mfa.runtime.config.Parameters;
import dev.stepwise.mfa.runtime.config.PolicySettings;
import dev.stepwise.mfa.runtime.config.RequestSettings;
import dev.stepwise.mfa.runtime.config.SmsSettings;
import dev.stepwise.mfa.runtime.config.StoreSettings;
import dev.stepwise.mfa.runtime.config.TrustSettings;
import dev.stepwise.mfa.runtime.config.WebAuthnSettings;

import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The library's configuration, parsed once at deployment from {@code web.xml} context parameters (and from
 * MicroProfile Config, which overrides them, when the server has it) and grouped by what it configures. Every parameter is optional and declared once, with its default and format, in
 * {@link Parameters}; a bad value fails the deployment with a {@link MfaConfigException} naming the parameter
 * and the accepted format.
 *
 * <pre>{@code
 * <context-param>
 *   <param-name>stepwise.mfa.login</param-name><param-value>roles:admin</param-value>
 * </context-param>
 * <context-param>
 *   <param-name>stepwise.mfa.protect</param-name>
 *   <param-value>/admin/*=mfa; /account/delete=stepup:PT2M</param-value>
 * </context-param>
 * }</pre>
 *
 * @param policy   when MFA is asked: login policy, mandatory roles, step-up default, protected URL patterns
 * @param factors  which factors are offered, the issuer they show, the TOTP window
 * @param pages    where the library's pages live
 * @param store    where the library keeps its state
 * @param trust    "trust this device"
 * @param lockout  per-account throttling of failed attempts
 * @param email    how code emails are sent (used when {@code email} is offered)
 * @param sms      the built-in SMS gateway (used when {@code sms} is offered)
 * @param webauthn the WebAuthn relying party
 * @param adaptive when {@code stepwise.mfa.login=adaptive} asks
 * @param admin    the admin role and the exemptions it grants
 * @param requests allowed origins, trusted proxies, challenge expiry
 * @param signals  the risk signals that are off by default, and the GeoIP database
 */
public record MfaConfig(PolicySettings policy, FactorSettings factors, PageSettings pages, StoreSettings store,
                        TrustSettings trust, LockoutSettings lockout, EmailSettings email, SmsSettings sms,
                        WebAuthnSettings webauthn, AdaptiveSettings adaptive, AdminSettings admin,
                        RequestSettings requests, SignalSettings signals) {

    private static final System.Logger LOG = System.getLogger(MfaConfig.class.getName());

    /**
     * Checks the components.
     * @param policy when MFA is asked: login policy, mandatory roles, step-up default, protected URL patterns
     * @param factors which factors are offered, the issuer they show, the TOTP window
     * @param pages where the library's pages live
     * @param store where the library keeps its state
     * @param trust "trust this device"
     * @param lockout per-account throttling of failed attempts
     * @param email how code emails are sent (used when {@code email} is offered)
     * @param sms the built-in SMS gateway (used when {@code sms} is offered)
     * @param webauthn the WebAuthn relying party
     * @param adaptive when {@code stepwise.mfa.login=adaptive} asks
     * @param admin the admin role and the exemptions it grants
     * @param requests allowed origins, trusted proxies, challenge expiry
     * @param signals the risk signals that are off by default, and the GeoIP database
     */
    public MfaConfig {
        Stream.of(policy, factors, pages, store, trust, lockout, email, sms, webauthn, adaptive, admin, requests,
                        signals)
                .forEach(group -> Objects.requireNonNull(group, "every settings group is required"));
    }

    /** {@return the configuration with every parameter at its default} */
    public static MfaConfig defaults() {
        return parse(name -> null);
    }

    /**
     * Parses the parameters; {@code param} returns a parameter's value or {@code null} when it is not set
     * (e.g. {@code servletContext::getInitParameter}).
     *
     * @param param the param
     * @return the MFA config
     * @throws MfaConfigException for the first bad value, naming the parameter, the accepted format and that the
     *                            value came from a {@code web.xml} context parameter
     */
    public static MfaConfig parse(Function<String, String> param) {
        return parse(param, ParameterSource.none());
    }

    /**
     * Parses the parameters from {@code overrides} where it sets them and from the context parameters elsewhere:
     * one WAR, configured per environment by MicroProfile Config (README, "Configuration").
     *
     * @param contextParams the context parameters ({@code servletContext::getInitParameter}); never the secret key
     * @param overrides     a source whose values win over the context parameters, e.g.
     *                      {@link MicroProfileConfig#detect}; {@link ParameterSource#none()} for none
     * @return the MFA config
     * @throws MfaConfigException for the first bad value, naming the parameter, the accepted format and where the
     *                            value came from (never a secret)
     */
    public static MfaConfig parse(Function<String, String> contextParams, ParameterSource overrides) {
        Parameters.refuseSecretKey(contextParams);
        ParameterSource webXml = ParameterSource.contextParameters(contextParams);
        ParameterSource source = overrides.over(webXml);
        try {
            warnAboutReplacedValues(overrides, webXml);
            return read(source.values());
        } catch (MfaConfigException e) { // an error from the source itself already says where (and hides the value)
            throw e.located() ? e : e.from(source.originOf(e.parameter()));
        }
    }

    /**
     * One warning per parameter whose {@code overrides} value replaces a different {@code web.xml} value: a
     * JVM-wide system property or environment variable meant for one application changes every application on
     * the server. Names the parameter and both origins, never the values.
     */
    private static void warnAboutReplacedValues(ParameterSource overrides, ParameterSource webXml) {
        for (String name : Parameters.names()) {
            ParameterSource.Sourced replaced = webXml.lookup(name);
            ParameterSource.Sourced replacing = replaced == null ? null : overrides.lookup(name);
            if (replacing != null && !replacing.value().strip().equals(replaced.value().strip())) {
                LOG.log(System.Logger.Level.WARNING, "{0}: the value from the {1} replaces a different value from "
                        + "the {2} (MicroProfile Config wins over web.xml; a system property or environment variable "
                        + "applies to every application on the server)", name, replacing.origin(), replaced.origin());
            }
        }
    }

    private static MfaConfig read(Function<String, String> param) {
        PushSettings.check(param);   // read in full at start-up when push is offered (PushConfiguration)
        AdaptiveSettings adaptive = PolicySettings.readAdaptive(param);
        return new MfaConfig(PolicySettings.read(param, adaptive.require()), FactorSettings.read(param),
                PageSettings.read(param), StoreSettings.read(param), TrustSettings.read(param),
                LockoutSettings.read(param), EmailSettings.read(param), SmsSettings.read(param),
                WebAuthnSettings.read(param), adaptive, AdminSettings.read(param), RequestSettings.read(param),
                SignalSettings.read(param));
    }
}
