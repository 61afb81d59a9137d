package dev.stepwise.mfa.factor.questions;

import java.util.Objects;

/**
 * One stored security question: the question in plain text (the stores seal it at rest) and the salted PBKDF2 hash of
 * its normalised answer. The answer itself is never kept.
 *
 * @param id         random id, 32 hex digits
 * @param question   the question as the user wrote it
 * @param salt       the answer's own random salt
 * @param iterations PBKDF2 iterations the hash was made with
 * @param hash       the derived key
 */
public record SecurityQuestion(String id, String question, byte[] salt, int iterations, byte[] hash) {

    /**
     * Checks the components and copies the arrays.
     *
     * @param id         random id, 32 hex digits
     * @param question   the question as the user wrote it
     * @param salt       the answer's own random salt
     * @param iterations PBKDF2 iterations the hash was made with
     * @param hash       the derived key
     */
    public SecurityQuestion {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(question, "question");
        salt = Objects.requireNonNull(salt, "salt").clone();
        hash = Objects.requireNonNull(hash, "hash").clone();
        if (iterations <= 0) {
            throw new IllegalArgumentException("iterations must be positive");
        }
    }

    /** {@return a copy of the answer's salt} */
    @Override
    public byte[] salt() {
        return salt.clone();
    }

    /** {@return a copy of the derived key} */
    @Override
    public byte[] hash() {
        return hash.clone();
    }

    /** Never shows the salt or the hash. */
    @Override
    public String toString() {
        return "SecurityQuestion[id=" + id + ", iterations=" + iterations + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SecurityQuestion other && id.equals(other.id) && question.equals(other.question)
                && iterations == other.iterations && java.util.Arrays.equals(salt, other.salt)
                && java.util.Arrays.equals(hash, other.hash);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }
}
