package dev.stepwise.mfa.web;

import java.util.Objects;

/**
 * What every library page needs for its forms: the session's CSRF token and where the forms go. Part of each
 * page model (the pages read {@code page.links().csrf()}).
 *
 * @param csrf     the session's CSRF token ({@link CsrfToken})
 * @param action   the challenge page's URL, where a factor is answered
 * @param logout   where "sign out" posts
 * @param settings the settings page's URL
 */
public record PageLinks(String csrf, String action, String logout, String settings) {

    /**
     * Checks the components.
     * @param csrf the session's CSRF token ({@link CsrfToken})
     * @param action the challenge page's URL, where a factor is answered
     * @param logout where "sign out" posts
     * @param settings the settings page's URL
     */
    public PageLinks {
        Objects.requireNonNull(csrf, "csrf");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(logout, "logout");
        Objects.requireNonNull(settings, "settings");
    }

    /** The links under {@code base} (context path plus {@code stepwise.mfa.path}). */
    static PageLinks under(String base, String csrf) {
        return new PageLinks(csrf, base + ChallengeServlet.CHALLENGE, base + ChallengeServlet.LOGOUT,
                base + SettingsServlet.SETTINGS);
    }
}
