package dev.stepwise.mfa.core.risk;

import java.util.Objects;

/**
 * One reason why a sign-in looks risky, as a {@link RiskSignal} reports it.
 *
 * <pre>{@code
 * RiskReason r = RiskReason.of("new-device", RiskLevel.MEDIUM);
 * r.messageKey();   // "stepwise.mfa.risk.new-device": the challenge page says "We don't recognise this device"
 * }</pre>
 *
 * @param id         stable id for audit lines and tests: 1 to {@value #MAX_ID} characters of {@code a-z},
 *                   {@code 0-9} and {@code -}, e.g. {@code new-device}
 * @param level      how much this reason adds; at least {@link RiskLevel#LOW}
 * @param messageKey bundle key of the text the challenge page shows
 *
 * @serial exclude
 */
public record RiskReason(String id, RiskLevel level, String messageKey) implements java.io.Serializable {

    /** Longest id. */
    public static final int MAX_ID = 64;

    /** Prefix of the default message keys. */
    public static final String KEY_PREFIX = "stepwise.mfa.risk.";

    /**
     * Checks the components.
     * @param id stable id for audit lines and tests: 1 to {@value #MAX_ID} characters of {@code a-z}, {@code 0-9} and {@code -}, e.g. {@code new-device}
     * @param level how much this reason adds; at least {@link RiskLevel#LOW}
     * @param messageKey bundle key of the text the challenge page shows
     */
    public RiskReason {
        requireId(id);
        Objects.requireNonNull(level, "level");
        if (level == RiskLevel.NONE) {
            throw new IllegalArgumentException("a reason adds risk: level must be LOW or higher");
        }
        Objects.requireNonNull(messageKey, "messageKey");
    }

    /**
     * A reason with the default message key {@code stepwise.mfa.risk.<id>}.
     *
     * @param id stable id for audit lines and tests: 1 to {@value #MAX_ID} characters of {@code a-z}, {@code 0-9} and {@code -}, e.g. {@code new-device}
     * @param level how much this reason adds; at least {@link RiskLevel#LOW}
     * @return a reason with the default message key {@code stepwise.mfa.risk.}
     */
    public static RiskReason of(String id, RiskLevel level) {
        return new RiskReason(id, level, KEY_PREFIX + requireId(id));
    }

    /**
     * This reason with another level (e.g. when an application configures a built-in signal).
     *
     * @param newLevel the level to set
     * @return the risk reason
     */
    public RiskReason withLevel(RiskLevel newLevel) {
        return new RiskReason(id, newLevel, messageKey);
    }

    private static String requireId(String id) {
        Objects.requireNonNull(id, "id");
        if (id.isEmpty() || id.length() > MAX_ID) {
            throw new IllegalArgumentException("a risk reason id has 1 to " + MAX_ID + " characters");
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
            if (!ok) {
                // ids go into log lines and message keys: keep them to a safe alphabet
                throw new IllegalArgumentException("a risk reason id may use a-z, 0-9 and '-' only: " + id);
            }
        }
        return id;
    }
}
