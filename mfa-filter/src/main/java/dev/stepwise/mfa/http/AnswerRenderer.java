package dev.stepwise.mfa.http;

import dev.stepwise.mfa.core.Decision;
import dev.stepwise.mfa.core.Decision.ChallengeRequired;
import dev.stepwise.mfa.core.Decision.Denied;
import dev.stepwise.mfa.core.Decision.EnrollmentRequired;
import jakarta.json.Json;

import java.time.Instant;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * The one place that turns a refusal into what the client gets, from values only (nothing is saved, fired or
 * written here): browsers are sent to the library's pages with a {@code 303}, scripts get a status and JSON.
 *
 * <table>
 *   <caption>Answers</caption>
 *   <tr><th>decision</th><th>browser</th><th>API client</th></tr>
 *   <tr><td>challenge</td><td>303 to the challenge page</td><td>401, {@code WWW-Authenticate} (RFC 9470),
 *       {@code application/problem+json}</td></tr>
 *   <tr><td>enrolment</td><td>303 to the enrolment page</td><td>403, JSON</td></tr>
 *   <tr><td>locked out</td><td>303 to the challenge page</td><td>429, {@code Retry-After},
 *       {@code application/problem+json}</td></tr>
 *   <tr><td>cross-site</td><td>403 page</td><td>403 {@code application/problem+json}</td></tr>
 *   <tr><td>denied</td><td>403 page</td><td>403, JSON</td></tr>
 *   <tr><td>outside a location rule</td><td>403 page of its own</td><td>403 {@code application/problem+json},
 *       type {@code urn:stepwise:problem:location-refused}</td></tr>
 *   <tr><td>unavailable</td><td>503 page</td><td>503, JSON</td></tr>
 * </table>
 *
 * <p>Who is an API client: {@link dev.stepwise.mfa.core.ApiClientRule}; the 401 and 429 bodies and the ACR names:
 * README "API clients and fetch()" and {@link dev.stepwise.mfa.core.AcrValues}.
 */
public final class AnswerRenderer {

    /** Where the JSON challenge API is, under {@code stepwise.mfa.path} (README "JSON challenge API"). */
    public static final String API = "/api";

    private static final String HTML = "text/html;charset=UTF-8";

    private final String libraryPath;

    /** @param libraryPath where the library's pages are ({@code stepwise.mfa.path}, context-relative) */
    public AnswerRenderer(String libraryPath) {
        this.libraryPath = libraryPath;
    }

    /**
     * The answer to a request that {@code decision} does not let through; {@code now} dates a lockout's end.
     *
     * @param decision the decision
     * @param facts what the library read from the request
     * @param now the current instant
     * @return the answer to a request that {@code decision} does not let through; {@code now} dates a lockout's end
     */
    public MfaAnswer render(Decision decision, RequestFacts facts, Instant now) {
        return render(decision, facts, now, Locale.ROOT);
    }

    /**
     * As {@link #render(Decision, RequestFacts, Instant)}, with a browser's 403 page in {@code pageLocale}.
     *
     * @param decision the decision
     * @param facts what the library read from the request
     * @param now the current instant
     * @param pageLocale the pages' language ({@link PageLocale#of}); API answers do not change with it
     * @return the answer to a request that {@code decision} does not let through
     */
    public MfaAnswer render(Decision decision, RequestFacts facts, Instant now, Locale pageLocale) {
        String base = facts.contextPath() + libraryPath;
        String css = stylesheet(facts.contextPath(), libraryPath);
        boolean api = facts.apiClient();
        if (decision instanceof ChallengeRequired c) {
            return api ? ProblemAnswers.challenge(c, base + "/challenge", base + API) : seeOther(base + "/challenge");
        }
        if (decision instanceof EnrollmentRequired e) {
            return api ? enrolment(e, base) : seeOther(base + "/enroll");
        }
        if (decision instanceof Denied d) {
            return switch (d.why()) {
                case CROSS_SITE -> crossSite(api, pageLocale, css);
                case LOCKED_OUT -> api ? ProblemAnswers.lockedOut(d, now) : seeOther(base + "/challenge");
                case OUTSIDE_LOCATION -> api ? ProblemAnswers.locationRefused()
                        : new MfaAnswer(403, null, null, HTML, page(pageLocale, "stepwise.mfa.location-refused",
                        null, null, css));
                default -> denied(api, d.why().name().toLowerCase(Locale.ROOT), pageLocale, css);
            };
        }
        throw new IllegalArgumentException("not a refusal: " + decision);
    }

    /**
     * The fail-closed answer when the library could not decide (e.g. its store is unreachable).
     *
     * @param api the api
     * @return the fail-closed answer when the library could not decide (e.g. its store is unreachable)
     */
    public static MfaAnswer unavailable(boolean api) {
        return unavailable(api, Locale.ROOT);
    }

    /**
     * The fail-closed answer when the library could not decide, a browser's page in {@code pageLocale}.
     *
     * @param api whether an API client asks (its JSON answer does not change with the language)
     * @param pageLocale the pages' language ({@link PageLocale#of})
     * @return 503 with a page for a browser, JSON for an API client
     */
    public static MfaAnswer unavailable(boolean api, Locale pageLocale) {
        return unavailable(api, pageLocale, null);
    }

    /**
     * As {@link #unavailable(boolean, Locale)}, the browser's page styled by the library's stylesheet.
     *
     * @param api whether an API client asks (its JSON answer does not change)
     * @param pageLocale the pages' language ({@link PageLocale#of})
     * @param stylesheet the stylesheet's address ({@link #stylesheet}), or {@code null} for an unstyled page
     * @return 503 with a page for a browser, JSON for an API client
     */
    public static MfaAnswer unavailable(boolean api, Locale pageLocale, String stylesheet) {
        if (api) {
            return new MfaAnswer(503, null, null, "application/json", "{\"error\":\"mfa_unavailable\"}");
        }
        return new MfaAnswer(503, null, null, HTML, page(pageLocale, "stepwise.mfa.unavailable", null, null,
                stylesheet));
    }

    /**
     * The 500 page for a browser when the library or a factor failed and its error page could not be shown: what
     * {@code error.jsp} says, without the details (they are in the server's log only).
     *
     * @param pageLocale the pages' language ({@link PageLocale#of})
     * @return the 500 answer
     */
    public static MfaAnswer failed(Locale pageLocale) {
        return failed(pageLocale, null);
    }

    /**
     * As {@link #failed(Locale)}, styled by the library's stylesheet.
     *
     * @param pageLocale the pages' language ({@link PageLocale#of})
     * @param stylesheet the stylesheet's address ({@link #stylesheet}), or {@code null} for an unstyled page
     * @return the 500 answer
     */
    public static MfaAnswer failed(Locale pageLocale, String stylesheet) {
        return new MfaAnswer(500, null, null, HTML, page(pageLocale, "stepwise.mfa.failure", null, null,
                stylesheet));
    }

    /**
     * The 403 page for a browser's form that no longer matches its session (the CSRF token is missing or from
     * another session, typically because the session expired), with a link to open the page again.
     *
     * @param pageLocale the pages' language ({@link PageLocale#of})
     * @param again where the link goes: a page of the library, with the context path (never from the request)
     * @return the 403 answer
     */
    public static MfaAnswer formExpired(Locale pageLocale, String again) {
        return formExpired(pageLocale, again, null);
    }

    /**
     * As {@link #formExpired(Locale, String)}, styled by the library's stylesheet.
     *
     * @param pageLocale the pages' language ({@link PageLocale#of})
     * @param again where the link goes: a page of the library, with the context path (never from the request)
     * @param stylesheet the stylesheet's address ({@link #stylesheet}), or {@code null} for an unstyled page
     * @return the 403 answer
     */
    public static MfaAnswer formExpired(Locale pageLocale, String again, String stylesheet) {
        return new MfaAnswer(403, null, null, HTML, page(pageLocale, "stepwise.mfa.expired", again,
                "stepwise.mfa.expired.again", stylesheet));
    }

    /**
     * The address of the pages' stylesheet, {@code /mfa/stepwise.css} under the library's pages, which the short
     * pages link (like the JSP pages, they have no inline style, so they work under {@code default-src 'self'}).
     *
     * @param contextPath the application's context path (from the container, never from a header)
     * @param libraryPath where the library's pages are ({@code stepwise.mfa.path}, context-relative)
     * @return the stylesheet's address, e.g. {@code /bank/mfa/stepwise.css}
     */
    public static String stylesheet(String contextPath, String libraryPath) {
        return contextPath + libraryPath + "/stepwise.css";
    }

    /**
     * The {@code WWW-Authenticate} header of RFC 9470 section 3 that a 401 for {@code challenge} carries (the
     * JSON challenge API sends it again with a rejected attempt).
     *
     * @param challenge the challenge
     * @return the header's value
     */
    public static String wwwAuthenticate(ChallengeRequired challenge) {
        return ProblemAnswers.wwwAuthenticate(challenge);
    }

    private static MfaAnswer enrolment(EnrollmentRequired e, String base) {
        return new MfaAnswer(403, null, null, "application/json", Json.createObjectBuilder()
                .add("error", "mfa_enrollment_required")
                .add("factors", ProblemAnswers.array(e.factors()))
                .add("enroll", base + "/enroll").build().toString());
    }

    private static MfaAnswer crossSite(boolean api, Locale pageLocale, String stylesheet) {
        if (api) {
            return new MfaAnswer(403, null, null, "application/problem+json", Json.createObjectBuilder()
                    .add("type", "about:blank").add("title", "Cross-site request refused").add("status", 403)
                    .add("error", "cross_site_request")
                    .add("detail", "This request came from another site; it was not run and not saved.")
                    .build().toString());
        }
        return new MfaAnswer(403, null, null, HTML, page(pageLocale, "stepwise.mfa.cross-site", null, null,
                stylesheet));
    }

    private static MfaAnswer denied(boolean api, String why, Locale pageLocale, String stylesheet) {
        if (api) {
            return new MfaAnswer(403, null, null, "application/json",
                    Json.createObjectBuilder().add("error", "mfa_denied").add("why", why).build().toString());
        }
        return new MfaAnswer(403, null, null, HTML, page(pageLocale, "stepwise.mfa.denied", null, null, stylesheet));
    }

    /**
     * A short page from the page bundle: {@code <prefix>.title} and {@code <prefix>.text}, and a link to
     * {@code href} named by {@code linkKey} when {@code href} is given, styled by {@code stylesheet} when given;
     * every text escaped.
     */
    private static String page(Locale pageLocale, String prefix, String href, String linkKey, String stylesheet) {
        ResourceBundle texts = PageLocale.texts(pageLocale);
        String title = escape(texts.getString(prefix + ".title"));
        String link = href == null ? "" : "<p><a href=\"" + escape(href) + "\">" + escape(texts.getString(linkKey))
                + "</a></p>";
        return "<!DOCTYPE html><html lang=\"" + escape(PageLocale.language(texts.getLocale()))
                + "\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, "
                + "initial-scale=1\">" + styled(stylesheet) + "<title>" + title + "</title></head><body><main><h1>" + title
                + "</h1><p role=\"alert\">" + escape(texts.getString(prefix + ".text")) + "</p>" + link
                + "</main></body></html>";
    }

    /** The head's lines for {@code stylesheet}: light and dark, and the link; nothing without a stylesheet. */
    private static String styled(String stylesheet) {
        return stylesheet == null ? "" : "<meta name=\"color-scheme\" content=\"light dark\"><link rel=\"stylesheet\" "
                + "href=\"" + escape(stylesheet) + "\">";
    }

    private static String escape(String text) {
        StringBuilder b = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    private static MfaAnswer seeOther(String location) {
        return new MfaAnswer(303, location, null, null, null);
    }
}
