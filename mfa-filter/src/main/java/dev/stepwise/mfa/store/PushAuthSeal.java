package dev.stepwise.mfa.store;

import java.util.Objects;
import java.util.Optional;

/**
 * The {@code auth} column of {@code stepwise_push_subscription}: a device's 16-octet Web Push authentication
 * secret (RFC 8291 §3.2), sealed with the store's {@link SecretBox} (owner: the user; purpose: {@value #PURPOSE}
 * followed by the device id), so a copy of the database without the key cannot encrypt pushes the device accepts,
 * and a sealed value moved to another user's or another device's row does not open.
 *
 * <p>The format marker is the length: a value of exactly 16 octets is a row written before the secret was sealed
 * (schema version 9 as first released), read as it is and sealed when the row is next written; anything else is a
 * {@link SecretBox} value, which is never 16 octets long (its version byte, nonce and tag alone are 29).
 */
final class PushAuthSeal {

    /** SecretBox purpose of a device's auth secret; the device id follows it. */
    static final String PURPOSE = "push-auth/";

    /** The length of the secret itself, and so of an unsealed (older) value. */
    static final int PLAIN_BYTES = 16;

    private final SecretBox box;

    PushAuthSeal(SecretBox box) {
        this.box = Objects.requireNonNull(box, "box");
    }

    /** {@return {@code auth} sealed for {@code user}'s device {@code id}} */
    byte[] seal(byte[] auth, String user, String id) {
        return box.seal(auth, user, PURPOSE + id);
    }

    /**
     * The secret of a stored value: a 16-octet value as it is, else the opened seal.
     *
     * @return the secret, or empty when the seal does not open (another key, user or device, or altered)
     */
    Optional<byte[]> open(byte[] stored, String user, String id) {
        if (stored.length == PLAIN_BYTES) {
            return Optional.of(stored);
        }
        try {
            return Optional.of(box.open(stored, user, PURPOSE + id));
        } catch (SecretBoxException e) {
            return Optional.empty();
        }
    }
}
