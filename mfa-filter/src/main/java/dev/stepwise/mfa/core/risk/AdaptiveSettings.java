package dev.stepwise.mfa.core.risk;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The settings of adaptive MFA ({@code stepwise.mfa.login=adaptive}), one web.xml parameter each:
 *
 * <pre>{@code
 * <context-param><param-name>stepwise.mfa.login</param-name><param-value>adaptive</param-value></context-param>
 * <context-param><param-name>stepwise.mfa.adaptive.require</param-name><param-value>medium</param-value>
 * </context-param>
 * <context-param><param-name>stepwise.mfa.adaptive.memory</param-name><param-value>P90D</param-value>
 * </context-param>
 * <context-param><param-name>stepwise.mfa.adaptive.failures</param-name><param-value>3</param-value>
 * </context-param>
 * <context-param><param-name>stepwise.mfa.adaptive.absence</param-name><param-value>P30D</param-value>
 * </context-param>
 * }</pre>
 *
 * @param require          the level from which a second factor is asked ({@code low | medium | high}, default
 *                         {@code medium}: a new device, a long absence, or recent failures ask; a new network alone
 *                         does not)
 * @param memory           how long a device or network stays "known" after it was last seen (default
 *                         {@code P90D})
 * @param failureThreshold consecutive failed factor attempts on the account from which a sign-in is
 *                         {@code recent-failures} (default 3)
 * @param absence          time since the last successful sign-in from which a sign-in is {@code long-absence}
 *                         (default {@code P30D}: a dormant account coming back to life is a classic takeover sign,
 *                         and a monthly user is asked at most about once a month)
 */
public record AdaptiveSettings(RiskLevel require, Duration memory, int failureThreshold, Duration absence) {

    /** Default of {@code stepwise.mfa.adaptive.require}. */
    public static final RiskLevel DEFAULT_REQUIRE = RiskLevel.MEDIUM;
    /** Default of {@code stepwise.mfa.adaptive.memory}. */
    public static final Duration DEFAULT_MEMORY = Duration.ofDays(90);
    /** Default of {@code stepwise.mfa.adaptive.failures}. */
    public static final int DEFAULT_FAILURE_THRESHOLD = 3;
    /** Default of {@code stepwise.mfa.adaptive.absence}. */
    public static final Duration DEFAULT_ABSENCE = Duration.ofDays(30);

    /**
     * Checks the components.
     * @param require the level from which a second factor is asked ({@code low | medium | high}, default {@code medium}: a new device, a long absence, or recent failures ask; a new network alone does not)
     * @param memory how long a device or network stays "known" after it was last seen (default {@code P90D})
     * @param failureThreshold consecutive failed factor attempts on the account from which a sign-in is {@code recent-failures} (default 3)
     * @param absence time since the last successful sign-in from which a sign-in is {@code long-absence} (default {@code P30D}: a dormant account coming back to life is a classic takeover sign, and a monthly user is asked at most about once a month)
     */
    public AdaptiveSettings {
        Objects.requireNonNull(require, "require");
        if (require == RiskLevel.NONE) {
            throw new IllegalArgumentException("require must be low, medium or high");
        }
        requirePositive(memory, "memory");
        if (failureThreshold < 1) {
            throw new IllegalArgumentException("failureThreshold must be at least 1, was " + failureThreshold);
        }
        requirePositive(absence, "absence");
    }

    /**
     * {@code medium}, {@code P90D}, 3 failures, {@code P30D}.
     *
     * @return the adaptive settings
     */
    public static AdaptiveSettings defaults() {
        return new AdaptiveSettings(DEFAULT_REQUIRE, DEFAULT_MEMORY, DEFAULT_FAILURE_THRESHOLD, DEFAULT_ABSENCE);
    }

    /**
     * The four built-in signals with these settings and their default levels: {@code new-device} MEDIUM,
     * {@code new-network} LOW, {@code recent-failures} HIGH, {@code long-absence} MEDIUM.
     *
     * @param history the user's sign-in history
     * @return the four built-in signals with these settings and their default levels: {@code new-device} MEDIUM, {@code new-network} LOW, {@code recent-failures} HIGH, {@code long-absence} MEDIUM
     */
    public List<RiskSignal> builtInSignals(RiskHistory history) {
        return List.of(
                new NewDeviceSignal(history, memory),
                new NewNetworkSignal(history, memory),
                new RecentFailuresSignal(failureThreshold),
                new LongAbsenceSignal(history, absence));
    }

    private static void requirePositive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + d);
        }
    }
}
