package dev.stepwise.mfa.factor.recovery;

import java.util.List;

/**
 * Where the hashes of unused recovery codes live. Implementations must be thread-safe; in a cluster all nodes
 * share one (the JDBC store), so that a code consumed on one node is gone on all.
 *
 * <pre>{@code
 * RecoveryCodeStore store = new InMemoryRecoveryCodeStore();   // tests and single-node demos
 * }</pre>
 */
public interface RecoveryCodeStore {

    /**
     * Replaces every code of {@code user} with {@code hashes}, atomically: after it returns, no old code works
     * (docs/security-model.md: regenerating invalidates all old ones). An empty list removes them all.
     *
     * @param user the user name (the container's caller principal name)
     * @param hashes the hashes
     */
    void replaceAll(String user, List<RecoveryCodeHash> hashes);

    /**
     * The unused codes of {@code user}, possibly empty.
     *
     * @param user the user name (the container's caller principal name)
     * @return the unused codes of {@code user}, possibly empty
     */
    List<RecoveryCodeHash> list(String user);

    /**
     * Uses up one code, atomically (NIST SP 800-63B §5.1.2.2: each look-up secret is used once) — in SQL
     * {@code DELETE FROM … WHERE id = ? AND user_id = ?} with an update count of 1.
     *
     * @param user the user name (the container's caller principal name)
     * @param hashId the hash ID
     * @return {@code true} only for the one call that removed it; {@code false} if it was already used, replaced
     *         or never existed
     */
    boolean consume(String user, String hashId);

    /**
     * How many unused codes {@code user} has.
     *
     * @param user the user name (the container's caller principal name)
     * @return how many unused codes {@code user} has
     */
    int remaining(String user);
}
