package dev.stepwise.mfa.factor.otp;

import java.time.Duration;
import java.util.Objects;

/**
 * The rules for one-time codes of one channel. Validated when built, so a bad configuration fails the
 * deployment instead of weakening the factor.
 *
 * <pre>{@code
 * OneTimeCodeSettings settings = OneTimeCodeSettings.defaults();                   // 6 digits, 10 min, 30 s
 * OneTimeCodeSettings sms = new OneTimeCodeSettings(8, Duration.ofMinutes(5), Duration.ofMinutes(1));
 * }</pre>
 *
 * @param digits         code length, {@value #MIN_DIGITS}–{@value #MAX_DIGITS} (NIST SP 800-63B rev4 §3.1.3:
 *                       at least 6 decimal digits)
 * @param validity       how long a sent code is accepted: positive and at most 10 minutes (NIST SP 800-63B
 *                       rev4 §3.1.3; ASVS 4.0.3 2.7.2)
 * @param resendCooldown how long after a send another is refused; zero or more, at most {@code validity} (so
 *                       a code that expired can always be replaced)
 */
public record OneTimeCodeSettings(int digits, Duration validity, Duration resendCooldown) {

    /** The fewest digits a code may have. */
    public static final int MIN_DIGITS = 6;
    /** The most digits a code may have. */
    public static final int MAX_DIGITS = 8;
    /** The digits of a code unless configured otherwise. */
    public static final int DEFAULT_DIGITS = 6;
    /** The longest validity allowed and the default. */
    public static final Duration MAX_VALIDITY = Duration.ofMinutes(10);
    /** The default resend cooldown. */
    public static final Duration DEFAULT_RESEND_COOLDOWN = Duration.ofSeconds(30);

    /**
     * Checks the components.
     * @param digits code length, {@value #MIN_DIGITS}–{@value #MAX_DIGITS} (NIST SP 800-63B rev4 §3.1.3: at least 6 decimal digits)
     * @param validity how long a sent code is accepted: positive and at most 10 minutes (NIST SP 800-63B rev4 §3.1.3; ASVS 4.0.3 2.7.2)
     * @param resendCooldown how long after a send another is refused; zero or more, at most {@code validity} (so a code that expired can always be replaced)
     */
    public OneTimeCodeSettings {
        if (digits < MIN_DIGITS || digits > MAX_DIGITS) {
            throw new IllegalArgumentException("digits must be " + MIN_DIGITS + " to " + MAX_DIGITS + ", was "
                    + digits);
        }
        Objects.requireNonNull(validity, "validity");
        Objects.requireNonNull(resendCooldown, "resendCooldown");
        if (validity.isNegative() || validity.isZero() || validity.compareTo(MAX_VALIDITY) > 0) {
            throw new IllegalArgumentException("validity must be more than 0 and at most " + MAX_VALIDITY
                    + " (NIST SP 800-63B), was " + validity);
        }
        if (resendCooldown.isNegative() || resendCooldown.compareTo(validity) > 0) {
            throw new IllegalArgumentException("resendCooldown must be between 0 and the validity (" + validity
                    + "), was " + resendCooldown);
        }
    }

    /**
     * 6 digits, valid 10 minutes, 30 seconds between sends.
     *
     * @return the one time code settings
     */
    public static OneTimeCodeSettings defaults() {
        return new OneTimeCodeSettings(DEFAULT_DIGITS, MAX_VALIDITY, DEFAULT_RESEND_COOLDOWN);
    }
}
