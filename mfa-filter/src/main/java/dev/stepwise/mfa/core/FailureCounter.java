package dev.stepwise.mfa.core;

import java.time.Instant;

/**
 * Where per-account failure counts live (the JDBC store, so every node counts into the same row). Used by
 * {@link AccountThrottle}.
 *
 * <pre>{@code
 * FailureCounter counter = jdbcStore.attempts();
 * }</pre>
 *
 * <p>Implementations must be thread-safe and count every failure exactly once, also when many arrive at the same
 * time from different nodes.
 */
public interface FailureCounter {

    /** The current count of {@code user}; {@link FailureCount#NONE} when there is none. */
    FailureCount read(String user);

    /**
     * Adds one failure at {@code at}, atomically, and returns the count including it: of concurrent calls each
     * sees a different count, so exactly one sees the count that locks the account.
     */
    FailureCount increment(String user, Instant at);

    /** Forgets the failures of {@code user} (after a success). */
    void reset(String user);
}
