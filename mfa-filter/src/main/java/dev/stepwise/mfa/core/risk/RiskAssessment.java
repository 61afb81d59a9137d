package dev.stepwise.mfa.core.risk;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How risky a sign-in looks: the reasons the signals gave and the level they add up to.
 *
 * <p><b>Combination rule.</b> Each reason adds its level's weight ({@code LOW} 1, {@code MEDIUM} 2,
 * {@code HIGH} 4); the sum gives the level: 0 {@code NONE}, 1 {@code LOW}, 2–3 {@code MEDIUM}, 4 and more
 * {@code HIGH}. So:
 * <ul>
 *   <li>the result is never below the highest single reason (one {@code HIGH} reason is {@code HIGH});</li>
 *   <li>two {@code MEDIUM} reasons make {@code HIGH} (a new device <em>and</em> a long absence);</li>
 *   <li>two {@code LOW} reasons make {@code MEDIUM} (weak hints add up);</li>
 *   <li>a {@code LOW} reason does not raise a single {@code MEDIUM} one (a new device on a new network is
 *       still {@code MEDIUM}: a new device usually comes with a new network).</li>
 * </ul>
 * Reasons with the same id count once, at the highest level given (an application signal reusing a built-in
 * id does not double the weight).
 *
 * <pre>{@code
 * RiskAssessment risk = RiskAssessment.of(List.of(
 *         RiskReason.of("new-device", RiskLevel.MEDIUM),
 *         RiskReason.of("new-network", RiskLevel.LOW)));
 * risk.level();                              // MEDIUM
 * risk.requiresMfa(RiskLevel.MEDIUM);        // true
 * risk.reasonIds();                          // [new-device, new-network]
 * }</pre>
 *
 * @param reasons what the signals reported, in signal order, one per id
 *
 * @serial exclude
 */
public record RiskAssessment(List<RiskReason> reasons) implements java.io.Serializable {

    /** Nothing unusual. */
    public static final RiskAssessment NONE = new RiskAssessment(List.of());

    /**
     * Checks the components and copies the mutable ones.
     * @param reasons what the signals reported, in signal order, one per id
     */
    public RiskAssessment {
        Map<String, RiskReason> byId = new LinkedHashMap<>();
        for (RiskReason r : Objects.requireNonNull(reasons, "reasons")) {
            Objects.requireNonNull(r, "reason");
            byId.merge(r.id(), r, (a, b) -> b.level().compareTo(a.level()) > 0 ? b : a);
        }
        reasons = List.copyOf(byId.values());
    }

    /**
     * The assessment of these reasons.
     *
     * @param reasons what the signals reported, in signal order, one per id
     * @return the assessment of these reasons
     */
    public static RiskAssessment of(List<RiskReason> reasons) {
        return new RiskAssessment(reasons);
    }

    /** {@return the combined level (see the class comment)} */
    public RiskLevel level() {
        int score = 0;
        for (RiskReason r : reasons) {
            // capped so that any number of reasons cannot overflow
            score = Math.min(score + r.level().weight(), RiskLevel.HIGH.weight());
        }
        return RiskLevel.ofScore(score);
    }

    /**
     * Whether the level reaches {@code threshold} ({@code stepwise.mfa.adaptive.require}).
     *
     * @param threshold the threshold
     * @return whether the level reaches {@code threshold} ({@code stepwise.mfa.adaptive.require})
     */
    public boolean requiresMfa(RiskLevel threshold) {
        return level().isAtLeast(Objects.requireNonNull(threshold, "threshold"));
    }

    /**
     * The reason ids, e.g. {@code [new-device, long-absence]}, for audit events.
     *
     * @return the reason ids, e.g. {@code [new-device, long-absence]}, for audit events
     */
    public List<String> reasonIds() {
        List<String> ids = new ArrayList<>(reasons.size());
        for (RiskReason r : reasons) {
            ids.add(r.id());
        }
        return List.copyOf(ids);
    }

    /** {@return the message keys, for the challenge page ("We don't recognise this device")} */
    public List<String> messageKeys() {
        List<String> keys = new ArrayList<>(reasons.size());
        for (RiskReason r : reasons) {
            keys.add(r.messageKey());
        }
        return List.copyOf(keys);
    }

    /**
     * Whether a reason with {@code id} was given.
     *
     * @param id the id
     * @return whether a reason with {@code id} was given
     */
    public boolean hasReason(String id) {
        for (RiskReason r : reasons) {
            if (r.id().equals(id)) {
                return true;
            }
        }
        return false;
    }
}
