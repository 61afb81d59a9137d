package dev.stepwise.mfa.factor.recovery;

import java.util.Arrays;
import java.util.Objects;

/**
 * One stored recovery code: a PBKDF2 hash with its own salt and iteration count, never the code itself.
 *
 * <pre>{@code
 * RecoveryCodeHash stored = hasher.hash("7K2M9XQ4H3VD05TR");
 * // JDBC: INSERT INTO stepwise_recovery_code (id, user_id, salt, iterations, hash) VALUES (?, ?, ?, ?, ?)
 * }</pre>
 *
 * @param id         random id of this row, used to consume it; says nothing about the code
 * @param salt       per-code random salt; copied in and out
 * @param iterations PBKDF2 iteration count used for this hash (kept per hash so the default can rise later)
 * @param hash       PBKDF2-HMAC-SHA256 of the canonical code; copied in and out
 */
public record RecoveryCodeHash(String id, byte[] salt, int iterations, byte[] hash) {

    /**
     * Checks the components and copies the mutable ones.
     * @param id random id of this row, used to consume it; says nothing about the code
     * @param salt per-code random salt; copied in and out
     * @param iterations PBKDF2 iteration count used for this hash (kept per hash so the default can rise later)
     * @param hash PBKDF2-HMAC-SHA256 of the canonical code; copied in and out
     */
    public RecoveryCodeHash {
        Objects.requireNonNull(id, "id");
        salt = Objects.requireNonNull(salt, "salt").clone();
        hash = Objects.requireNonNull(hash, "hash").clone();
        if (salt.length == 0 || hash.length == 0) {
            throw new IllegalArgumentException("salt and hash must not be empty");
        }
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be positive, was " + iterations);
        }
    }

    /** {@return the salt (a copy)} */
    @Override
    public byte[] salt() {
        return salt.clone();
    }

    /** {@return the hash (a copy)} */
    @Override
    public byte[] hash() {
        return hash.clone();
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof RecoveryCodeHash)) {
            return false;
        }
        RecoveryCodeHash that = (RecoveryCodeHash) other;
        return id.equals(that.id) && iterations == that.iterations
                && Arrays.equals(salt, that.salt) && Arrays.equals(hash, that.hash);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, iterations, Arrays.hashCode(salt), Arrays.hashCode(hash));
    }

    @Override
    public String toString() {
        return "RecoveryCodeHash[id=" + id + ", iterations=" + iterations + "]";
    }
}
