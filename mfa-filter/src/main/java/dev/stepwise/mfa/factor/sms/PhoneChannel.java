package dev.stepwise.mfa.factor.sms;

/**
 * How a code reaches a phone: a text message or a call that reads it out. Both belong to the {@code sms}
 * factor, share its pending code (a call replaces a text's code) and its cooldown.
 *
 * <pre>{@code
 * smsFactor.resend("alice", ctx, PhoneChannel.VOICE);   // "call me instead"
 * }</pre>
 */
public enum PhoneChannel {
    /** A text message. */
    SMS("sms"),
    /** A voice call that reads the code. */
    VOICE("voice");

    private final String id;

    PhoneChannel(String id) {
        this.id = id;
    }

    /**
     * {@code "sms"} or {@code "voice"}: the value of the {@code {channel}} placeholder and of the page model.
     *
     * @return the ID
     */
    public String id() {
        return id;
    }
}
