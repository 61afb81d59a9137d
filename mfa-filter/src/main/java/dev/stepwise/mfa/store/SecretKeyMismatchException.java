package dev.stepwise.mfa.store;

import java.util.Objects;

/**
 * The secret key of this start is not the one the store's secrets were sealed with; thrown when the store opens, before
 * anything is written, so the deployment fails instead of failing each user later. The message names the case,
 * never a key or a sealed value; {@link #reason()} lets the caller say which key source to fix.
 *
 * <pre>{@code
 * SecretKeyCheck.open(dataSource, Optional.of(otherKey), true, clock);   // throws, reason WRONG_KEY
 * }</pre>
 */
public class SecretKeyMismatchException extends RuntimeException {

    /** Why the key does not fit. */
    public enum Reason {
        /** A key is configured, and the store's secrets were sealed with another one. */
        WRONG_KEY("the configured secret key is not the one the stored secrets were sealed with"),
        /**
         * No key is configured and the store's database is not the embedded H2 one: development mode (a key kept
         * beside the data) is refused there, whatever the store holds.
         */
        KEY_REQUIRED("no secret key is configured; development mode (a key kept beside the data) is only for the"
                + " embedded H2 database"),
        /** No key is configured, and the store's secrets were sealed with a configured key. */
        KEY_MISSING("no secret key is configured, but the stored secrets were sealed with a configured key"),
        /** A key is configured, and the store's secrets were sealed in development mode with its stored key. */
        DEVELOPMENT_DATA("a secret key is configured, but the stored secrets were sealed in development mode with the"
                + " key kept in the database");

        private final String text;

        Reason(String text) {
            this.text = text;
        }

        /** {@return one sentence for the operator} */
        public String text() {
            return text;
        }
    }

    /** The reason. */
    private final Reason reason;

    /** @param reason which case */
    public SecretKeyMismatchException(Reason reason) {
        super(Objects.requireNonNull(reason, "reason").text());
        this.reason = reason;
    }

    /** {@return which case} */
    public Reason reason() {
        return reason;
    }
}
