package dev.stepwise.mfa.core.risk;

import java.util.Optional;

/**
 * {@code recent-failures}: the account has at least {@code threshold} consecutive failed factor attempts (the
 * throttle's count, across sessions and addresses). Someone is guessing codes for this account; a sign-in now
 * with only the password is exactly what an attacker holding the password would try.
 *
 * <pre>{@code
 * RiskSignal failures = new RecentFailuresSignal(3);                                       // HIGH
 * }</pre>
 */
public final class RecentFailuresSignal implements RiskSignal {

    /** The reason id. */
    public static final String ID = "recent-failures";

    private final int threshold;
    private final RiskReason reason;

    /**
     * With the default level {@link RiskLevel#HIGH}.
     *
     * @param threshold the threshold
     */
    public RecentFailuresSignal(int threshold) {
        this(threshold, RiskLevel.HIGH);
    }

    /**
     * Creates the recent failures signal from its parts.
     *
     * @param threshold the threshold
     * @param level the level
     */
    public RecentFailuresSignal(int threshold, RiskLevel level) {
        if (threshold < 1) {
            throw new IllegalArgumentException("threshold must be at least 1, was " + threshold);
        }
        this.threshold = threshold;
        this.reason = RiskReason.of(ID, level);
    }

    @Override
    public Optional<RiskReason> evaluate(RiskContext context) {
        return context.recentFailures() >= threshold ? Optional.of(reason) : Optional.empty();
    }
}
