package dev.stepwise.mfa.factor.otp;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;

/**
 * Turns a one-time code into what the {@link OneTimeCodeStore} keeps: {@code HMAC-SHA256(pepper, "stepwise-otp-v1"
 * ‖ user ‖ channel ‖ code)}, each part length-prefixed.
 *
 * <p>Why a keyed hash with a server-side pepper and no per-code salt: a 6-digit code has only 10<sup>6</sup>
 * values, so any unkeyed hash — salted or slow — is reversed by trying them all; a salt only defeats
 * precomputed tables, and PBKDF2 at a sane cost still falls in minutes. What protects codes in a stolen
 * database is a key that is <em>not</em> in the database. A per-code salt would also force a read before the
 * compare, whereas a pepper lets the store consume a code in one statement ({@code … WHERE code_hash = ?}).
 * Binding the user and channel into the MAC means a hash copied to another row never matches. Online guessing
 * is limited by the throttling component, and a code lives at most 10 minutes
 * (NIST SP 800-63B rev4 §3.1.3; ASVS 4.0.3 2.7.x "stored hashed").
 *
 * <pre>{@code
 * byte[] pepper = ...;                    // ≥ 32 random bytes, the same on every node, kept outside the OTP table
 * CodeHasher hasher = new CodeHasher(pepper);
 * byte[] hash = hasher.hash("alice", "email", "123456");
 * }</pre>
 *
 * <p>Thread-safe; never logs.
 */
public final class CodeHasher {

    /** Smallest accepted pepper, in bytes (the HMAC-SHA256 block of security: 256 bits). */
    public static final int MIN_PEPPER_BYTES = 32;

    private static final String ALGORITHM = "HmacSHA256";
    private static final byte[] DOMAIN = "stepwise-otp-v1".getBytes(StandardCharsets.UTF_8);

    private final SecretKeySpec key;

    /**
     * @param pepper at least {@value #MIN_PEPPER_BYTES} random bytes; copied. Every node of a cluster needs the
     *               same pepper, and changing it invalidates the codes pending at that moment (at most 10 minutes'
     *               worth), nothing else.
     */
    public CodeHasher(byte[] pepper) {
        Objects.requireNonNull(pepper, "pepper");
        if (pepper.length < MIN_PEPPER_BYTES) {
            throw new IllegalArgumentException("the one-time-code pepper must be at least " + MIN_PEPPER_BYTES
                    + " bytes, was " + pepper.length);
        }
        this.key = new SecretKeySpec(pepper.clone(), ALGORITHM);
    }

    /**
     * A hasher with a fresh random pepper: for a single node and for tests. Codes pending when the application
     * restarts stop working, and two nodes would not accept each other's codes.
     *
     * @return a hasher with a fresh random pepper: for a single node and for tests
     */
    public static CodeHasher withRandomPepper() {
        byte[] pepper = new byte[MIN_PEPPER_BYTES];
        new SecureRandom().nextBytes(pepper);
        try {
            return new CodeHasher(pepper);
        } finally {
            Arrays.fill(pepper, (byte) 0);
        }
    }

    /**
     * The keyed hash (32 bytes) of {@code code} sent to {@code user} on {@code channel}.
     *
     * @param user the user name (the container's caller principal name)
     * @param channel the factor id the code belongs to
     * @param code the code the user typed
     * @return the keyed hash (32 bytes) of {@code code} sent to {@code user} on {@code channel}
     */
    public byte[] hash(String user, String channel, String code) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(code, "code");
        try {
            Mac mac = Mac.getInstance(ALGORITHM);   // Mac is not thread-safe: one per call
            mac.init(key);
            for (byte[] part : new byte[][] {DOMAIN, utf8(user), utf8(channel), utf8(code)}) {
                // length prefixes keep ("ab","c") and ("a","bc") apart
                mac.update(ByteBuffer.allocate(Integer.BYTES).putInt(part.length).array());
                mac.update(part);
            }
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is not available", e);   // every JDK has it
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "CodeHasher[" + ALGORITHM + ", pepper hidden]";
    }
}
