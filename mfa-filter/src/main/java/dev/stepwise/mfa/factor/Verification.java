package dev.stepwise.mfa.factor;

import java.util.Objects;

/**
 * The outcome of {@link Factor#verify}.
 */
public sealed interface Verification {

    /** The factor was proven. */
    record Accepted() implements Verification {
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
