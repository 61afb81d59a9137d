package dev.stepwise.mfa.runtime;

import dev.stepwise.mfa.core.AttemptState;
import dev.stepwise.mfa.factor.Verification;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * What became of one attempt on a user's account ({@link Attempts}): the pages only render it.
 */
public sealed interface AttemptOutcome {

    /** Bundle key of "too many attempts, wait {0} seconds". */
    String WAIT = "stepwise.mfa.error.wait";
    /** Bundle key of "the account is locked, try again in {0} seconds". */
    String LOCKED = "stepwise.mfa.error.locked";
    /** Bundle key of "the factor could not be checked now". */
    String UNAVAILABLE = "stepwise.mfa.error.unavailable";

    /** {@return what the challenge page says about this outcome; {@code null} for {@link Verified}} */
    String messageKey();

    /**
     * The factor was proven; the failure count was reset (or, for an enrolment, the attempt given back).
     *
     * @param heldUntil the holds the factor read with what it checked ({@link Verification.Accepted#heldUntil}), to
     *                  be kept with the verification; {@code null} when it read none (they are read afterwards)
     */
    record Verified(Map<String, Instant> heldUntil) implements AttemptOutcome {
        /**
         * Copies the holds.
         *
         * @param heldUntil as the record's component
         */
        public Verified {
            heldUntil = heldUntil == null ? null : Map.copyOf(heldUntil);
        }

        /** Proven, the holds not read. */
        public Verified() {
            this(null);
        }

        @Override
        public String messageKey() {
            return null;
        }
    }

    /**
     * The input was wrong: the attempt stays counted as a failure.
     *
     * @param factorMessage what the factor said (never which part was wrong)
     * @param locked        the account is locked now (this failure locked it, or a lockout already ran)
     * @param after         the account's state with this failure counted: its failures (for the attempts left
     *                      before the lockout) and when it may try again
     */
    record Rejected(String factorMessage, boolean locked, AttemptState after) implements AttemptOutcome {
        /**
         * Checks the components.
         * @param factorMessage what the factor said (never which part was wrong)
         * @param locked the account is locked now (this failure locked it, or a lockout already ran)
         * @param after the account's state with this failure counted
         */
        public Rejected {
            Objects.requireNonNull(factorMessage, "factorMessage");
            Objects.requireNonNull(after, "after");
        }

        /** The lockout when locked, else the factor's message. */
        @Override
        public String messageKey() {
            return locked ? LOCKED : factorMessage;
        }
    }

    /**
     * No attempt now (locked, or too soon after failures): the input was not looked at.
     *
     * @param retryAfterSeconds whole seconds for a {@code Retry-After} header, at least one
     * @param locked            the account is locked (else it only has to wait)
     */
    record Refused(long retryAfterSeconds, boolean locked) implements AttemptOutcome {
        @Override
        public String messageKey() {
            return locked ? LOCKED : WAIT;
        }
    }

    /**
     * The factor could not check the input (its service is down, or it failed): nothing granted.
     *
     * @param messageKey what the page says
     */
    record Unavailable(String messageKey) implements AttemptOutcome {
        /**
         * Checks the components.
         * @param messageKey what the page says
         */
        public Unavailable {
            Objects.requireNonNull(messageKey, "messageKey");
        }
    }
}
