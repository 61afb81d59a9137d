package dev.stepwise.mfa.core;

import dev.stepwise.mfa.core.Decision.ChallengeRequired;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The authentication context class references (ACR, RFC 9470) that satisfy a challenge: a fixed mapping from the
 * requirement to names, sent in {@code WWW-Authenticate}'s {@code acr_values} and the problem body's
 * {@code acrValues} (README "API clients and fetch()").
 *
 * <table>
 *   <caption>Requirement to ACR names</caption>
 *   <tr><th>requirement</th><th>{@code acr_values}</th></tr>
 *   <tr><td>any second factor (session MFA or a step-up that names no factors)</td>
 *       <td>{@value #ANY_FACTOR}</td></tr>
 *   <tr><td>names factors ({@code @StepUp(factors = ...)}, {@code @RequiresMfa(factors = ...)})</td>
 *       <td>{@value #FACTOR_PREFIX}<i>id</i> for each factor the challenge offers, in the application's order,
 *       e.g. {@code urn:stepwise:factor:totp urn:stepwise:factor:webauthn}</td></tr>
 * </table>
 *
 * <p>A factor id is written as is when it uses the configured alphabet ({@code a-z}, {@code 0-9}, {@code -});
 * any other character is percent-encoded (UTF-8, upper-case hex), so a name never needs escaping in a quoted
 * header value. The freshness ({@code max_age}) is not part of the names.
 */
public final class AcrValues {

    /** The ACR name of "any second factor". */
    public static final String ANY_FACTOR = "urn:stepwise:mfa";

    /** The prefix of a named factor's ACR name, followed by the factor id. */
    public static final String FACTOR_PREFIX = "urn:stepwise:factor:";

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private AcrValues() {
    }

    /**
     * The ACR names that satisfy {@code challenge}, most preferred first.
     *
     * @param challenge the challenge
     * @return the names, never empty
     */
    public static List<String> of(ChallengeRequired challenge) {
        if (challenge.requirement().factors().isEmpty()) {
            return List.of(ANY_FACTOR);
        }
        return challenge.factors().stream().map(AcrValues::factor).toList();
    }

    /**
     * The ACR names that satisfy {@code challenge}, space-separated as RFC 9470 sends them.
     *
     * @param challenge the challenge
     * @return the names separated by single spaces
     */
    public static String spaced(ChallengeRequired challenge) {
        return String.join(" ", of(challenge));
    }

    /**
     * The ACR name of one factor.
     *
     * @param id the factor id
     * @return {@value #FACTOR_PREFIX} followed by the id, percent-encoded outside {@code a-z0-9-}
     */
    public static String factor(String id) {
        StringBuilder name = new StringBuilder(FACTOR_PREFIX);
        for (byte b : id.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
                name.append(c);
            } else {
                name.append('%').append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
            }
        }
        return name.toString();
    }
}
