package dev.stepwise.mfa.factor.totp;

import java.time.Clock;
import java.time.Instant;

/** The codes of a secret as an authenticator app shows them (the verifier's own computation), for other packages' tests. */
public final class TotpCodesForTests {

    private static final TotpVerifier CODES = new TotpVerifier(TotpSettings.defaults(), Clock.systemUTC(),
            new InMemoryTotpCredentialStore());

    private TotpCodesForTests() {
    }

    /** The time step of {@code at} (30-second steps). */
    public static long stepAt(Instant at) {
        return CODES.stepAt(at);
    }

    /** The 6-digit code of {@code secret} at {@code at}. */
    public static String codeAt(TotpSecret secret, Instant at) {
        return CODES.codeAt(secret, CODES.stepAt(at));
    }
}
