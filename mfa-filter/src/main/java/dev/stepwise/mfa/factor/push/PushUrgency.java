package dev.stepwise.mfa.factor.push;

/**
 * How soon the push service should deliver, sent as the {@code Urgency} header (RFC 8030 §5.3); a device on low
 * battery may hold back all but {@link #HIGH}. A sign-in prompt is {@link #HIGH}.
 */
public enum PushUrgency {
    /** {@code very-low}: on power and Wi-Fi. */
    VERY_LOW("very-low"),
    /** {@code low}: on power or Wi-Fi. */
    LOW("low"),
    /** {@code normal}: on neither power nor Wi-Fi. */
    NORMAL("normal"),
    /** {@code high}: even on low battery. */
    HIGH("high");

    private final String header;

    PushUrgency(String header) {
        this.header = header;
    }

    /** {@return the header value, e.g. {@code very-low}} */
    public String header() {
        return header;
    }
}
