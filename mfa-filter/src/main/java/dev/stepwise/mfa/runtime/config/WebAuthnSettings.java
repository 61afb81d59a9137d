package dev.stepwise.mfa.runtime.config;

import dev.stepwise.mfa.runtime.config.MfaConfigException;

import java.util.Set;
import java.util.function.Function;

/**
 * The WebAuthn relying party. Without {@code rp-id} the library runs in development mode: each request's own
 * host is the relying party and its origin the only allowed one (and it says so in the log).
 *
 * @param rpId             {@code stepwise.mfa.webauthn.rp-id}, e.g. {@code bank.example}, or {@code null}
 * @param origins          {@code stepwise.mfa.webauthn.origins}, e.g. {@code https://bank.example}; empty with
 *                         no rp-id
 * @param userVerification {@code stepwise.mfa.webauthn.user-verification}: {@code required}, {@code preferred}
 *                         or {@code discouraged}, with or without an rp-id
 * @param passkeyLogin     {@code stepwise.mfa.webauthn.passkey-login}: whether passkey sign-in is offered
 */
public record WebAuthnSettings(String rpId, Set<String> origins, String userVerification, boolean passkeyLogin) {

    /**
     * Checks the components and copies the mutable ones.
     * @param rpId {@code stepwise.mfa.webauthn.rp-id}, e.g. {@code bank.example}, or {@code null}
     * @param origins {@code stepwise.mfa.webauthn.origins}, e.g. {@code https://bank.example}; empty with no rp-id
     * @param userVerification {@code stepwise.mfa.webauthn.user-verification}: {@code required},
     *                         {@code preferred} or {@code discouraged}
     * @param passkeyLogin {@code stepwise.mfa.webauthn.passkey-login}: whether passkey sign-in is offered
     */
    public WebAuthnSettings {
        origins = Set.copyOf(origins);
        userVerification = Policies.userVerification(Parameters.WEBAUTHN_USER_VERIFICATION.name(),
                java.util.Objects.requireNonNull(userVerification, "userVerification"));
    }

    /**
     * Reads the WebAuthn parameters; origins need an rp-id, and default to {@code https://} and the rp-id.
     *
     * @param source where the configuration values are read from
     * @return the web authn settings
     */
    public static WebAuthnSettings read(Function<String, String> source) {
        boolean passkeyLogin = Parameters.WEBAUTHN_PASSKEY_LOGIN.read(source);
        if (passkeyLogin && !Parameters.FACTORS.read(source).contains("webauthn")) {
            throw new MfaConfigException(Parameters.WEBAUTHN_PASSKEY_LOGIN.name(), "on", "off, or on together with "
                    + "the webauthn factor in " + Parameters.FACTORS.name());
        }
        Parameter<Set<String>> originsParameter = Parameters.WEBAUTHN_ORIGINS;
        String origins = originsParameter.raw(source);
        String rpId = Parameters.WEBAUTHN_RP_ID.read(source);
        String userVerification = Parameters.WEBAUTHN_USER_VERIFICATION.read(source);
        if (rpId == null) {
            if (origins != null) {
                throw new MfaConfigException(originsParameter.name(), origins, "origins together with "
                        + Parameters.WEBAUTHN_RP_ID.name() + " (the registrable domain they belong to)");
            }
            return new WebAuthnSettings(null, Set.of(), userVerification, passkeyLogin);
        }
        String text = origins != null ? origins : originsParameter.defaultValue().replace("{rp-id}", rpId);
        return new WebAuthnSettings(rpId, originsParameter.parse(text), userVerification, passkeyLogin);
    }
}
