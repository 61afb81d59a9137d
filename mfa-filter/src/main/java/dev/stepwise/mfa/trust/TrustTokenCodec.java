package dev.stepwise.mfa.trust;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Writes and checks the value of the trust-this-device cookie:
 * {@code base64url(payload) "." base64url(HMAC-SHA256(key, payload))}, unpadded, where the payload (version 1) is
 *
 * <pre>
 * version (1 byte, = 1) ‖ key id length n (1 byte) ‖ key id (n ASCII bytes)
 *   ‖ user hash (16) ‖ device id (16) ‖ issued-at (8, epoch seconds) ‖ expires-at (8, epoch seconds)
 * </pre>
 *
 * <pre>{@code
 * String cookie = codec.encode(TrustToken.of(key.id(), "alice", deviceId, now, expires), key);
 * TokenVerdict v = codec.verify(cookie, "alice", id -> ring.verifyingKey(keys, id, now), now);
 * }</pre>
 *
 * <p>Order of checks (docs/security-model.md, CVE-2015-8314; ASVS 5.0 9.1.1: verify before use):
 * <ol>
 *   <li>length capped at {@value #MAX_COOKIE_LENGTH} characters before any decoding;</li>
 *   <li>shape: one dot, canonical unpadded base64url on both sides, a 32-byte MAC, a payload of exactly the size
 *       its key-id length implies;</li>
 *   <li>the only fields read before the signature is checked are the version byte and the key id, which sit at
 *       the front and serve only to <em>choose</em> the key; they are inside the MAC, so a changed key id or
 *       version is a bad signature, never another meaning;</li>
 *   <li>HMAC compared in constant time ({@link MessageDigest#isEqual});</li>
 *   <li>only then the user hash (constant time) and the expiry.</li>
 * </ol>
 * Every refusal is a {@link TokenVerdict.Rejected}; no input makes it throw. Thread-safe.
 */
public final class TrustTokenCodec {

    /** Longest cookie value looked at; a version-1 value has at most 132 characters. */
    public static final int MAX_COOKIE_LENGTH = 512;

    /** The payload version written and accepted. */
    public static final byte VERSION = 1;

    private static final int MAC_BYTES = 32;
    private static final int FIXED_BYTES = 1 + 1 + TrustToken.ID_BYTES + TrustToken.ID_BYTES + 8 + 8;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    /**
     * The cookie value of {@code token}, signed with {@code key}.
     *
     * @param token the token
     * @param key the key
     * @return the cookie value of {@code token}, signed with {@code key}
     */
    public String encode(TrustToken token, TrustKey key) {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(key, "key");
        if (!token.keyId().equals(key.id())) {
            throw new IllegalArgumentException("the token names key " + token.keyId() + ", not " + key.id());
        }
        byte[] id = token.keyId().getBytes(StandardCharsets.US_ASCII);
        ByteBuffer p = ByteBuffer.allocate(FIXED_BYTES + id.length);
        p.put(VERSION).put((byte) id.length).put(id).put(token.userHash()).put(token.deviceId())
                .putLong(token.issuedAt().getEpochSecond()).putLong(token.expiresAt().getEpochSecond());
        byte[] payload = p.array();
        return ENCODER.encodeToString(payload) + "." + ENCODER.encodeToString(hmac(key, payload));
    }

    /**
     * Checks a cookie value for {@code user} at {@code now}.
     *
     * @param cookie the cookie value as received; anything, including {@code null}
     * @param user   the authenticated user presenting it
     * @param keys   the key for a key id, if that key still verifies
     * @param now    the current time
     * @return the token verdict
     */
    public TokenVerdict verify(String cookie, String user, Function<String, Optional<TrustKey>> keys, Instant now) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(now, "now");
        if (cookie == null || cookie.isEmpty()) {
            return rejected(TrustRefusal.MISSING);
        }
        byte[][] parts = split(cookie);
        String keyId = parts == null ? null : keyIdOf(parts[0]);
        if (keyId == null) {
            return rejected(TrustRefusal.MALFORMED);
        }
        Optional<TrustKey> key = keys.apply(keyId);
        if (key == null || key.isEmpty()) {
            return rejected(TrustRefusal.UNKNOWN_KEY);
        }
        // 4. signature, constant time, before any other field is read
        if (!MessageDigest.isEqual(hmac(key.get(), parts[0]), parts[1])) {
            return rejected(TrustRefusal.BAD_SIGNATURE);
        }
        // 5. now the content is ours: parse it and check user and expiry
        TrustToken token = tokenOf(keyId, parts[0]);
        if (token == null) {
            return rejected(TrustRefusal.MALFORMED);
        }
        if (!token.belongsTo(user)) {
            return rejected(TrustRefusal.OTHER_USER);
        }
        if (!now.isBefore(token.expiresAt())) {
            return rejected(TrustRefusal.EXPIRED);
        }
        return new TokenVerdict.Verified(token);
    }

    /** Payload and MAC of a well-shaped cookie value, or {@code null}: steps 1 and 2 of {@link #verify}. */
    private static byte[][] split(String cookie) {
        // 1. cap before decoding anything: an oversized value costs nothing
        if (cookie.length() > MAX_COOKIE_LENGTH) {
            return null;
        }
        // 2. shape
        int dot = cookie.indexOf('.');
        if (dot <= 0 || dot != cookie.lastIndexOf('.')) {
            return null;
        }
        byte[] payload = decodeCanonical(cookie.substring(0, dot));
        byte[] mac = decodeCanonical(cookie.substring(dot + 1));
        if (payload == null || mac == null || mac.length != MAC_BYTES || payload.length < FIXED_BYTES + 1) {
            return null;
        }
        return new byte[][] {payload, mac};
    }

    /**
     * 3. Version and key id only, to choose the key (both are covered by the MAC checked next); {@code null} when
     * malformed.
     */
    private static String keyIdOf(byte[] payload) {
        int idLength = payload[1] & 0xff;
        if (payload[0] != VERSION || idLength < 1 || idLength > 16 || payload.length != FIXED_BYTES + idLength) {
            return null;
        }
        String keyId = new String(payload, 2, idLength, StandardCharsets.US_ASCII);
        return TrustKey.ID.matcher(keyId).matches() ? keyId : null;
    }

    /** The token a verified payload carries, or {@code null} when its instants are absurd. */
    private static TrustToken tokenOf(String keyId, byte[] payload) {
        int idLength = keyId.length();
        ByteBuffer p = ByteBuffer.wrap(payload, 2 + idLength, payload.length - 2 - idLength);
        byte[] userHash = new byte[TrustToken.ID_BYTES];
        byte[] deviceId = new byte[TrustToken.ID_BYTES];
        p.get(userHash).get(deviceId);
        long issued = p.getLong();
        long expires = p.getLong();
        try {
            return new TrustToken(keyId, userHash, deviceId, Instant.ofEpochSecond(issued),
                    Instant.ofEpochSecond(expires));
        } catch (RuntimeException e) {
            // only reachable with a leaked key signing absurd instants; still a value, not an exception
            return null;
        }
    }

    /** The bytes of canonical unpadded base64url text, or {@code null} if it is anything else. */
    private static byte[] decodeCanonical(String text) {
        if (text.isEmpty() || text.length() % 4 == 1) {
            return null;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_';
            if (!ok) {
                return null;
            }
        }
        byte[] b;
        try {
            b = Base64.getUrlDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
        // the decoder ignores unused trailing bits; requiring the one canonical form keeps one token = one value
        return ENCODER.encodeToString(b).equals(text) ? b : null;
    }

    private static byte[] hmac(TrustKey key, byte[] payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.secret(), "HmacSHA256"));
            return mac.doFinal(payload);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }

    private static TokenVerdict rejected(TrustRefusal reason) {
        return new TokenVerdict.Rejected(reason);
    }
}
