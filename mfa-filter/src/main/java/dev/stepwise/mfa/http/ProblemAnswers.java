package dev.stepwise.mfa.http;

import dev.stepwise.mfa.core.AcrValues;
import dev.stepwise.mfa.core.Decision.ChallengeRequired;
import dev.stepwise.mfa.core.Decision.Denied;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The answers an API client gets when it must prove a factor (401, RFC 9470) or is locked out (429): RFC 9457
 * problem details, {@code application/problem+json}. Members a client of 0.1 read ({@code error}, {@code why},
 * {@code factors}, {@code challenge}, {@code max_age}) are kept beside the new ones (docs/upgrading.md).
 */
final class ProblemAnswers {

    /** The media type of RFC 9457 problem details. */
    static final String PROBLEM_JSON = "application/problem+json";
    /** The problem type of a 401: a second factor is needed. */
    static final String MFA_REQUIRED = "urn:stepwise:problem:mfa-required";
    /** The problem type of a 429: too many failed attempts. */
    static final String LOCKED_OUT = "urn:stepwise:problem:mfa-locked-out";

    /** The problem type of a 403 by a location rule: not available from this network or location. */
    static final String LOCATION_REFUSED = "urn:stepwise:problem:location-refused";

    private static final String DESCRIPTION = "A second factor is required";

    private ProblemAnswers() {
    }

    /**
     * The 401 of RFC 9470 section 3: {@code WWW-Authenticate: Bearer error="insufficient_user_authentication",
     * error_description, acr_values, max_age} and the requirement as problem details. {@code challenge} is the page
     * (0.1 clients navigate to it), {@code challengeApi} the JSON challenge API (README "JSON challenge API").
     */
    static MfaAnswer challenge(ChallengeRequired c, String challengeUrl, String challengeApiUrl) {
        String acr = AcrValues.spaced(c);
        Long maxAge = c.maxAge() == null ? null : wholeSeconds(c.maxAge());
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("type", MFA_REQUIRED).add("title", "Second factor required").add("status", 401)
                .add("detail", detail(maxAge))
                .add("error", "insufficient_user_authentication")
                .add("why", c.why().name().toLowerCase(Locale.ROOT))
                .add("factors", array(c.factors()))
                .add("acrValues", acr)
                .add("challenge", challengeUrl)
                .add("challengeApi", challengeApiUrl);
        if (maxAge != null) {
            json.add("maxAge", maxAge).add("max_age", maxAge);
        }
        return new MfaAnswer(401, null, wwwAuthenticate(c), PROBLEM_JSON, json.build().toString());
    }

    /**
     * The 403 of a location rule's refusal: its own problem type, and no word of the rule, the networks or the
     * countries (a client learns only that this page is not served where it is).
     */
    static MfaAnswer locationRefused() {
        return new MfaAnswer(403, null, null, PROBLEM_JSON, Json.createObjectBuilder()
                .add("type", LOCATION_REFUSED).add("title", "Not available from this location").add("status", 403)
                .add("detail", "This page is not available from your network or location.")
                .add("error", "mfa_denied").add("why", "outside_location").build().toString());
    }

    /** The {@code WWW-Authenticate} header of RFC 9470 section 3 for {@code c}. */
    static String wwwAuthenticate(ChallengeRequired c) {
        // Every value is fixed text or an ACR name (a-z, 0-9, ':', '-', '%'): nothing to escape in the quotes.
        StringBuilder header = new StringBuilder("Bearer error=\"insufficient_user_authentication\", ")
                .append("error_description=\"").append(DESCRIPTION).append("\", acr_values=\"")
                .append(AcrValues.spaced(c)).append('"');
        if (c.maxAge() != null) {
            header.append(", max_age=").append(wholeSeconds(c.maxAge()));
        }
        return header.toString();
    }

    /** The 429 of a locked account: when to try again, in {@code Retry-After} and the body. */
    static MfaAnswer lockedOut(Denied d, Instant now) {
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("type", LOCKED_OUT).add("title", "Too many attempts").add("status", 429)
                .add("detail", "Too many failed attempts: the second factor cannot be tried now.")
                .add("error", "mfa_locked_out");
        Long retryAfter = null;
        if (d.until() != null) {
            long millis = Duration.between(now, d.until()).toMillis();
            retryAfter = Math.max(1, (millis + 999) / 1000); // whole seconds, rounded up
            json.add("retryAfter", retryAfter);
        }
        return new MfaAnswer(429, null, null, PROBLEM_JSON, json.build().toString(), retryAfter);
    }

    /** Whole seconds, rounded down: never allows an older proof than asked for. */
    private static long wholeSeconds(Duration maxAge) {
        return maxAge.toSeconds();
    }

    private static String detail(Long maxAge) {
        if (maxAge == null) {
            return "Verify a second factor in this session, then send the request again.";
        }
        if (maxAge == 0) {
            // max_age=0 (RFC 9470: no time may pass since the proof): a confirmation of this one request, which
            // only the browser flow gives (docs/security-model.md); leaving max_age out would ask for less.
            return "This request needs a confirmation of its own, which a script cannot give: submit it from a "
                    + "page.";
        }
        return "Verify a second factor (within the last " + maxAge + " seconds), then send the request again.";
    }

    /** {@code values} as a JSON array (the enrolment answer's {@code factors} too). */
    static JsonArrayBuilder array(List<String> values) {
        JsonArrayBuilder a = Json.createArrayBuilder();
        values.forEach(a::add);
        return a;
    }
}
