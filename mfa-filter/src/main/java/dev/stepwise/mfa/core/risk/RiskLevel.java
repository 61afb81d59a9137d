package dev.stepwise.mfa.core.risk;

import java.util.Locale;

/**
 * How risky a sign-in looks, from nothing noticed to high. Ordered: {@code compareTo} says which is higher.
 *
 * <p>Each level has a weight used by {@link RiskAssessment} to combine reasons ({@code LOW} 1, {@code MEDIUM} 2,
 * {@code HIGH} 4), so that two weak signals together count as one stronger one.
 *
 * <pre>{@code
 * RiskLevel require = RiskLevel.parse("medium");          // stepwise.mfa.adaptive.require
 * boolean ask = assessment.level().isAtLeast(require);
 * }</pre>
 */
public enum RiskLevel {

    /** Nothing unusual was noticed. */
    NONE(0),
    /** Something slightly unusual (e.g. a network not seen before). */
    LOW(1),
    /** Unusual enough to ask for a second factor by default (e.g. a device not seen before). */
    MEDIUM(2),
    /** Looks like an attack (e.g. recent failed factor attempts on this account). */
    HIGH(4);

    /** Accepted values of {@link #parse}, for error messages. */
    public static final String FORMAT = "low | medium | high";

    private final int weight;

    RiskLevel(int weight) {
        this.weight = weight;
    }

    /** {@return the weight this level adds to a {@link RiskAssessment}'s score} */
    public int weight() {
        return weight;
    }

    /**
     * Whether this level is {@code other} or higher.
     *
     * @param other the other
     * @return whether this level is {@code other} or higher
     */
    public boolean isAtLeast(RiskLevel other) {
        return compareTo(other) >= 0;
    }

    /**
     * The level a score reaches: ≥ 4 {@code HIGH}, ≥ 2 {@code MEDIUM}, ≥ 1 {@code LOW}, else {@code NONE}.
     *
     * @param score the score
     * @return the level a score reaches: ≥ 4 {@code HIGH}, ≥ 2 {@code MEDIUM}, ≥ 1 {@code LOW}, else {@code NONE}
     */
    public static RiskLevel ofScore(int score) {
        if (score >= HIGH.weight) {
            return HIGH;
        }
        if (score >= MEDIUM.weight) {
            return MEDIUM;
        }
        return score >= LOW.weight ? LOW : NONE;
    }

    /**
     * Parses a threshold such as {@code medium} (case-insensitive, trimmed). {@code none} is not a threshold:
     * asking every time is the {@code enrolled} login policy.
     *
     * @param value the value
     * @return the risk level
     * @throws IllegalArgumentException naming the accepted values
     */
    public static RiskLevel parse(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        switch (v) {
            case "low":
                return LOW;
            case "medium":
                return MEDIUM;
            case "high":
                return HIGH;
            default:
                throw new IllegalArgumentException("'" + value + "' is not a risk level; expected " + FORMAT);
        }
    }

    /** {@return the lower-case name, as in configuration and audit lines} */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
