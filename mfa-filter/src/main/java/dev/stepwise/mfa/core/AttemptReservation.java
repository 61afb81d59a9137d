package dev.stepwise.mfa.core;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The outcome of {@link AccountThrottle#reserve}: either the attempt was counted (as a failure, before anything is
 * verified) and may be checked now, or the account may not try now.
 *
 * <pre>{@code
 * AttemptReservation reservation = throttle.reserve(user);
 * if (reservation instanceof AttemptReservation.Refused refused) {
 *     return tooManyRequests(refused.retryAfter());          // the input is not even looked at
 * }
 * Verification v = factor.verify(user, input, ctx);
 * // Accepted: throttle.recordSuccess(user)
 * // Rejected: the reservation stays as its failure; if ((Reserved) reservation).locksIfRejected(), fire the lockout
 * // Unavailable: throttle.giveBack(user) — nothing was checked, so nothing is counted
 * }</pre>
 */
public sealed interface AttemptReservation {

    /**
     * The attempt is counted already and may be verified now.
     *
     * @param ifRejected      the account's state with this attempt as a failure (it stays one unless the attempt
     *                        succeeds or is given back)
     * @param locksIfRejected this attempt reached {@code maxFailures}: if it is rejected, it locked the account, and
     *                        the lockout event is fired for it (exactly one concurrent attempt can see this)
     */
    record Reserved(AttemptState ifRejected, boolean locksIfRejected) implements AttemptReservation {
        /**
         * Checks the components.
         * @param ifRejected the account's state with this attempt as a failure (it stays one unless the attempt succeeds or is given back)
         * @param locksIfRejected this attempt reached {@code maxFailures}: if it is rejected, it locked the account, and the lockout event is fired for it (exactly one concurrent attempt can see this)
         */
        public Reserved {
            Objects.requireNonNull(ifRejected, "ifRejected");
        }
    }

    /** No attempt now: its input must not be looked at. */
    sealed interface Refused extends AttemptReservation {
        /** {@return how long until an attempt may be made, at least one second} */
        Duration retryAfter();

        /**
         * {@link #retryAfter()} in whole seconds, rounded up, for a {@code Retry-After} header (RFC 9110 §10.2.3).
         *
         * @return the retry after seconds
         */
        default long retryAfterSeconds() {
            Duration d = retryAfter();
            return d.getNano() == 0 ? d.getSeconds() : d.getSeconds() + 1;
        }
    }

    /**
     * The growing delay after recent failures is not over (or attempts are racing for the last allowed ones).
     *
     * @param retryAfter how long until an attempt may be made; at least one second
     */
    record TooSoon(Duration retryAfter) implements Refused {
        /**
         * Checks the components.
         * @param retryAfter how long until an attempt may be made; at least one second
         */
        public TooSoon {
            retryAfter = atLeastASecond(retryAfter);
        }
    }

    /**
     * The account is locked out: even a correct code is not looked at.
     *
     * @param until      when the lockout ends
     * @param retryAfter how long until then; at least one second
     */
    record Locked(Instant until, Duration retryAfter) implements Refused {
        /**
         * Checks the components.
         * @param until when the lockout ends
         * @param retryAfter how long until then; at least one second
         */
        public Locked {
            Objects.requireNonNull(until, "until");
            retryAfter = atLeastASecond(retryAfter);
        }
    }

    private static Duration atLeastASecond(Duration d) {
        Objects.requireNonNull(d, "retryAfter");
        return d.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : d;
    }
}
