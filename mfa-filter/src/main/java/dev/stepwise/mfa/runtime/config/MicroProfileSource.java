package dev.stepwise.mfa.runtime.config;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.ConfigValue;

import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The {@code stepwise.mfa.*} parameters as MicroProfile Config (2.0 or later) resolves them, each with the name of
 * the config source that gave it ({@code ConfigValue.getSourceName()}, e.g. {@code SysPropConfigSource},
 * {@code EnvConfigSource}, or Payara's {@code SystemProperty} and {@code Environment}). Only the parameters of
 * {@link Parameters#ALL} are asked for: never the secret key, which has rules of its own (a secret key found here
 * fails the deployment unless it is the system property or environment variable that {@code SecretKeySource}
 * reads). A value
 * must be literal: an expression ({@code ${...}}) could copy another property into a setting that is shown.
 *
 * <p>The only class of the library naming MicroProfile types. Not a bean, and loaded only by {@link
 * MicroProfileConfig} once it has seen the API.
 */
final class MicroProfileSource {

    /** The environment variable {@code SecretKeySource} reads the key from (its system property is the name). */
    private static final String SECRET_KEY_ENVIRONMENT = "STEPWISE_MFA_SECRET_KEY";

    private static final String HIDDEN = "(from MicroProfile Config, not shown)";

    private static final Set<String> NAMES = Set.copyOf(Parameters.names());

    private MicroProfileSource() {
    }

    /** The configuration of the application whose class loader is {@code application}. */
    static ParameterSource of(ClassLoader application) {
        Config config = ConfigProvider.getConfig(application);
        config.getConfigValue(Parameters.LOGIN.name()); // MicroProfile Config 1.x has no getConfigValue: fail now
        refuseMisplacedSecretKey(config, System::getProperty, System::getenv);
        return of(config);
    }

    /** The parameters {@code config} sets. */
    static ParameterSource of(Config config) {
        Objects.requireNonNull(config, "config");
        return name -> NAMES.contains(name) ? lookup(config, name) : null;
    }

    /**
     * Fails when MicroProfile Config has the secret key from a source the key is not read from (e.g. the WAR's
     * {@code microprofile-config.properties} or a server's config property): ignored, it would leave the
     * library on a generated development key, and every sealed secret unreadable after a restart.
     *
     * @param property    the system properties ({@code System::getProperty})
     * @param environment the environment ({@code System::getenv})
     * @throws MfaConfigException naming the parameter and the source, never the value
     */
    static void refuseMisplacedSecretKey(Config config, UnaryOperator<String> property,
                                         UnaryOperator<String> environment) {
        if (property.apply(Parameters.SECRET_KEY) != null || environment.apply(SECRET_KEY_ENVIRONMENT) != null) {
            return; // read from there (or from JNDI before it) by SecretKeySource
        }
        ConfigValue found;
        try {
            found = config.getConfigValue(Parameters.SECRET_KEY);
        } catch (RuntimeException e) { // set, but not resolvable: misplaced all the same
            throw misplacedSecretKey("MicroProfile Config");
        }
        if (found != null && (found.getValue() != null || found.getRawValue() != null)) {
            throw misplacedSecretKey(origin(found));
        }
    }

    private static MfaConfigException misplacedSecretKey(String origin) {
        return new MfaConfigException(Parameters.SECRET_KEY, "(from MicroProfile Config, not shown)", "the key as "
                + "the JNDI env-entry " + "java:comp/env/" + Parameters.SECRET_KEY + ", the system property "
                + Parameters.SECRET_KEY + " or the environment variable " + SECRET_KEY_ENVIRONMENT
                + "; other MicroProfile Config sources are not read for it").from(origin);
    }

    private static ParameterSource.Sourced lookup(Config config, String name) {
        ConfigValue found;
        try {
            found = config.getConfigValue(name);
        } catch (RuntimeException e) { // e.g. an expression naming a property that does not exist
            throw new MfaConfigException(name, HIDDEN,
                    "a value MicroProfile Config can resolve (" + e.getClass().getSimpleName() + ")")
                    .from("MicroProfile Config");
        }
        if (found == null || found.getValue() == null) {
            return null;
        }
        String raw = found.getRawValue();
        if (raw == null || !raw.equals(found.getValue()) || raw.contains("${")) {
            // an expression could copy another property, the secret key included, into a value that is shown
            throw new MfaConfigException(name, HIDDEN, "a literal value (no ${...} expressions)").from(origin(found));
        }
        return new ParameterSource.Sourced(found.getValue(), origin(found));
    }

    private static String origin(ConfigValue found) {
        String source = found.getSourceName();
        return "MicroProfile Config source " + (source == null ? "(unnamed)" : source);
    }
}
