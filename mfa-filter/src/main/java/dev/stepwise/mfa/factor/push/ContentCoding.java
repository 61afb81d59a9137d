package dev.stepwise.mfa.factor.push;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.function.UnaryOperator;

/**
 * The {@code aes128gcm} content coding of RFC 8188: a header (salt, record size, key id) and records sealed with
 * AES-128-GCM under a key and nonce derived from the input keying material and the salt. Encryption writes one
 * record without padding (all a push message needs, RFC 8291 §4); decryption reads any number of records.
 */
final class ContentCoding {

    /** RFC 8188 §2.1: salt (16), rs (4), idlen (1). */
    static final int HEADER_BYTES = 21;
    static final int SALT_BYTES = 16;
    static final int TAG_BYTES = 16;
    /** RFC 8188 §2: a record size below 18 leaves no room for content. */
    static final int MIN_RECORD_SIZE = 18;

    private static final byte[] CEK_INFO = "Content-Encoding: aes128gcm\0".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NONCE_INFO = "Content-Encoding: nonce\0".getBytes(StandardCharsets.US_ASCII);
    private static final byte LAST_RECORD = 0x02;
    private static final byte OTHER_RECORD = 0x01;

    private ContentCoding() {
    }

    /** RFC 8188 §2.2: CEK = HMAC-SHA-256(PRK, "Content-Encoding: aes128gcm" || 0x00 || 0x01), 16 octets. */
    static byte[] contentKey(byte[] prk) {
        return Hkdf.expand(prk, CEK_INFO, 16);
    }

    /** RFC 8188 §2.3: NONCE = HMAC-SHA-256(PRK, "Content-Encoding: nonce" || 0x00 || 0x01), 12 octets. */
    static byte[] nonce(byte[] prk) {
        return Hkdf.expand(prk, NONCE_INFO, 12);
    }

    /**
     * Encodes {@code plaintext} as one final record.
     *
     * @throws IllegalArgumentException if it does not fit one record of {@code rs} octets
     */
    static byte[] encrypt(byte[] ikm, byte[] salt, byte[] keyId, int rs, byte[] plaintext) {
        if (salt.length != SALT_BYTES || keyId.length > 255 || rs < MIN_RECORD_SIZE) {
            throw new IllegalArgumentException("salt of 16 octets, key id up to 255, record size from 18");
        }
        if (plaintext.length + 1 + TAG_BYTES > rs) {
            throw new IllegalArgumentException("the plaintext does not fit one record of " + rs + " octets");
        }
        byte[] prk = Hkdf.extract(salt, ikm);
        byte[] record = Arrays.copyOf(plaintext, plaintext.length + 1);
        record[plaintext.length] = LAST_RECORD; // RFC 8188 §2: the last record's delimiter, no padding after it
        byte[] sealed;
        try {
            sealed = seal(Cipher.ENCRYPT_MODE, contentKey(prk), nonce(prk), record);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is missing from this JDK", e);
        }
        return ByteBuffer.allocate(HEADER_BYTES + keyId.length + sealed.length).put(salt).putInt(rs)
                .put((byte) keyId.length).put(keyId).put(sealed).array();
    }

    /** {@return the key id in the header of {@code body}} */
    static byte[] keyId(byte[] body) {
        if (body.length < HEADER_BYTES) {
            throw new IllegalArgumentException("shorter than the aes128gcm header");
        }
        int idlen = body[HEADER_BYTES - 1] & 0xff;
        if (body.length < HEADER_BYTES + idlen) {
            throw new IllegalArgumentException("shorter than the aes128gcm header and its key id");
        }
        return Arrays.copyOfRange(body, HEADER_BYTES, HEADER_BYTES + idlen);
    }

    /**
     * Decodes {@code body}, the input keying material chosen from its key id by {@code ikmForKeyId}.
     *
     * @throws GeneralSecurityException if a record does not authenticate or the records are malformed or truncated
     */
    static byte[] decrypt(UnaryOperator<byte[]> ikmForKeyId, byte[] body) throws GeneralSecurityException {
        byte[] keyId = keyId(body);
        byte[] salt = Arrays.copyOf(body, SALT_BYTES);
        int rs = ByteBuffer.wrap(body, SALT_BYTES, 4).getInt();
        if (rs < MIN_RECORD_SIZE) {
            throw new GeneralSecurityException("record size below 18");
        }
        byte[] prk = Hkdf.extract(salt, ikmForKeyId.apply(keyId));
        byte[] cek = contentKey(prk);
        byte[] nonce = nonce(prk);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int start = HEADER_BYTES + keyId.length;
        long seq = 0;
        boolean last = false;
        while (start < body.length && !last) {
            int end = (int) Math.min((long) start + rs, body.length);
            byte[] plain = seal(Cipher.DECRYPT_MODE, cek, recordNonce(nonce, seq++),
                    Arrays.copyOfRange(body, start, end));
            int delimiter = plain.length - 1;
            while (delimiter >= 0 && plain[delimiter] == 0) {
                delimiter--; // RFC 8188 §2: padding is zero octets after the delimiter
            }
            if (delimiter < 0 || (plain[delimiter] != LAST_RECORD && plain[delimiter] != OTHER_RECORD)) {
                throw new GeneralSecurityException("a record without a valid delimiter");
            }
            last = plain[delimiter] == LAST_RECORD;
            out.write(plain, 0, delimiter);
            start = end;
        }
        if (!last || start != body.length) {
            throw new GeneralSecurityException("truncated, or data after the last record");
        }
        return out.toByteArray();
    }

    /** RFC 8188 §2.3: the nonce XOR the record's sequence number (big-endian, 96 bits). */
    private static byte[] recordNonce(byte[] nonce, long seq) {
        byte[] n = nonce.clone();
        for (int i = 0; i < Long.BYTES; i++) {
            n[n.length - 1 - i] ^= (byte) (seq >>> (8 * i));
        }
        return n;
    }

    /** AES-128-GCM with a 128-bit tag; a record that does not authenticate fails with {@link AEADBadTagException}. */
    private static byte[] seal(int mode, byte[] key, byte[] nonce, byte[] input) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BYTES * 8, nonce));
        return cipher.doFinal(input);
    }
}
