package dev.stepwise.mfa.factor.push;

/** What became of a device's subscription on the settings page ({@link PushFactor#register}). */
public enum PushRegistration {
    /** Stored (or, for the same browser, replaced). */
    ADDED("stepwise.mfa.push.added"),
    /** A part was missing, too long or not what a browser gives (URL, P-256 point, 16-octet secret, label). */
    MALFORMED("stepwise.mfa.push.error.malformed"),
    /** The endpoint may not be contacted: not https on 443, or a loopback, private or reserved address. */
    ENDPOINT_REFUSED("stepwise.mfa.push.error.endpoint"),
    /** The user already has {@value PushSubscriptionStore#MAX_PER_USER} devices. */
    TOO_MANY("stepwise.mfa.push.error.too-many");

    private final String messageKey;

    PushRegistration(String messageKey) {
        this.messageKey = messageKey;
    }

    /** {@return the key of the text the settings page shows} */
    public String messageKey() {
        return messageKey;
    }
}
