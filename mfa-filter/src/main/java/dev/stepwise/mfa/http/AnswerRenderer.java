package dev.stepwise.mfa.http;

import dev.stepwise.mfa.core.Decision;
import dev.stepwise.mfa.core.Decision.ChallengeRequired;
import dev.stepwise.mfa.core.Decision.Denied;
import dev.stepwise.mfa.core.Decision.EnrollmentRequired;
import jakarta.json.Json;

import java.time.Instant;
import java.util.Locale;

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
 *   <tr><td>unavailable</td><td>503 page</td><td>503, JSON</td></tr>
 * </table>
 *
 * <p>Who is an API client: {@link dev.stepwise.mfa.core.ApiClientRule}; the 401 and 429 bodies and the ACR names:
 * README "API clients and fetch()" and {@link dev.stepwise.mfa.core.AcrValues}.
 */
public final class AnswerRenderer {

    /** Where the JSON challenge API is, under {@code stepwise.mfa.path} (README "JSON challenge API"). */
    public static final String API = "/api";

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
        String base = facts.contextPath() + libraryPath;
        boolean api = facts.apiClient();
        if (decision instanceof ChallengeRequired c) {
            return api ? ProblemAnswers.challenge(c, base + "/challenge", base + API) : seeOther(base + "/challenge");
        }
        if (decision instanceof EnrollmentRequired e) {
            return api ? enrolment(e, base) : seeOther(base + "/enroll");
        }
        if (decision instanceof Denied d) {
            return switch (d.why()) {
                case CROSS_SITE -> crossSite(api);
                case LOCKED_OUT -> api ? ProblemAnswers.lockedOut(d, now) : seeOther(base + "/challenge");
                default -> denied(api, d.why().name().toLowerCase(Locale.ROOT));
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
        if (api) {
            return new MfaAnswer(503, null, null, "application/json", "{\"error\":\"mfa_unavailable\"}");
        }
        return new MfaAnswer(503, null, null, "text/html;charset=UTF-8", page("Temporarily unavailable",
                "We cannot confirm your sign-in right now. Please try again in a few minutes."));
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

    private static MfaAnswer crossSite(boolean api) {
        if (api) {
            return new MfaAnswer(403, null, null, "application/problem+json", Json.createObjectBuilder()
                    .add("type", "about:blank").add("title", "Cross-site request refused").add("status", 403)
                    .add("error", "cross_site_request")
                    .add("detail", "This request came from another site; it was not run and not saved.")
                    .build().toString());
        }
        return new MfaAnswer(403, null, null, "text/html;charset=UTF-8", page("Request refused",
                "This request came from another site, so it was not run. If you meant to do this, go to the page "
                        + "yourself and try again there."));
    }

    private static MfaAnswer denied(boolean api, String why) {
        if (api) {
            return new MfaAnswer(403, null, null, "application/json",
                    Json.createObjectBuilder().add("error", "mfa_denied").add("why", why).build().toString());
        }
        return new MfaAnswer(403, null, null, "text/html;charset=UTF-8",
                page("Access denied", "This page needs a second factor that cannot be used right now."));
    }

    private static String page(String title, String text) {
        return "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>" + title + "</title></head><body><h1>"
                + title + "</h1><p>" + text + "</p></body></html>";
    }

    private static MfaAnswer seeOther(String location) {
        return new MfaAnswer(303, location, null, null, null);
    }
}
