package dev.stepwise.mfa.core;

import java.time.Instant;
import java.util.Objects;

/**
 * An account's consecutive failed factor attempts, as the store keeps them: how many since the last success, and
 * when the latest one happened. {@link AttemptPolicy} turns this into an {@link AttemptState}.
 *
 * <pre>{@code
 * FailureCount none = FailureCount.NONE;
 * FailureCount three = new FailureCount(3, Instant.parse("2026-01-01T10:00:00Z"));
 * }</pre>
 *
 * @param failures      consecutive failures, ≥ 0
 * @param lastFailureAt when the latest failure was recorded; {@code null} exactly when {@code failures} is 0
 */
public record FailureCount(int failures, Instant lastFailureAt) {

    /** No failures. */
    public static final FailureCount NONE = new FailureCount(0, null);

    /**
     * Checks the components.
     * @param failures consecutive failures, ≥ 0
     * @param lastFailureAt when the latest failure was recorded; {@code null} exactly when {@code failures} is 0
     */
    public FailureCount {
        if (failures < 0) {
            throw new IllegalArgumentException("failures must be ≥ 0, was " + failures);
        }
        if (failures > 0) {
            Objects.requireNonNull(lastFailureAt, "lastFailureAt");
        } else if (lastFailureAt != null) {
            throw new IllegalArgumentException("no failures, so no last failure time");
        }
    }

    /**
     * This count with one more failure at {@code at}. The latest failure time never moves back: a node whose clock
     * lags behind does not shorten the delay another node's failure imposed.
     *
     * @param at the instant
     * @return this count with one more failure at {@code at}
     */
    public FailureCount next(Instant at) {
        Objects.requireNonNull(at, "at");
        Instant latest = lastFailureAt != null && lastFailureAt.isAfter(at) ? lastFailureAt : at;
        return new FailureCount(failures + 1, latest);
    }
}
