package dev.stepwise.mfa.core;

/**
 * Where per-account failure counts live (the JDBC store, so every node counts into the same row). Used by
 * {@link AccountThrottle}, which reserves each attempt by counting it up before it is checked.
 *
 * <pre>{@code
 * FailureCounter counter = jdbcStore.attempts();
 * }</pre>
 *
 * <p>Implementations must be thread-safe, and {@link #replace} must be one atomic compare-and-set also when many
 * calls arrive at the same time from different nodes: of concurrent calls expecting the same count, exactly one
 * succeeds.
 */
public interface FailureCounter {

    /**
     * The current count of {@code user}; {@link FailureCount#NONE} when there is none.
     *
     * @param user the user name (the container's caller principal name)
     * @return the current count of {@code user}; {@link FailureCount#NONE} when there is none
     */
    FailureCount read(String user);

    /**
     * Replaces the count of {@code user} with {@code next} if, and only if, it is still {@code expected}, as one
     * atomic step (in SQL an {@code UPDATE … WHERE failures = ? AND last_failure_at = ?} with an update count of 1,
     * or an insert-if-absent when {@code expected} is {@link FailureCount#NONE}).
     *
     * @param user the user name (the container's caller principal name)
     * @param expected the expected
     * @param next the next
     * @return whether this call replaced it; {@code false} when another call changed the count first
     */
    boolean replace(String user, FailureCount expected, FailureCount next);

    /**
     * Takes one failure back, atomically (an attempt that was counted but could not be checked); nothing happens
     * when there is none.
     *
     * @param user the user name (the container's caller principal name)
     */
    void giveBack(String user);

    /**
     * Forgets the failures of {@code user} (after a success).
     *
     * @param user the user name (the container's caller principal name)
     */
    void reset(String user);
}
