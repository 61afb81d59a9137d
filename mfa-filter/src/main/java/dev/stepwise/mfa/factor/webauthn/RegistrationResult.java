package dev.stepwise.mfa.factor.webauthn;

import java.util.Base64;
import java.util.Objects;

/**
 * The outcome of {@link WebAuthnRegistration#finishRegistration}: expected outcomes are values, not exceptions.
 *
 * <pre>{@code
 * RegistrationResult result = registration.finishRegistration(user, json, name, ctx);
 * if (result instanceof RegistrationResult.Registered registered) {
 *     events.fire(...);                               // a factor was added: notify the user
 * } else if (result instanceof RegistrationResult.Refused refused) {
 *     page.showError(refused.reason().messageKey());  // and offer to start again
 * }
 * }</pre>
 */
public sealed interface RegistrationResult {

    /**
     * The credential was verified and stored.
     *
     * @param credentialId the new credential's id; copied in and out
     */
    record Registered(byte[] credentialId) implements RegistrationResult {
        /**
         * Checks the components and copies the mutable ones.
         * @param credentialId the new credential's id; copied in and out
         */
        public Registered {
            credentialId = Objects.requireNonNull(credentialId, "credentialId").clone();
        }

        /** {@return the credential ID (a copy)} */
        @Override
        public byte[] credentialId() {
            return credentialId.clone();
        }

        /** {@return the id in base64url without padding, as the browser's {@code PublicKeyCredential.id}} */
        public String credentialIdBase64Url() {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(credentialId);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Registered r && java.util.Arrays.equals(credentialId, r.credentialId);
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(credentialId);
        }

        /** Keeps the credential id out of logs. */
        @Override
        public String toString() {
            return "Registered[]";
        }
    }

    /**
     * Nothing was stored.
     *
     * @param reason why; the page shows {@link Reason#messageKey()}
     */
    record Refused(Reason reason) implements RegistrationResult {
        /**
         * Checks the components.
         * @param reason why; the page shows {@link Reason#messageKey()}
         */
        public Refused {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Why a registration was refused. */
    enum Reason {
        /** The response JSON is missing, larger than 16 KiB, not JSON, or lacks a required field. */
        MALFORMED("stepwise.mfa.error.webauthn"),
        /**
         * No challenge is pending for this user in this session: never started, already answered (each
         * challenge is used once), or expired.
         */
        NO_CHALLENGE("stepwise.mfa.error.webauthn.expired"),
        /**
         * webauthn4j refused the response: wrong challenge, origin or RP ID, missing user presence, an algorithm
         * that was not offered, a bad attestation signature, …
         */
        NOT_VERIFIED("stepwise.mfa.error.webauthn"),
        /** WebAuthn L2 §7.1 step 22: this credential id is already registered (to this or another user). */
        ALREADY_REGISTERED("stepwise.mfa.error.webauthn.registered"),
        /** The user-chosen name is empty, longer than 64 characters or contains control characters. */
        INVALID_NAME("stepwise.mfa.error.webauthn.name");

        private final String messageKey;

        Reason(String messageKey) {
            this.messageKey = messageKey;
        }

        /** {@return the bundle key of what the page shows} */
        public String messageKey() {
            return messageKey;
        }
    }
}
