package dev.stepwise.mfa.trust;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * The signed content of a trust-this-device cookie (docs/design.md "Trust this device"): which key signed it, whose it
 * is, which device record it refers to, and when it was issued and expires (whole seconds).
 *
 * <pre>{@code
 * TrustToken t = TrustToken.of(key.id(), "alice", deviceId, now, now.plus(Duration.ofDays(30)));
 * String cookie = codec.encode(t, key);
 * }</pre>
 *
 * @param keyId     id of the signing key
 * @param userHash  {@link #hashUser(String)} of the user it belongs to (16 bytes, copied in and out)
 * @param deviceId  the random device id of the server-side record (16 bytes, copied in and out)
 * @param issuedAt  when it was issued
 * @param expiresAt when it stops being valid (exclusive)
 */
public record TrustToken(String keyId, byte[] userHash, byte[] deviceId, Instant issuedAt, Instant expiresAt) {

    /** Bytes of the user hash and of the device id. */
    public static final int ID_BYTES = 16;

    private static final byte[] USER_HASH_CONTEXT = "stepwise-mfa/trust-user\0".getBytes(StandardCharsets.US_ASCII);

    /**
     * Checks the components and copies the mutable ones.
     * @param keyId id of the signing key
     * @param userHash {@link #hashUser(String)} of the user it belongs to (16 bytes, copied in and out)
     * @param deviceId the random device id of the server-side record (16 bytes, copied in and out)
     * @param issuedAt when it was issued
     * @param expiresAt when it stops being valid (exclusive)
     */
    public TrustToken {
        Objects.requireNonNull(keyId, "keyId");
        if (!TrustKey.ID.matcher(keyId).matches()) {
            throw new IllegalArgumentException("a trust key id is 1 to 16 characters of [A-Za-z0-9_-]");
        }
        userHash = copyOfLength(userHash, "userHash");
        deviceId = copyOfLength(deviceId, "deviceId");
        issuedAt = Instant.ofEpochSecond(Objects.requireNonNull(issuedAt, "issuedAt").getEpochSecond());
        expiresAt = Instant.ofEpochSecond(Objects.requireNonNull(expiresAt, "expiresAt").getEpochSecond());
    }

    /**
     * A token for {@code user} and the device whose id is {@code deviceId} (as {@link #deviceIdText()} gives it).
     *
     * @param keyId id of the signing key
     * @param user the user name (the container's caller principal name)
     * @param deviceId the random device id of the server-side record (16 bytes, copied in and out)
     * @param issuedAt when it was issued
     * @param expiresAt when it stops being valid (exclusive)
     * @return a token for {@code user} and the device whose id is {@code deviceId} (as {@link #deviceIdText()} gives it)
     */
    public static TrustToken of(String keyId, String user, String deviceId, Instant issuedAt, Instant expiresAt) {
        return new TrustToken(keyId, hashUser(user), decodeDeviceId(deviceId), issuedAt, expiresAt);
    }

    /**
     * The first 16 bytes of SHA-256 over a context label and the UTF-8 user name: binds the cookie to its user
     * without putting the name in the cookie.
     *
     * @param user the user name (the container's caller principal name)
     * @return the first 16 bytes of SHA-256 over a context label and the UTF-8 user name: binds the cookie to its user without putting the name in the cookie
     */
    public static byte[] hashUser(String user) {
        Objects.requireNonNull(user, "user");
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(USER_HASH_CONTEXT);
            return Arrays.copyOf(sha.digest(user.getBytes(StandardCharsets.UTF_8)), ID_BYTES);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }

    /**
     * Whether it belongs to {@code user} (constant-time comparison of the hashes).
     *
     * @param user the user name (the container's caller principal name)
     * @return whether it belongs to {@code user} (constant-time comparison of the hashes)
     */
    public boolean belongsTo(String user) {
        return MessageDigest.isEqual(userHash, hashUser(user));
    }

    /** {@return the device id as the store keys it: 22 characters of unpadded base64url} */
    public String deviceIdText() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(deviceId);
    }

    static byte[] decodeDeviceId(String text) {
        Objects.requireNonNull(text, "deviceId");
        byte[] b = Base64.getUrlDecoder().decode(text);
        if (b.length != ID_BYTES) {
            throw new IllegalArgumentException("a device id has " + ID_BYTES + " bytes");
        }
        return b;
    }

    /** {@return the user hash (a copy)} */
    @Override
    public byte[] userHash() {
        return userHash.clone();
    }

    /** {@return the device ID (a copy)} */
    @Override
    public byte[] deviceId() {
        return deviceId.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrustToken t && keyId.equals(t.keyId) && Arrays.equals(userHash, t.userHash)
                && Arrays.equals(deviceId, t.deviceId) && issuedAt.equals(t.issuedAt) && expiresAt.equals(t.expiresAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(keyId, Arrays.hashCode(userHash), Arrays.hashCode(deviceId), issuedAt, expiresAt);
    }

    @Override
    public String toString() {
        return "TrustToken[key " + keyId + ", device " + deviceIdText() + ", " + issuedAt + ".." + expiresAt + "]";
    }

    private static byte[] copyOfLength(byte[] b, String name) {
        Objects.requireNonNull(b, name);
        if (b.length != ID_BYTES) {
            throw new IllegalArgumentException(name + " must have " + ID_BYTES + " bytes");
        }
        return b.clone();
    }
}
