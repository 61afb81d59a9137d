package dev.stepwise.mfa.cdi;

import dev.stepwise.mfa.factor.recovery.RecoveryCodeUsed;
import dev.stepwise.mfa.factor.recovery.RecoveryFactor;
import dev.stepwise.mfa.factor.totp.TotpFactor;
import dev.stepwise.mfa.factor.totp.TotpSettings;
import dev.stepwise.mfa.web.MfaEnforcement;
import dev.stepwise.mfa.web.MfaStorage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * Makes the built-in factors CDI beans, built from the library's configuration, clock and store (the
 * application's database, so every node shares enrolments and replay guards). The factor classes themselves are
 * plain Java; this is the only place that knows how to assemble them.
 */
@ApplicationScoped
public class BuiltInFactors {

    @Inject
    MfaEnforcement enforcement;

    @Inject
    MfaStorage storage;

    @Inject
    Event<RecoveryCodeUsed> recoveryCodeUsed;

    @Produces
    @Singleton
    TotpFactor totp() {
        return new TotpFactor(storage.store().totpCredentials(), enforcement.clock(),
                TotpSettings.defaults().withWindow(enforcement.config().totpWindow()));
    }

    /** Recovery codes; each use fires {@link RecoveryCodeUsed} so the application can tell the user. */
    @Produces
    @Singleton
    RecoveryFactor recovery() {
        return new RecoveryFactor(storage.store().recoveryCodes(), recoveryCodeUsed::fire);
    }
}
