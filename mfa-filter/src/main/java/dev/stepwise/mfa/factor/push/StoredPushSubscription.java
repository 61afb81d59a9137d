package dev.stepwise.mfa.factor.push;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One device's push subscription as stored for a user.
 *
 * <pre>{@code
 * StoredPushSubscription device = StoredPushSubscription.of(subscription, "Phone", now);
 * store.add("alice", device, PushSubscriptionStore.MAX_PER_USER);
 * }</pre>
 *
 * @param id           the subscription's id: derived from its endpoint ({@link #idOf}), so the same browser
 *                     registering again replaces its entry; safe to show in a form
 * @param label        the name the user gave the device (printable, at most {@value #MAX_LABEL} characters)
 * @param subscription the endpoint and keys
 * @param created      when it was registered
 */
public record StoredPushSubscription(String id, String label, PushSubscription subscription, Instant created) {

    /** The longest device label. */
    public static final int MAX_LABEL = 40;

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{22}");

    /**
     * Checks the components.
     *
     * @param id           the id, 22 base64url characters
     * @param label        the device label
     * @param subscription the subscription
     * @param created      when it was registered
     */
    public StoredPushSubscription {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(subscription, "subscription");
        Objects.requireNonNull(created, "created");
        if (!isId(id)) {
            throw new IllegalArgumentException("a subscription id is 22 base64url characters");
        }
        if (!isLabel(label)) {
            throw new IllegalArgumentException("a device label is 1 to " + MAX_LABEL + " printable characters");
        }
    }

    /**
     * A new entry with the id derived from the endpoint.
     *
     * @param subscription the subscription
     * @param label        the device label
     * @param created      when it was registered
     * @return the entry
     */
    public static StoredPushSubscription of(PushSubscription subscription, String label, Instant created) {
        return new StoredPushSubscription(idOf(subscription), label, subscription, created);
    }

    /**
     * The id of a subscription: the first 128 bits of SHA-256 of its endpoint, base64url. The endpoint's path is
     * a capability (whoever knows it can push to the device), so the id never reveals it.
     *
     * @param subscription the subscription
     * @return 22 base64url characters
     */
    public static String idOf(PushSubscription subscription) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(subscription.endpoint().toString().getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(hash, 16));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing", e);
        }
    }

    /**
     * Whether {@code value} has the shape of an id (for form input).
     *
     * @param value the value, may be {@code null}
     * @return whether it is 22 base64url characters
     */
    public static boolean isId(String value) {
        return value != null && ID.matcher(value).matches();
    }

    /**
     * Whether {@code value} is an acceptable device label: 1 to {@value #MAX_LABEL} characters, no control
     * characters, not blank.
     *
     * @param value the value, may be {@code null}
     * @return whether it is acceptable
     */
    public static boolean isLabel(String value) {
        return value != null && !value.isBlank() && value.length() <= MAX_LABEL
                && value.codePoints().noneMatch(c -> Character.isISOControl(c)
                        || Character.getType(c) == Character.FORMAT);
    }

    @Override
    public String toString() {
        return "StoredPushSubscription[" + id + ", " + subscription + "]";
    }
}
