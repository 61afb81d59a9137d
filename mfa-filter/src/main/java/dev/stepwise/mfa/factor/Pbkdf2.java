package dev.stepwise.mfa.factor;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The salted slow hashing shared by the factors that keep only a hash of a secret (recovery codes, answers to
 * security questions): the JDK's {@code PBKDF2WithHmacSHA256} with a per-secret random salt of
 * {@value #SALT_BYTES} bytes and a {@value #HASH_BITS}-bit derived key. Each factor chooses its own iteration count;
 * the count is stored with each hash.
 */
public final class Pbkdf2 {

    /** The JDK key-derivation algorithm. */
    public static final String ALGORITHM = "PBKDF2WithHmacSHA256";

    /** Fewest iterations accepted for new hashes (NIST SP 800-63B §5.1.1.2: at least 10,000 for PBKDF2). */
    public static final int MIN_ITERATIONS = 10_000;

    /** Salt length in bytes: 128 bits (NIST SP 800-63B §5.1.1.2 asks for at least 32). */
    public static final int SALT_BYTES = 16;

    /** Derived key length in bits: the HMAC-SHA256 output size. */
    public static final int HASH_BITS = 256;

    private static final int ID_BYTES = 16;

    private Pbkdf2() {
    }

    /**
     * Checks an iteration count for new hashes.
     *
     * @param iterations the count
     * @return {@code iterations}
     * @throws IllegalArgumentException if it is below {@value #MIN_ITERATIONS}
     */
    public static int checkedIterations(int iterations) {
        if (iterations < MIN_ITERATIONS) {
            throw new IllegalArgumentException("PBKDF2 iterations must be ≥ " + MIN_ITERATIONS + ", was " + iterations);
        }
        return iterations;
    }

    /**
     * A fresh random salt.
     *
     * @param random the source
     * @return {@value #SALT_BYTES} random bytes
     */
    public static byte[] newSalt(SecureRandom random) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        return salt;
    }

    /**
     * A fresh random id for a stored hash: 16 random bytes in lower-case hex.
     *
     * @param random the source
     * @return the id
     */
    public static String newId(SecureRandom random) {
        byte[] id = new byte[ID_BYTES];
        random.nextBytes(id);
        return HexFormat.of().formatHex(id);
    }

    /**
     * The key derived from {@code secret}; the copy of its characters is wiped afterwards.
     *
     * @param secret     the normalised secret
     * @param salt       its salt
     * @param iterations the iteration count
     * @return the {@value #HASH_BITS}-bit key
     */
    public static byte[] derive(String secret, byte[] salt, int iterations) {
        char[] chars = secret.toCharArray();
        PBEKeySpec spec = new PBEKeySpec(chars, salt, iterations, HASH_BITS);
        try {
            return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            // every Java SE 8+ runtime ships this algorithm; its absence is a broken platform
            throw new IllegalStateException(ALGORITHM + " is not available", e);
        } finally {
            spec.clearPassword();
            Arrays.fill(chars, '\0');
        }
    }

    /**
     * Whether {@code secret} derives {@code hash} with {@code salt} and {@code iterations}; compared in constant time.
     *
     * @param secret     the normalised secret
     * @param salt       the stored salt
     * @param iterations the stored iteration count
     * @param hash       the stored hash
     * @return whether it matches
     */
    public static boolean matches(String secret, byte[] salt, int iterations, byte[] hash) {
        Objects.requireNonNull(secret, "secret");
        return MessageDigest.isEqual(hash, derive(secret, salt, iterations));
    }
}
