package dev.stepwise.mfa.factor;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * The outcome of {@link Factor#verify}.
 */
public sealed interface Verification {

    /**
     * The factor was proven.
     *
     * @param heldUntil the user's enrolment holds (factor id → end, ended ones allowed) read in the same snapshot
     *                  as what the input was checked against, at least the verified factor's (absent: none), to be
     *                  kept with the verification; {@code null} when the factor did not read them (they are then
     *                  read after the check)
     */
    record Accepted(Map<String, Instant> heldUntil) implements Verification {
        /**
         * Copies the holds.
         *
         * @param heldUntil as the record's component
         */
        public Accepted {
            heldUntil = heldUntil == null ? null : Map.copyOf(heldUntil);
        }

        /** Proven, the holds not read. */
        public Accepted() {
            this(null);
        }
    }

    /**
     * The input was wrong (counts as a failed attempt).
     *
     * @param messageKey bundle key of what the page shows; never says which part was wrong
     */
    record Rejected(String messageKey) implements Verification {
        /**
         * Checks the components.
         * @param messageKey bundle key of what the page shows; never says which part was wrong
         */
        public Rejected {
            Objects.requireNonNull(messageKey, "messageKey");
        }
    }

    /**
     * The factor could not be checked now (mail server down, gateway timeout); not the user's fault, not
     * counted as a failure, nothing granted.
     */
    record Unavailable(String messageKey) implements Verification {
        /**
         * Checks the components.
         * @param messageKey bundle key of what the page shows; never says which part was wrong
         */
        public Unavailable {
            Objects.requireNonNull(messageKey, "messageKey");
        }
    }

    /** {@return the verification} */
    static Verification accepted() {
        return new Accepted();
    }

    /**
     * Proven, with the holds read together with what was checked.
     *
     * @param heldUntil the holds ({@code null}: not read)
     * @return the verification
     */
    static Verification accepted(Map<String, Instant> heldUntil) {
        return new Accepted(heldUntil);
    }

    /**
     * The input was wrong ({@link Rejected}).
     *
     * @param messageKey bundle key of what the page shows; never says which part was wrong
     * @return the verification
     */
    static Verification rejected(String messageKey) {
        return new Rejected(messageKey);
    }

    /**
     * The factor could not check the input now ({@link Unavailable}).
     *
     * @param messageKey bundle key of what the page shows; never says which part was wrong
     * @return the verification
     */
    static Verification unavailable(String messageKey) {
        return new Unavailable(messageKey);
    }
}
