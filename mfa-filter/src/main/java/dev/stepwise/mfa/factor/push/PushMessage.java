package dev.stepwise.mfa.factor.push;

import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What to push: a small payload, encrypted end to end for the user agent, and the delivery hints of RFC 8030 §5.
 * {@link #toString()} shows the size and the hints, never the payload.
 *
 * <pre>{@code
 * PushMessage m = PushMessage.of("{\"number\":42}".getBytes(UTF_8), Duration.ofMinutes(2));
 * }</pre>
 *
 * @param payload the octets the service worker receives, at most {@value #MAX_PAYLOAD}; never log them
 * @param ttl     how long the push service may keep the message for an offline device (RFC 8030 §5.2), whole
 *                seconds from zero to {@link #MAX_TTL}
 * @param urgency the {@code Urgency} header (RFC 8030 §5.3)
 * @param topic   a {@code Topic} that replaces an undelivered earlier message with the same topic (RFC 8030 §5.4):
 *                up to 32 base64url characters, or {@code null}
 */
public record PushMessage(byte[] payload, Duration ttl, PushUrgency urgency, String topic) {

    /**
     * The largest payload: one 4096-octet record less header (86), delimiter (1) and tag (16), as RFC 8291 §4
     * computes it. Some push services take less; keep prompts short.
     */
    public static final int MAX_PAYLOAD = 3993;
    /** The longest time to live accepted: 28 days. */
    public static final Duration MAX_TTL = Duration.ofDays(28);

    private static final Pattern TOPIC = Pattern.compile("[A-Za-z0-9_-]{1,32}");

    /**
     * Checks the components and copies the payload.
     *
     * @param payload the octets the service worker receives, at most {@value #MAX_PAYLOAD}
     * @param ttl     time to live, whole seconds from zero to {@link #MAX_TTL}
     * @param urgency the urgency
     * @param topic   up to 32 base64url characters, or {@code null}
     * @throws IllegalArgumentException if the payload is too large, the TTL out of range or the topic malformed
     */
    public PushMessage {
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(ttl, "ttl");
        Objects.requireNonNull(urgency, "urgency");
        if (payload.length > MAX_PAYLOAD) {
            throw new IllegalArgumentException("a push payload holds at most " + MAX_PAYLOAD + " octets, not "
                    + payload.length);
        }
        if (ttl.isNegative() || ttl.compareTo(MAX_TTL) > 0 || ttl.getNano() != 0) {
            throw new IllegalArgumentException("the TTL is whole seconds from PT0S to " + MAX_TTL);
        }
        if (topic != null && !TOPIC.matcher(topic).matches()) {
            throw new IllegalArgumentException("a topic is 1 to 32 base64url characters");
        }
        payload = payload.clone();
    }

    /**
     * A message of high urgency without a topic.
     *
     * @param payload the payload
     * @param ttl     the time to live
     * @return the message
     */
    public static PushMessage of(byte[] payload, Duration ttl) {
        return new PushMessage(payload, ttl, PushUrgency.HIGH, null);
    }

    /** {@return the payload (a copy)} */
    @Override
    public byte[] payload() {
        return payload.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PushMessage m && Arrays.equals(payload, m.payload) && ttl.equals(m.ttl)
                && urgency == m.urgency && Objects.equals(topic, m.topic);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(payload), ttl, urgency, topic);
    }

    @Override
    public String toString() {
        return "PushMessage[" + payload.length + " octets, ttl=" + ttl + ", urgency=" + urgency.header()
                + (topic == null ? "" : ", topic set") + "]";
    }
}
