package dev.stepwise.mfa.factor.totp;

import java.time.Duration;
import java.util.Objects;

/**
 * How TOTP codes are computed and how much clock drift is tolerated.
 *
 * <pre>{@code
 * TotpSettings settings = TotpSettings.defaults().withWindow(0);   // no drift tolerated
 * }</pre>
 *
 * @param digits    code length, 6 to 8 (RFC 4226 §5.3: at least 6; otp-java supports up to 8)
 * @param period    time step, whole seconds, at least one second (RFC 6238 §5.2 recommends 30 s)
 * @param algorithm the HMAC (RFC 6238 §1.2)
 * @param window    accepted time steps either side of the current one, 0 to {@value #MAX_WINDOW}
 *                  (RFC 6238 §5.2 recommends at most one step of network delay; context parameter
 *                  {@code stepwise.mfa.totp.window})
 */
public record TotpSettings(int digits, Duration period, TotpAlgorithm algorithm, int window) {

    /** Upper bound for {@link #window()}: every extra step widens what a guess can hit. */
    public static final int MAX_WINDOW = 5;

    private static final TotpSettings DEFAULTS =
            new TotpSettings(6, Duration.ofSeconds(30), TotpAlgorithm.SHA1, 1);

    /**
     * Checks the components.
     * @param digits code length, 6 to 8 (RFC 4226 §5.3: at least 6; otp-java supports up to 8)
     * @param period time step, whole seconds, at least one second (RFC 6238 §5.2 recommends 30 s)
     * @param algorithm the HMAC (RFC 6238 §1.2)
     * @param window accepted time steps either side of the current one, 0 to {@value #MAX_WINDOW} (RFC 6238 §5.2 recommends at most one step of network delay; context parameter {@code stepwise.mfa.totp.window})
     */
    public TotpSettings {
        if (digits < 6 || digits > 8) {
            throw new IllegalArgumentException("TOTP digits must be 6, 7 or 8, was " + digits);
        }
        Objects.requireNonNull(period, "period");
        if (period.isNegative() || period.getSeconds() < 1 || period.getNano() != 0) {
            throw new IllegalArgumentException("TOTP period must be a whole number of seconds ≥ 1, was " + period);
        }
        Objects.requireNonNull(algorithm, "algorithm");
        if (window < 0 || window > MAX_WINDOW) {
            throw new IllegalArgumentException("TOTP window must be between 0 and " + MAX_WINDOW + ", was " + window);
        }
    }

    /**
     * 6 digits, 30 seconds, SHA-1, ±1 step: what every authenticator app understands.
     *
     * @return the TOTP settings
     */
    public static TotpSettings defaults() {
        return DEFAULTS;
    }

    /**
     * These settings with another drift window.
     *
     * @param steps the steps
     * @return these settings with another drift window
     */
    public TotpSettings withWindow(int steps) {
        return new TotpSettings(digits, period, algorithm, steps);
    }

    /** {@return the period in seconds} */
    public long periodSeconds() {
        return period.getSeconds();
    }
}
