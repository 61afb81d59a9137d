package dev.stepwise.mfa.runtime.config;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;

/**
 * Per-account throttling of failed factor attempts (NIST SP 800-63B §5.2.2: at most 100).
 *
 * @param maxFailures {@code stepwise.mfa.lockout.max-failures}: consecutive failures before the account is locked
 * @param duration    {@code stepwise.mfa.lockout.duration}: how long a lockout lasts
 */
public record LockoutSettings(int maxFailures, Duration duration) {

    /**
     * Checks the components.
     * @param maxFailures {@code stepwise.mfa.lockout.max-failures}: consecutive failures before the account is locked
     * @param duration {@code stepwise.mfa.lockout.duration}: how long a lockout lasts
     */
    public LockoutSettings {
        Objects.requireNonNull(duration, "duration");
    }

    /**
     * Reads the lockout parameters.
     *
     * @param source where the configuration values are read from
     * @return the lockout settings
     */
    public static LockoutSettings read(Function<String, String> source) {
        return new LockoutSettings(Parameters.LOCKOUT_MAX_FAILURES.read(source),
                Parameters.LOCKOUT_DURATION.read(source));
    }
}
