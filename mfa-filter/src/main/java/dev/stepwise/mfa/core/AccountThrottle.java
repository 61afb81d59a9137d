package dev.stepwise.mfa.core;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * Per-account throttling of factor attempts. Each attempt is <em>reserved</em> before its input is looked at:
 * {@link #reserve} counts it up as a failure in one atomic step, and only if the policy allows an attempt now; the
 * factor then verifies; a success resets the count, a rejection keeps the reservation as its failure, and an
 * attempt that could not be checked is given back. So N simultaneous attempts from N sessions or nodes check no
 * more than the policy allows (issue 10: reading the count, checking and counting as separate steps let 30
 * parallel guesses check 9 where 3 were allowed).
 *
 * <pre>{@code
 * AttemptReservation reservation = throttle.reserve(user);
 * if (reservation instanceof AttemptReservation.Refused refused) {
 *     return tooManyRequests(refused.retryAfter());   // locked or too soon: not even a correct code is looked at
 * }
 * AttemptReservation.Reserved reserved = (AttemptReservation.Reserved) reservation;
 * Verification v = factor.verify(user, input, ctx);
 * if (v instanceof Verification.Accepted) {
 *     throttle.recordSuccess(user);
 * } else if (v instanceof Verification.Rejected && reserved.locksIfRejected()) {
 *     events.fire(…lockout…);
 * } else if (v instanceof Verification.Unavailable) {
 *     throttle.giveBack(user);
 * }
 * }</pre>
 *
 * <p>Sending or resending a code is neither a success nor a failure and must not touch the count (docs/security-model.md:
 * "sending a new code does not reset the failure count"). Thread-safe when its counter is.
 */
public final class AccountThrottle {

    /**
     * Compare-and-set rounds before giving up on a very busy account. Each lost round means another attempt was
     * counted (or a success reset the count), and the policy lets only a few through before it delays, so a
     * caller loses only a few rounds in practice.
     */
    private static final int MAX_ROUNDS = 32;

    private final FailureCounter counter;
    private final AttemptPolicy policy;
    private final Clock clock;

    /**
     * Creates the account throttle from its parts.
     *
     * @param counter the counter
     * @param policy the policy
     * @param clock the clock that tells the time
     */
    public AccountThrottle(FailureCounter counter, AttemptPolicy policy, Clock clock) {
        this.counter = Objects.requireNonNull(counter, "counter");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** {@return the attempt policy} */
    public AttemptPolicy policy() {
        return policy;
    }

    /**
     * The account's state now (for risk signals and pages; an attempt is decided by {@link #reserve}).
     *
     * @param user the user name (the container's caller principal name)
     * @return the account's state now (for risk signals and pages; an attempt is decided by {@link #reserve})
     */
    public AttemptState check(String user) {
        return policy.evaluate(counter.read(user));
    }

    /**
     * Reserves one attempt of {@code user}: counts it as a failure now, if the policy allows an attempt now, as one
     * compare-and-set on the count it judged (re-read and judged again after losing a race).
     *
     * @param user the user name (the container's caller principal name)
     * @return {@link AttemptReservation.Reserved} when the attempt may be verified; otherwise why not and for how
     *         long ({@link AttemptReservation.Locked}, {@link AttemptReservation.TooSoon})
     */
    public AttemptReservation reserve(String user) {
        return reserve(user, (c, first) -> c.replace(user, FailureCount.NONE, first));
    }

    /**
     * As {@link #reserve(String)}, the usual case (an account without failures) counted by {@code firstCount}
     * instead of {@code counter.replace(user, NONE, first)}: a factor may count it together with reading what its
     * check needs. An account with failures is read and judged as always.
     *
     * @param user the user name (the container's caller principal name)
     * @param firstCount the first count
     * @return the attempt reservation
     */
    public AttemptReservation reserve(String user, FirstCount firstCount) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(firstCount, "firstCount");
        AttemptReservation fromNone = reserveFromNone(user, firstCount);
        if (fromNone != null) {
            return fromNone;
        }
        for (int round = 0; round < MAX_ROUNDS; round++) {
            Instant now = clock.instant();
            FailureCount count = counter.read(user);
            AttemptState state = policy.evaluate(count);
            if (state.isLockedAt(now)) {
                return new AttemptReservation.Locked(state.lockedUntil(), state.retryAfter(now));
            }
            if (!state.allowsAttemptAt(now)) {
                return new AttemptReservation.TooSoon(state.retryAfter(now));
            }
            FailureCount next = count.next(now);
            if (counter.replace(user, count, next)) {
                return new AttemptReservation.Reserved(policy.evaluate(next), policy.locks(next.failures()));
            }
        }
        // Still racing after many rounds: refuse this one rather than spin (fail closed, try again shortly).
        return new AttemptReservation.TooSoon(policy.firstDelay());
    }

    /**
     * The usual case in one step, without reading first: an account without failures, which the policy always
     * lets try, moves from no failure to one by the same compare-and-set; {@code null} when it had failures (or
     * another attempt came first), and the count must be read and judged.
     */
    private AttemptReservation reserveFromNone(String user, FirstCount firstCount) {
        Instant now = clock.instant();
        AttemptState none = policy.evaluate(FailureCount.NONE);
        if (none.isLockedAt(now) || !none.allowsAttemptAt(now)) {
            return null;
        }
        FailureCount next = FailureCount.NONE.next(now);
        return firstCount.countFirst(counter, next)
                ? new AttemptReservation.Reserved(policy.evaluate(next), policy.locks(next.failures())) : null;
    }

    /**
     * How an attempt of an account without failures is counted: moves the account's count from none to
     * {@code first} if and only if it has none, in one atomic step over {@code counter}'s data (as
     * {@code counter.replace(user, NONE, first)}), and returns whether it did; when it did not, it changed nothing.
     */
    @FunctionalInterface
    public interface FirstCount {
        /**
         * Counts the first failure of an account that has none.
         *
         * @param counter the counter
         * @param first the count to store for a first failure
         * @return whether the first failure was counted (the count was still {@code first})
         */
        boolean countFirst(FailureCounter counter, FailureCount first);
    }

    /**
     * A factor capability ({@code Factor.capability(CountedChecks.class)}): a check of one attempt that counts the
     * attempt of an account without failures itself, together with reading what it checks against, and may end
     * the failures together with using up what it accepted — fewer round trips to the store for the usual
     * sign-in. {@code I}, {@code C}, {@code R}: the factor's input, challenge context and verification.
     */
    @FunctionalInterface
    public interface CountedChecks<I, C, R> {
        /**
         * A new check of one attempt of {@code user} (never shared between attempts).
         *
         * @param user the user name (the container's caller principal name)
         * @param input the input
         * @param ctx the context of the check
         * @return a new check of one attempt of {@code user} (never shared between attempts)
         */
        CountedCheck<R> countedCheck(String user, I input, C ctx);
    }

    /**
     * One attempt's check; see {@link CountedChecks}. An account with failures is reserved as always (its
     * {@link #countFirst} returned {@code false}), and then {@link #check} must check as the factor always does.
     */
    public interface CountedCheck<R> extends FirstCount {
        /**
         * Checks the input, with what {@link #countFirst} read if it counted.
         *
         * @return the r
         */
        R check();

        /** {@return whether an accepted {@link #check} has already ended the account's consecutive failures} */
        boolean endedFailures();
    }

    /**
     * A factor was verified: the consecutive failures end.
     *
     * @param user the user name (the container's caller principal name)
     */
    public void recordSuccess(String user) {
        counter.reset(user);
    }

    /**
     * Takes back a reservation whose attempt could not be checked (the factor was unavailable): an attempt that
     * learned the caller nothing is not a failure ({@code Verification.Unavailable}). If a success reset the count
     * and a new failure was counted in between, that one is taken back instead; the count is never below zero.
     *
     * @param user the user name (the container's caller principal name)
     */
    public void giveBack(String user) {
        counter.giveBack(user);
    }
}
