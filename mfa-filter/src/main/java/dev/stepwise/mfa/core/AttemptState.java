package dev.stepwise.mfa.core;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Whether an account may try a factor now, as {@link AttemptPolicy} judged its {@link FailureCount}. Pure: it
 * holds instants, and the checks take the current time. The web layer checks it <em>before</em> verifying
 * anything, so during a lockout even a correct code is refused without being looked at:
 *
 * <pre>{@code
 * AttemptState s = throttle.check(user);
 * if (s.isLockedAt(now)) return new Decision.Denied(Decision.Denied.Why.LOCKED_OUT);
 * if (!s.allowsAttemptAt(now)) return tooSoon(s.retryAfter(now));
 * }</pre>
 *
 * @param failures    consecutive failures since the last success
 * @param lockedUntil end of the lockout (exclusive); {@link Instant#EPOCH} when the account is not locked
 * @param notBefore   earliest moment of the next attempt (growing delay, and the lockout end while locked);
 *                    {@link Instant#EPOCH} when there is no delay
 */
public record AttemptState(int failures, Instant lockedUntil, Instant notBefore) {

    /** No failures: no delay, no lockout. */
    public static final AttemptState CLEAR = new AttemptState(0, Instant.EPOCH, Instant.EPOCH);

    /**
     * Checks the components.
     * @param failures consecutive failures since the last success
     * @param lockedUntil end of the lockout (exclusive); {@link Instant#EPOCH} when the account is not locked
     * @param notBefore earliest moment of the next attempt (growing delay, and the lockout end while locked); {@link Instant#EPOCH} when there is no delay
     */
    public AttemptState {
        if (failures < 0) {
            throw new IllegalArgumentException("failures must be ≥ 0, was " + failures);
        }
        Objects.requireNonNull(lockedUntil, "lockedUntil");
        Objects.requireNonNull(notBefore, "notBefore");
    }

    /**
     * Whether the account is locked out at {@code now}; the lockout ends at {@link #lockedUntil()}.
     *
     * @param now the current instant
     * @return whether the account is locked out at {@code now}; the lockout ends at {@link #lockedUntil()}
     */
    public boolean isLockedAt(Instant now) {
        return now.isBefore(lockedUntil);
    }

    /**
     * Whether an attempt may be made at {@code now}: not locked, and the delay after recent failures is over.
     *
     * @param now the current instant
     * @return whether an attempt may be made at {@code now}: not locked, and the delay after recent failures is over
     */
    public boolean allowsAttemptAt(Instant now) {
        return !isLockedAt(now) && !now.isBefore(notBefore);
    }

    /**
     * How long until an attempt is allowed; zero when it is allowed now (for a {@code Retry-After}).
     *
     * @param now the current instant
     * @return how long until an attempt is allowed; zero when it is allowed now (for a {@code Retry-After})
     */
    public Duration retryAfter(Instant now) {
        Instant earliest = lockedUntil.isAfter(notBefore) ? lockedUntil : notBefore;
        return now.isBefore(earliest) ? Duration.between(now, earliest) : Duration.ZERO;
    }
}
