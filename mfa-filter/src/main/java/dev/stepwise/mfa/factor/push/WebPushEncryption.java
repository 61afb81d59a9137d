package dev.stepwise.mfa.factor.push;

import javax.crypto.KeyAgreement;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;

/**
 * Message encryption for Web Push (RFC 8291): a fresh P-256 key pair per message, ECDH with the subscription's
 * {@code p256dh} key, the {@code auth} secret mixed in with HKDF, and the result sealed with the {@code aes128gcm}
 * content coding (RFC 8188) in one record of 4096 octets whose key id is the sender's public key.
 */
final class WebPushEncryption {

    /** RFC 8291 §4: the record size an application server uses. */
    static final int RECORD_SIZE = 4096;
    /** RFC 8291 §4: header (86) + padding delimiter (1) + tag (16) within 4096 octets leaves 3993. */
    static final int MAX_PLAINTEXT = RECORD_SIZE - ContentCoding.HEADER_BYTES - P256.POINT_BYTES - 1
            - ContentCoding.TAG_BYTES;
    static final int AUTH_BYTES = 16;

    private static final byte[] KEY_INFO = "WebPush: info\0".getBytes(StandardCharsets.US_ASCII);

    private WebPushEncryption() {
    }

    /** Encrypts with a fresh key pair and salt, as every message must (RFC 8291 §3.1: never reuse either). */
    static byte[] encrypt(byte[] uaPublic, byte[] authSecret, byte[] plaintext, SecureRandom random) {
        byte[] salt = new byte[ContentCoding.SALT_BYTES];
        random.nextBytes(salt);
        return encrypt(uaPublic, authSecret, plaintext, P256.generate(random), salt);
    }

    /**
     * Encrypts with the given key pair and salt: for the RFC's worked example only; a message needs fresh ones.
     *
     * @throws IllegalArgumentException if the plaintext is over {@link #MAX_PLAINTEXT} octets or a key is invalid
     */
    static byte[] encrypt(byte[] uaPublic, byte[] authSecret, byte[] plaintext, KeyPair asKeys, byte[] salt) {
        if (plaintext.length > MAX_PLAINTEXT) {
            throw new IllegalArgumentException("a push message holds at most " + MAX_PLAINTEXT + " octets");
        }
        ECPublicKey ua = P256.publicKey(uaPublic);
        byte[] asPublic = P256.encode((ECPublicKey) asKeys.getPublic());
        byte[] ikm = ikm(ecdh(asKeys.getPrivate(), ua), authSecret, uaPublic, asPublic);
        return ContentCoding.encrypt(ikm, salt, asPublic, RECORD_SIZE, plaintext);
    }

    /**
     * What the user agent does (RFC 8291 §3.4): takes the sender's key from the key id and opens the record.
     *
     * @throws GeneralSecurityException if the body does not open with these keys
     */
    static byte[] decrypt(PrivateKey uaPrivate, byte[] uaPublic, byte[] authSecret, byte[] body)
            throws GeneralSecurityException {
        byte[] asPublic = ContentCoding.keyId(body);
        ECPublicKey as;
        try {
            as = P256.publicKey(asPublic);
        } catch (IllegalArgumentException e) {
            throw new GeneralSecurityException("the key id is not a P-256 public key", e);
        }
        byte[] ikm = ikm(ecdh(uaPrivate, as), authSecret, uaPublic, asPublic);
        return ContentCoding.decrypt(keyId -> ikm, body);
    }

    /**
     * RFC 8291 §3.3: PRK_key = HMAC-SHA-256(auth_secret, ecdh_secret); key_info = "WebPush: info" || 0x00 ||
     * ua_public || as_public; IKM = HMAC-SHA-256(PRK_key, key_info || 0x01).
     */
    static byte[] ikm(byte[] ecdhSecret, byte[] authSecret, byte[] uaPublic, byte[] asPublic) {
        if (authSecret.length != AUTH_BYTES) {
            throw new IllegalArgumentException("the auth secret has 16 octets");
        }
        byte[] prkKey = Hkdf.extract(authSecret, ecdhSecret);
        byte[] keyInfo = ByteBuffer.allocate(KEY_INFO.length + uaPublic.length + asPublic.length).put(KEY_INFO)
                .put(uaPublic).put(asPublic).array();
        return Hkdf.expand(prkKey, keyInfo, 32);
    }

    /** {@return the ECDH shared secret (the x coordinate, 32 octets)} */
    static byte[] ecdh(PrivateKey own, PublicKey peer) {
        try {
            KeyAgreement agreement = KeyAgreement.getInstance("ECDH");
            agreement.init(own);
            agreement.doPhase(peer, true);
            return agreement.generateSecret();
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("ECDH failed", e);
        }
    }
}
