package dev.stepwise.mfa.core.risk;

import java.util.List;
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
 * @param args       the text's arguments ({@code {0}}, {@code {1}} …), at most {@value #MAX_ARGS} of at most
 *                   {@value #MAX_ARG} characters; one made by {@link #countryArg} is shown as the country's name
 *                   in the page's language
 *
 * @serial exclude
 */
public record RiskReason(String id, RiskLevel level, String messageKey, List<String> args)
        implements java.io.Serializable {

    /** Longest id. */
    public static final int MAX_ID = 64;

    /** Most arguments of a text. */
    public static final int MAX_ARGS = 4;

    /** Longest argument. */
    public static final int MAX_ARG = 64;

    /** Prefix of an argument the page shows as a country name ({@link #countryArg}). */
    public static final String COUNTRY_ARG = "country:";

    /** Prefix of the default message keys. */
    public static final String KEY_PREFIX = "stepwise.mfa.risk.";

    /**
     * Checks the components.
     * @param id stable id for audit lines and tests: 1 to {@value #MAX_ID} characters of {@code a-z}, {@code 0-9} and {@code -}, e.g. {@code new-device}
     * @param level how much this reason adds; at least {@link RiskLevel#LOW}
     * @param messageKey bundle key of the text the challenge page shows
     * @param args the text's arguments; {@code null} is none
     */
    public RiskReason {
        requireId(id);
        Objects.requireNonNull(level, "level");
        if (level == RiskLevel.NONE) {
            throw new IllegalArgumentException("a reason adds risk: level must be LOW or higher");
        }
        Objects.requireNonNull(messageKey, "messageKey");
        args = args == null ? List.of() : List.copyOf(args);
        if (args.size() > MAX_ARGS || args.stream().anyMatch(a -> a.length() > MAX_ARG)) {
            throw new IllegalArgumentException("a reason has at most " + MAX_ARGS + " arguments of at most "
                    + MAX_ARG + " characters");
        }
    }

    /**
     * A reason whose text takes no arguments.
     *
     * @param id stable id, as in the canonical constructor
     * @param level how much this reason adds; at least {@link RiskLevel#LOW}
     * @param messageKey bundle key of the text the challenge page shows
     */
    public RiskReason(String id, RiskLevel level, String messageKey) {
        this(id, level, messageKey, List.of());
    }

    /**
     * This reason with arguments for its text, e.g. {@code "08:00", "19:00"} for "between {0} and {1}".
     *
     * @param values the arguments, in order
     * @return the risk reason
     */
    public RiskReason withArgs(String... values) {
        return new RiskReason(id, level, messageKey, List.of(values));
    }

    /**
     * An argument the challenge page shows as the name of the country in the page's language.
     *
     * @param isoCode the ISO 3166-1 alpha-2 code, e.g. {@code DE}
     * @return {@code country:DE}
     */
    public static String countryArg(String isoCode) {
        return COUNTRY_ARG + Objects.requireNonNull(isoCode, "isoCode");
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
        return new RiskReason(id, newLevel, messageKey, args);
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
