package dev.stepwise.mfa.event;

/**
 * A short, fixed-vocabulary description of a {@code User-Agent} header, for audit events and device lists:
 * "Firefox on Linux", "Chrome on Android", "Safari on iOS". The result is always one of the names below, never a
 * piece of the header, so whatever a client sends cannot reach a log line or a page through it.
 *
 * <pre>{@code
 * UserAgentSummary.of(request.getHeader("User-Agent"));   // "Edge on Windows"
 * UserAgentSummary.of(null);                              // "Unknown browser"
 * }</pre>
 *
 * <p>Browsers: Edge, Opera, Samsung Internet, Firefox, Chrome, Safari, Internet Explorer (checked in that order,
 * since Edge, Opera and Samsung Internet also say "Chrome" and "Safari", and Chrome says "Safari"). Systems: iOS
 * (iPhone, iPad, iPod), Android, Windows, ChromeOS, macOS, Linux. An iPad in desktop mode says "Macintosh" and is
 * reported as macOS. Only the first {@value #MAX_SCANNED} characters are looked at.
 */
public final class UserAgentSummary {

    /** What an unrecognised browser is called. */
    public static final String UNKNOWN = "Unknown browser";

    /** Characters of the header looked at. */
    public static final int MAX_SCANNED = 512;

    private UserAgentSummary() {
    }

    /**
     * The summary of {@code userAgent}, e.g. {@code "Firefox on Linux"}; {@value #UNKNOWN} when not recognised.
     *
     * @param userAgent the {@code User-Agent} header
     * @return the summary of {@code userAgent}, e.g. {@code "Firefox on Linux"}; {@value #UNKNOWN} when not recognised
     */
    public static String of(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return UNKNOWN;
        }
        String ua = userAgent.length() > MAX_SCANNED ? userAgent.substring(0, MAX_SCANNED) : userAgent;
        String browser = browser(ua);
        String system = system(ua);
        if (browser == null) {
            return system == null ? UNKNOWN : UNKNOWN + " on " + system;
        }
        return system == null ? browser : browser + " on " + system;
    }

    private static String browser(String ua) {
        if (has(ua, "Edg/") || has(ua, "Edge/") || has(ua, "EdgA/") || has(ua, "EdgiOS/")) {
            return "Edge";
        }
        if (has(ua, "OPR/") || has(ua, "Opera") || has(ua, "OPiOS/")) {
            return "Opera";
        }
        if (has(ua, "SamsungBrowser/")) {
            return "Samsung Internet";
        }
        if (has(ua, "Firefox/") || has(ua, "FxiOS/")) {
            return "Firefox";
        }
        if (has(ua, "Chrome/") || has(ua, "CriOS/") || has(ua, "Chromium/")) {
            return "Chrome";
        }
        if (has(ua, "Safari/") && (has(ua, "Version/") || has(ua, "Mobile/"))) {
            return "Safari";
        }
        if (has(ua, "MSIE ") || has(ua, "Trident/")) {
            return "Internet Explorer";
        }
        return null;
    }

    private static String system(String ua) {
        // iOS before macOS ("like Mac OS X"), Android before Linux ("Linux; Android"), ChromeOS before Linux
        if (has(ua, "iPhone") || has(ua, "iPad") || has(ua, "iPod")) {
            return "iOS";
        }
        if (has(ua, "Android")) {
            return "Android";
        }
        if (has(ua, "Windows")) {
            return "Windows";
        }
        if (has(ua, "CrOS")) {
            return "ChromeOS";
        }
        if (has(ua, "Macintosh") || has(ua, "Mac OS X")) {
            return "macOS";
        }
        if (has(ua, "Linux")) {
            return "Linux";
        }
        return null;
    }

    private static boolean has(String ua, String token) {
        return ua.contains(token);
    }
}
