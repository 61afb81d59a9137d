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
        return reserve(user, (c, expected, next) -> c.replace(user, expected, next));
    }

    /**
     * As {@link #reserve(String)}, each compare-and-set of the count made by {@code count} instead of
     * {@code counter.replace(user, expected, next)}: a factor may count the attempt together with reading what its
     * check needs. The policy judges the count exactly as always.
     *
     * @param user  the account
     * @param count the compare-and-set of the count (with what the factor reads)
     * @return as {@link #reserve(String)}
     */
    public AttemptReservation reserve(String user, AttemptCount count) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(count, "count");
        AttemptReservation fromNone = reserveFromNone(count);
        if (fromNone != null) {
            return fromNone;
        }
        for (int round = 0; round < MAX_ROUNDS; round++) {
            Instant now = clock.instant();
            FailureCount read = counter.read(user);
            AttemptState state = policy.evaluate(read);
            if (state.isLockedAt(now)) {
                return new AttemptReservation.Locked(state.lockedUntil(), state.retryAfter(now));
            }
            if (!state.allowsAttemptAt(now)) {
                return new AttemptReservation.TooSoon(state.retryAfter(now));
            }
            FailureCount next = read.next(now);
            if (count.count(counter, read, next)) {
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
    private AttemptReservation reserveFromNone(AttemptCount count) {
        Instant now = clock.instant();
        AttemptState none = policy.evaluate(FailureCount.NONE);
        if (none.isLockedAt(now) || !none.allowsAttemptAt(now)) {
            return null;
        }
        FailureCount next = FailureCount.NONE.next(now);
        return count.count(counter, FailureCount.NONE, next)
                ? new AttemptReservation.Reserved(policy.evaluate(next), policy.locks(next.failures())) : null;
    }

    /**
     * How an attempt is counted: moves the account's count from {@code expected} to {@code next} if and only if it
     * is {@code expected} (none: no failures), in one atomic step over {@code counter}'s data (as
     * {@code counter.replace(user, expected, next)}), and returns whether it did; when it did not, it changed
     * nothing.
     */
    @FunctionalInterface
    public interface AttemptCount {
        /**
         * The compare-and-set of one attempt.
         *
         * @param counter  where the account's failures are counted
         * @param expected the count the policy judged
         * @param next     the count with this attempt
         * @return whether this call moved the count from {@code expected} to {@code next}
         */
        boolean count(FailureCounter counter, FailureCount expected, FailureCount next);
    }

    /**
     * A factor capability ({@code Factor.capability(CountedChecks.class)}): a check of one attempt that counts the
     * attempt itself, together with reading what it checks against, and may end the failures together with using
     * up what it accepted — fewer round trips to the store for the usual
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
     * One attempt's check; see {@link CountedChecks}. {@link #check} runs only once {@link #count} has counted the
     * attempt (the throttle judges the count as always), and checks against what that count read.
     */
    public interface CountedCheck<R> extends AttemptCount {
        /**
         * Checks the input, with what {@link #count} read when it counted.
         *
         * @return the factor's result
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
