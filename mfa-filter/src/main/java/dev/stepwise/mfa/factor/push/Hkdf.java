package dev.stepwise.mfa.factor.push;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;
import java.util.Arrays;

/**
 * HKDF with SHA-256 (RFC 5869) as RFC 8188 and RFC 8291 use it: one extract, and expands of at most one block
 * (32 octets), which is all they ever ask for.
 */
final class Hkdf {

    private static final int HASH_BYTES = 32;

    private Hkdf() {
    }

    /** RFC 5869 §2.2: PRK = HMAC-Hash(salt, IKM). */
    static byte[] extract(byte[] salt, byte[] ikm) {
        return hmac(salt, ikm);
    }

    /** RFC 5869 §2.3 for {@code length <= 32}: T(1) = HMAC-Hash(PRK, info || 0x01), cut to {@code length}. */
    static byte[] expand(byte[] prk, byte[] info, int length) {
        if (length < 1 || length > HASH_BYTES) {
            throw new IllegalArgumentException("one block only: 1 to 32 octets");
        }
        byte[] input = Arrays.copyOf(info, info.length + 1);
        input[info.length] = 0x01;
        return Arrays.copyOf(hmac(prk, input), length);
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
        }
    }
}
