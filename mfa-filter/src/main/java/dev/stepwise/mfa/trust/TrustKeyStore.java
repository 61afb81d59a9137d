package dev.stepwise.mfa.trust;

import java.time.Instant;
import java.util.List;

/**
 * Where trust-signing keys live, shared by all nodes (the JDBC store seals them with its {@code SecretBox}).
 *
 * <pre>{@code
 * TrustKeyStore keys = jdbcStore.trustKeys();
 * }</pre>
 *
 * <p>Implementations are thread-safe. {@link #addIfAbsent} is the only write that matters for correctness: two
 * nodes adding a key for the same slot at once must leave exactly one, and both then read that one.
 */
public interface TrustKeyStore {

    /** {@return all stored keys, expired ones included until {@link #deleteExpired} removes them} */
    List<TrustKey> findAll();

    /**
     * Stores {@code key} unless a key with its slot (or id) exists; never replaces one.
     *
     * @param key the key
     * @return whether this key was stored
     */
    boolean addIfAbsent(TrustKey key);

    /**
     * Deletes keys whose verification ended before {@code now}; returns how many.
     *
     * @param now the current instant
     * @return how many keys were deleted
     */
    int deleteExpired(Instant now);
}
