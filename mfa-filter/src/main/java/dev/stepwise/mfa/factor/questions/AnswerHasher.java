package dev.stepwise.mfa.factor.questions;

import dev.stepwise.mfa.factor.Pbkdf2;

import java.security.SecureRandom;
import java.util.Objects;

/**
 * Salted slow hashing of normalised answers with the JDK's {@code PBKDF2WithHmacSHA256}.
 *
 * <p>Answers are low-entropy human secrets, like passwords, so the work factor is the one OWASP's Password Storage
 * Cheat Sheet gives for PBKDF2-HMAC-SHA256: {@value #DEFAULT_ITERATIONS} iterations, with a 128-bit random salt per
 * answer. A challenge derives exactly {@value dev.stepwise.mfa.core.QuestionRules#ASKED} keys, and only after the
 * account throttle reserved the attempt. The count is stored with each hash, so it can be raised later: old hashes
 * keep verifying with theirs.
 *
 * <pre>{@code
 * AnswerHasher hasher = new AnswerHasher();
 * SecurityQuestion q = hasher.hash("Favourite tree?", "larch");   // answer already normalised
 * hasher.matches("larch", q);   // true
 * }</pre>
 */
public final class AnswerHasher {

    /** The JDK key-derivation algorithm. */
    public static final String ALGORITHM = Pbkdf2.ALGORITHM;

    /** Iterations for new hashes (OWASP, PBKDF2-HMAC-SHA256). */
    public static final int DEFAULT_ITERATIONS = 600_000;

    /** Fewest iterations accepted (NIST SP 800-63B §5.1.1.2: at least 10,000 for PBKDF2). */
    public static final int MIN_ITERATIONS = Pbkdf2.MIN_ITERATIONS;

    /** Salt length in bytes. */
    public static final int SALT_BYTES = Pbkdf2.SALT_BYTES;

    /** Derived key length in bits. */
    public static final int HASH_BITS = Pbkdf2.HASH_BITS;

    private final int iterations;
    private final SecureRandom random;

    /** {@value #DEFAULT_ITERATIONS} iterations, salts from a new {@link SecureRandom}. */
    public AnswerHasher() {
        this(DEFAULT_ITERATIONS, new SecureRandom());
    }

    /**
     * @param iterations iterations for new hashes, at least {@value #MIN_ITERATIONS}
     * @param random     the source of salts and ids
     */
    public AnswerHasher(int iterations, SecureRandom random) {
        this.iterations = Pbkdf2.checkedIterations(iterations);
        this.random = Objects.requireNonNull(random, "random");
    }

    /**
     * A new stored question for {@code question} and its normalised {@code answer}, with a fresh salt and id.
     *
     * @param question the question as written
     * @param answer   the normalised answer ({@link dev.stepwise.mfa.core.QuestionRules#answer})
     * @return the question to store
     */
    public SecurityQuestion hash(String question, String answer) {
        Objects.requireNonNull(question, "question");
        Objects.requireNonNull(answer, "answer");
        byte[] salt = Pbkdf2.newSalt(random);
        String id = Pbkdf2.newId(random);
        return new SecurityQuestion(id, question, salt, iterations,
                Pbkdf2.derive(answer, salt, iterations));
    }

    /**
     * Whether {@code answer} (normalised) is the one behind {@code stored}; compared in constant time.
     *
     * @param answer the normalised answer
     * @param stored the stored question
     * @return whether it matches
     */
    public boolean matches(String answer, SecurityQuestion stored) {
        Objects.requireNonNull(answer, "answer");
        Objects.requireNonNull(stored, "stored");
        return Pbkdf2.matches(answer, stored.salt(), stored.iterations(), stored.hash());
    }
}
