package dev.stepwise.mfa.cdi;

import dev.stepwise.mfa.factor.totp.InMemoryTotpCredentialStore;
import dev.stepwise.mfa.factor.totp.TotpCredentialStore;
import dev.stepwise.mfa.factor.totp.TotpFactor;
import dev.stepwise.mfa.factor.totp.TotpSettings;
import dev.stepwise.mfa.web.MfaEnforcement;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * Makes the built-in factors CDI beans, built from the library's configuration and clock. The factor classes
 * themselves are plain Java; this is the only place that knows how to assemble them.
 */
@ApplicationScoped
public class BuiltInFactors {

    private final TotpCredentialStore totpCredentials = new InMemoryTotpCredentialStore();

    @Inject
    MfaEnforcement enforcement;

    @Produces
    @Singleton
    TotpFactor totp() {
        return new TotpFactor(totpCredentials, enforcement.clock(),
                TotpSettings.defaults().withWindow(enforcement.config().totpWindow()));
    }
}
