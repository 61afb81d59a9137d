package dev.stepwise.mfa.factor.recovery;

import dev.stepwise.mfa.factor.Pbkdf2;

import java.security.SecureRandom;
import java.util.Objects;

/**
 * Salted slow hashing of recovery codes with the JDK's {@code PBKDF2WithHmacSHA256}.
 *
 * <p><b>Why these parameters.</b> NIST SP 800-63B §5.1.2.2: look-up secrets with fewer than 112 bits of entropy
 * (ours have 80) "SHALL be salted and hashed using a suitable one-way key derivation function" as in §5.1.1.2 —
 * a salt of at least 32 bits and, for PBKDF2, "at least 10,000 iterations". Each code gets its own 128-bit
 * random salt. The iteration count is {@value #DEFAULT_ITERATIONS}, not the 600,000 OWASP's Password Storage
 * Cheat Sheet gives for PBKDF2-HMAC-SHA256: that figure protects low-entropy human passwords, while a random
 * 80-bit code is out of reach of offline guessing at any count, so the work factor here is defence in depth.
 * And because the salt is per code, one sign-in attempt may derive up to ten keys (one per unused code); at
 * 600,000 that is over a second of CPU per attempt — a lever for denial of service. At 100,000 the worst case
 * stays around a quarter of a second on current servers. The count is stored with each hash, so it can be
 * raised later without invalidating existing codes.
 *
 * <pre>{@code
 * RecoveryCodeHasher hasher = new RecoveryCodeHasher();
 * RecoveryCodeHash stored = hasher.hash("7K2M9XQ4H3VD05TR");
 * hasher.matches("7K2M9XQ4H3VD05TR", stored);   // true
 * }</pre>
 */
public final class RecoveryCodeHasher {

    /** The JDK key-derivation algorithm. */
    public static final String ALGORITHM = Pbkdf2.ALGORITHM;

    /** Iterations for new hashes; see the class comment for the reasoning. */
    public static final int DEFAULT_ITERATIONS = 100_000;

    /** Fewest iterations accepted for new hashes (NIST SP 800-63B §5.1.1.2: at least 10,000 for PBKDF2). */
    public static final int MIN_ITERATIONS = Pbkdf2.MIN_ITERATIONS;

    /** Salt length in bytes: 128 bits (NIST SP 800-63B §5.1.1.2 asks for at least 32). */
    public static final int SALT_BYTES = Pbkdf2.SALT_BYTES;

    /** Derived key length in bits: the HMAC-SHA256 output size. */
    public static final int HASH_BITS = Pbkdf2.HASH_BITS;

    private final int iterations;
    private final SecureRandom random;

    /** {@value #DEFAULT_ITERATIONS} iterations, salts from a new {@link SecureRandom}. */
    public RecoveryCodeHasher() {
        this(DEFAULT_ITERATIONS, new SecureRandom());
    }

    /**
     * @param iterations iterations for new hashes, at least {@value #MIN_ITERATIONS}
     * @param random     the source of salts and ids
     */
    public RecoveryCodeHasher(int iterations, SecureRandom random) {
        this.iterations = Pbkdf2.checkedIterations(iterations);
        this.random = Objects.requireNonNull(random, "random");
    }

    /** {@return the iterations} */
    public int iterations() {
        return iterations;
    }

    /**
     * A new hash of {@code canonicalCode} (see {@link RecoveryCodeFormat#normalise}) with a fresh salt and id.
     *
     * @param canonicalCode the canonical code
     * @return a new hash of {@code canonicalCode} (see {@link RecoveryCodeFormat#normalise}) with a fresh salt and id
     */
    public RecoveryCodeHash hash(String canonicalCode) {
        Objects.requireNonNull(canonicalCode, "canonicalCode");
        byte[] salt = Pbkdf2.newSalt(random);
        String id = Pbkdf2.newId(random);
        return new RecoveryCodeHash(id, salt, iterations, Pbkdf2.derive(canonicalCode, salt, iterations));
    }

    /**
     * Whether {@code canonicalCode} is the code behind {@code stored}; compared in constant time.
     *
     * @param canonicalCode the canonical code
     * @param stored the stored
     * @return whether {@code canonicalCode} is the code behind {@code stored}; compared in constant time
     */
    public boolean matches(String canonicalCode, RecoveryCodeHash stored) {
        Objects.requireNonNull(canonicalCode, "canonicalCode");
        Objects.requireNonNull(stored, "stored");
        return Pbkdf2.matches(canonicalCode, stored.salt(), stored.iterations(), stored.hash());
    }
}
