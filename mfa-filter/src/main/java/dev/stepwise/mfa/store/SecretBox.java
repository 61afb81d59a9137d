package dev.stepwise.mfa.store;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Seals small secrets for storage (TOTP secrets, trust-signing keys) with AES-256-GCM, bound to their owner and
 * purpose: a sealed value copied to another user's row, or used for another purpose, does not open.
 *
 * <pre>{@code
 * SecretBox box = new SecretBox(keyBytes);                       // 32 bytes, from the deployment's secret store
 * byte[] sealed = box.seal(secret, "alice", "totp");             // to the database
 * byte[] secret = box.open(sealed, "alice", "totp");             // SecretBoxException if anything differs
 * }</pre>
 *
 * <p>Format, version 1: {@code 0x01 ‖ nonce (12 bytes) ‖ ciphertext ‖ tag (16 bytes)}. The nonce is random per
 * seal (NIST SP 800-38D §8.2.2; keep well under 2³² seals per key, §8.3). The associated data is
 * {@code "stepwise-mfa/secretbox" ‖ version ‖ len(purpose) ‖ purpose ‖ len(owner) ‖ owner} (lengths as 4-byte
 * big-endian, UTF-8 text), so the header byte, the owner and the purpose are all authenticated and no two
 * (owner, purpose) pairs share an encoding. A later version byte can change any of this and still open version 1.
 *
 * <p>Instances are thread-safe; {@link #toString()} never shows the key.
 */
public final class SecretBox {

    /** Key length: AES-256. */
    public static final int KEY_BYTES = 32;

    /** The format version written by {@link #seal}. */
    public static final byte VERSION = 1;

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int OVERHEAD = 1 + NONCE_BYTES + TAG_BITS / 8;
    private static final byte[] CONTEXT = "stepwise-mfa/secretbox".getBytes(StandardCharsets.US_ASCII);
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    /** Idle ciphers kept for {@link #open}: looking one up costs several times the decryption of a secret. */
    private static final int IDLE_CIPHERS = 16;

    private final SecretKeySpec key;
    private final SecureRandom random;
    /**
     * Ciphers {@link #open} used before, each re-initialised (key, nonce, associated data) before its next use, so
     * nothing of one call reaches the next; they hold no more than this box does (its key), and go with it.
     */
    private final BlockingQueue<Cipher> idle = new ArrayBlockingQueue<>(IDLE_CIPHERS);

    /**
     * @param key 32 key bytes (copied)
     * @throws IllegalArgumentException if the key is not 32 bytes; the message does not show it
     */
    public SecretBox(byte[] key) {
        this(key, new SecureRandom());
    }

    /**
     * As {@link #SecretBox(byte[])}, with the source of nonces given (tests).
     *
     * @param key 32 key bytes (copied)
     * @param random the source of randomness
     */
    public SecretBox(byte[] key, SecureRandom random) {
        Objects.requireNonNull(key, "key");
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException("a SecretBox key must have " + KEY_BYTES + " bytes, not " + key.length);
        }
        this.key = new SecretKeySpec(key, "AES");
        this.random = Objects.requireNonNull(random, "random");
    }

    /** {@return a fresh random key for {@link #SecretBox(byte[])}} */
    public static byte[] generateKey() {
        byte[] k = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(k);
        return k;
    }

    /**
     * Encrypts {@code plaintext} for {@code owner} and {@code purpose}.
     *
     * @param plaintext the plaintext
     * @param owner the owner
     * @param purpose the purpose
     * @return {@code 0x01 ‖ nonce ‖ ciphertext ‖ tag}
     */
    public byte[] seal(byte[] plaintext, String owner, String purpose) {
        Objects.requireNonNull(plaintext, "plaintext");
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData(VERSION, owner, purpose));
            byte[] ct = cipher.doFinal(plaintext);
            byte[] out = new byte[1 + NONCE_BYTES + ct.length];
            out[0] = VERSION;
            System.arraycopy(nonce, 0, out, 1, NONCE_BYTES);
            System.arraycopy(ct, 0, out, 1 + NONCE_BYTES, ct.length);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM", e);
        }
    }

    /**
     * Decrypts what {@link #seal} produced for the same owner and purpose.
     *
     * @param sealed the sealed
     * @param owner the owner
     * @param purpose the purpose
     * @return the plaintext
     * @throws SecretBoxException if the value is malformed, of an unknown version, sealed with another key, for
     *                            another owner or purpose, or altered
     */
    public byte[] open(byte[] sealed, String owner, String purpose) {
        Objects.requireNonNull(sealed, "sealed");
        if (sealed.length < OVERHEAD) {
            throw new SecretBoxException("sealed value too short");
        }
        if (sealed[0] != VERSION) {
            throw new SecretBoxException("sealed value of unknown version " + (sealed[0] & 0xff));
        }
        byte[] aad = associatedData(sealed[0], owner, purpose);
        Cipher cipher = idle.poll();
        try {
            if (cipher == null) {
                cipher = Cipher.getInstance(TRANSFORMATION);
            }
            // init resets whatever the cipher did before: a refused value, another owner's, a half-read one
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 1, NONCE_BYTES));
            cipher.updateAAD(aad);
            byte[] plain = cipher.doFinal(sealed, 1 + NONCE_BYTES, sealed.length - 1 - NONCE_BYTES);
            idle.offer(cipher);   // only after a complete, good decryption; dropped when enough are idle
            return plain;
        } catch (AEADBadTagException e) {
            throw new SecretBoxException("sealed value does not open: another key, owner or purpose, or altered");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM", e);
        }
    }

    private static byte[] associatedData(byte version, String owner, String purpose) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(CONTEXT);
        out.write(version);
        writeText(out, Objects.requireNonNull(purpose, "purpose"));
        writeText(out, Objects.requireNonNull(owner, "owner"));
        return out.toByteArray();
    }

    private static void writeText(ByteArrayOutputStream out, String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        out.write(b.length >>> 24);
        out.write(b.length >>> 16);
        out.write(b.length >>> 8);
        out.write(b.length);
        out.writeBytes(b);
    }

    @Override
    public String toString() {
        return "SecretBox[AES-256-GCM, v" + VERSION + "]";
    }

    /** Wipes a plaintext copy once it is no longer needed. */
    static void wipe(byte[] b) {
        if (b != null) {
            Arrays.fill(b, (byte) 0);
        }
    }
}
