package dev.stepwise.mfa.factor.otp;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link OneTimeCodes#send} did. Expected outcomes are values.
 *
 * <pre>{@code
 * if (outcome instanceof SendOutcome.CoolingDown c) {
 *     model.put("resendIn", c.remaining().toSeconds());
 * }
 * }</pre>
 */
public sealed interface SendOutcome {

    /** {@return the code live after this call, if any (the new one, or the earlier one that is still valid)} */
    Optional<CodeIssue> live();

    /**
     * A new code was delivered and is now the only valid one.
     *
     * @param issue when it was issued and until when it is valid
     */
    record Sent(CodeIssue issue) implements SendOutcome {
        /**
         * Checks the components.
         * @param issue when it was issued and until when it is valid
         */
        public Sent {
            Objects.requireNonNull(issue, "issue");
        }

        @Override
        public Optional<CodeIssue> live() {
            return Optional.of(issue);
        }
    }

    /**
     * Refused: the last code was sent less than the resend cooldown ago, or another send for this user and
     * channel is under way, on this node or another one sharing the store. Nothing was sent and nothing changed.
     *
     * @param remaining how long until a send is allowed again (positive)
     * @param live      the code still valid, if any
     */
    record CoolingDown(Duration remaining, Optional<CodeIssue> live) implements SendOutcome {
        /**
         * Checks the components.
         * @param remaining how long until a send is allowed again (positive)
         * @param live the code still valid, if any
         */
        public CoolingDown {
            Objects.requireNonNull(remaining, "remaining");
            Objects.requireNonNull(live, "live");
        }

        /** {@return the remaining time in whole seconds, rounded up (what a page shows)} */
        public long remainingSeconds() {
            return secondsRoundedUp(remaining);
        }
    }

    /**
     * Delivery failed. Nothing was stored: the previous code, if one is still valid, stays valid (it was
     * delivered; a failed resend must not take it away — docs/security-model.md "nothing already stored is lost"), and
     * the cooldown does not start, so the user may retry at once.
     *
     * @param failure what went wrong (no code in it)
     * @param live    the earlier code still valid, if any
     */
    record NotDelivered(CodeDeliveryException failure, Optional<CodeIssue> live) implements SendOutcome {
        /**
         * Checks the components.
         * @param failure what went wrong (no code in it)
         * @param live the earlier code still valid, if any
         */
        public NotDelivered {
            Objects.requireNonNull(failure, "failure");
            Objects.requireNonNull(live, "live");
        }
    }

    /**
     * {@code d} in whole seconds, rounded up, never negative.
     *
     * @param d the d
     * @return the seconds rounded up
     */
    static long secondsRoundedUp(Duration d) {
        if (d.isNegative() || d.isZero()) {
            return 0;
        }
        long s = d.getSeconds();
        return d.getNano() > 0 ? s + 1 : s;
    }
}
