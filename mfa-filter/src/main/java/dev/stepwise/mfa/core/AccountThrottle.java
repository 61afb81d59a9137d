package dev.stepwise.mfa.core;

import java.time.Clock;
import java.util.Objects;

/**
 * Per-account throttling of factor attempts: check before verifying, record the outcome after.
 *
 * <pre>{@code
 * AttemptState state = throttle.check(user);
 * if (state.isLockedAt(clock.instant())) {
 *     return new Decision.Denied(Decision.Denied.Why.LOCKED_OUT);   // not even a correct code is looked at
 * }
 * if (!state.allowsAttemptAt(clock.instant())) { … "try again in" state.retryAfter(now) … }
 * Verification v = factor.verify(user, input, ctx);
 * if (v instanceof Verification.Accepted) {
 *     throttle.recordSuccess(user);
 * } else if (v instanceof Verification.Rejected) {
 *     FailureOutcome o = throttle.recordFailure(user);
 *     if (o.lockedNow()) { events.fire(…lockout…); }
 * }
 * }</pre>
 *
 * <p>Sending or resending a code is neither a success nor a failure and must not touch the count (SECURITY.md:
 * "sending a new code does not reset the failure count"). Thread-safe when its counter is.
 */
public final class AccountThrottle {

    private final FailureCounter counter;
    private final AttemptPolicy policy;
    private final Clock clock;

    public AccountThrottle(FailureCounter counter, AttemptPolicy policy, Clock clock) {
        this.counter = Objects.requireNonNull(counter, "counter");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public AttemptPolicy policy() {
        return policy;
    }

    /** The account's state now; check it before verifying an attempt. */
    public AttemptState check(String user) {
        return policy.evaluate(counter.read(user));
    }

    /** Counts a failed attempt (a wrong code, a failed assertion). */
    public FailureOutcome recordFailure(String user) {
        FailureCount after = counter.increment(user, clock.instant());
        return new FailureOutcome(policy.evaluate(after), policy.locks(after.failures()));
    }

    /** A factor was verified: the consecutive failures end. */
    public void recordSuccess(String user) {
        counter.reset(user);
    }

    /**
     * What a recorded failure led to.
     *
     * @param state     the account's state including this failure
     * @param lockedNow this failure (re)started a lockout: fire the lockout event once, for this call
     */
    public record FailureOutcome(AttemptState state, boolean lockedNow) {
        public FailureOutcome {
            Objects.requireNonNull(state, "state");
        }
    }
}
