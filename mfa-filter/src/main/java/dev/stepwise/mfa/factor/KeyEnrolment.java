package dev.stepwise.mfa.factor;

/**
 * A factor's capability to enrol a shared secret held by an app on the user's phone (the built-in {@code totp}
 * factor): the settings page offers a key ({@link #offerKey}, a POST: it replaces a key being set up), and
 * activates it when the user types a code it made ({@link #confirmKey}).
 */
public interface KeyEnrolment {

    /**
     * A new pending key for {@code user}, replacing an earlier pending one.
     *
     * @param user the user name (the container's caller principal name)
     * @param issuer the issuer
     * @return a new pending key for {@code user}, replacing an earlier pending one
     * @throws ActiveKeyException if {@code user} has an active key: replacing it needs a removal first
     */
    KeyOffer offerKey(String user, String issuer);

    /**
     * Activates the pending key if {@code code} is valid for it; rejected when it is not or none is pending.
     *
     * @param user the user name (the container's caller principal name)
     * @param code the code the user typed
     * @return the verification
     */
    Verification confirmKey(String user, String code);

    /**
     * Activates a key the user already holds (accounts moved from another system, demo accounts).
     *
     * @param user the user name (the container's caller principal name)
     * @param encodedKey the encoded key
     * @throws IllegalArgumentException if {@code encodedKey} is malformed or too short; the message never repeats it
     * @throws ActiveKeyException       if {@code user} has an active key, also one activated by a concurrent call
     */
    void provisionKey(String user, String encodedKey);

    /**
     * Refused: the user has an active key, which only a removal (behind a fresh step-up) may replace. An
     * {@link IllegalStateException}, as before; thrown too when another request or node activated a key between
     * the caller's check and this call.
     */
    final class ActiveKeyException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        /**
         * Creates the active key exception from its parts.
         *
         * @param message the message
         */
        public ActiveKeyException(String message) {
            super(message);
        }
    }

    /**
     * What the enrolment page shows once, to the signed-in user only.
     *
     * @param qrSvg         the QR code as inline SVG, generated from the key (no text of the user in it)
     * @param groupedSecret the key in groups of four for typing by hand
     * @param uri           the URI the QR code encodes, for "open in the app"
     */
    record KeyOffer(String qrSvg, String groupedSecret, String uri) {

        /** Keeps the key out of logs. */
        @Override
        public String toString() {
            return "KeyOffer[secret hidden]";
        }
    }
}
