package dev.stepwise.mfa.core;

import java.util.Locale;
import java.util.Set;

/**
 * Who is an API client: a script ({@code fetch()}, {@code XMLHttpRequest}) or a program that reads a status and
 * JSON, as opposed to a browser navigating, which is sent to the library's pages. The answer only chooses the
 * form of a refusal (a {@code 401}/{@code 429} problem or a {@code 303} to a page, see README "API clients and
 * fetch()"); it grants nothing either way, and an unsafe request from another site is refused before it is asked.
 *
 * <table>
 *   <caption>The rule, first match wins</caption>
 *   <tr><th>request</th><th>API client</th></tr>
 *   <tr><td>{@code Sec-Fetch-Mode: navigate}, or {@code Sec-Fetch-Dest: document}, {@code iframe} or
 *       {@code frame} (a navigation: a browser sets these and a page cannot)</td><td>no</td></tr>
 *   <tr><td>{@code X-Requested-With} present (any value)</td><td>yes</td></tr>
 *   <tr><td>{@code Accept} names {@code application/json} and not {@code text/html}</td><td>yes</td></tr>
 *   <tr><td>{@code Sec-Fetch-Mode: cors} or {@code same-origin} with {@code Sec-Fetch-Dest: empty}
 *       ({@code fetch()} or {@code XMLHttpRequest}, even with the default {@code Accept: *}{@code /*})</td>
 *       <td>yes</td></tr>
 *   <tr><td>anything else ({@code no-cors}, a {@code <script>} or {@code <img>}, no Sec-Fetch headers)</td>
 *       <td>no</td></tr>
 * </table>
 *
 * <p>A navigation wins over the other signals: Android's WebView adds {@code X-Requested-With} to every request,
 * pages included. A Sec-Fetch value that is not exactly one known token (ASCII, case-insensitive, at most
 * {@value #MAX_TOKEN} characters after trimming spaces) counts as absent, so the older signals decide.
 */
public final class ApiClientRule {

    /** The longest Sec-Fetch value read as a token; a longer one counts as absent. */
    public static final int MAX_TOKEN = 32;

    private static final Set<String> NAVIGATION_DESTINATIONS = Set.of("document", "iframe", "frame");
    private static final Set<String> SCRIPT_MODES = Set.of("cors", "same-origin");

    private ApiClientRule() {
    }

    /**
     * Whether a request with these headers comes from an API client rather than a browser navigating.
     *
     * @param xRequestedWith the {@code X-Requested-With} header, or {@code null}
     * @param accept         the {@code Accept} header, or {@code null}
     * @param secFetchMode   the {@code Sec-Fetch-Mode} header, or {@code null}
     * @param secFetchDest   the {@code Sec-Fetch-Dest} header, or {@code null}
     * @return whether the refusal should be a status and problem details rather than a page
     */
    public static boolean isApiClient(String xRequestedWith, String accept, String secFetchMode,
                                      String secFetchDest) {
        String mode = token(secFetchMode);
        String dest = token(secFetchDest);
        if ("navigate".equals(mode) || dest != null && NAVIGATION_DESTINATIONS.contains(dest)) {
            return false;
        }
        if (xRequestedWith != null || acceptsJsonOnly(accept)) {
            return true;
        }
        return mode != null && SCRIPT_MODES.contains(mode) && "empty".equals(dest);
    }

    private static boolean acceptsJsonOnly(String accept) {
        return accept != null && accept.contains("application/json") && !accept.contains("text/html");
    }

    /**
     * The value as a lower-case token, or {@code null} when absent, too long or not a plain token (never
     * {@code null} into the sets: {@code Set.of(...).contains(null)} throws).
     */
    private static String token(String value) {
        if (value == null || value.length() > MAX_TOKEN) {
            return null;
        }
        String t = value.strip();
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            boolean tokenChar = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '-';
            if (!tokenChar) {
                return null;
            }
        }
        return t.toLowerCase(Locale.ROOT);
    }
}
