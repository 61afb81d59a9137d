package dev.stepwise.mfa.web;

import dev.stepwise.mfa.factor.push.PushApprovals;
import dev.stepwise.mfa.runtime.AttemptOutcome;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One error answer of the JSON challenge API: RFC 9457 problem details ({@code application/problem+json}) with
 * {@code type}, {@code title}, {@code status}, {@code detail} and the members a client acts on (README "JSON
 * challenge API"). Thrown by the checks of a request and written by {@link ChallengeApiServlet}; its texts are
 * fixed, never an echo of the request.
 */
final class ApiProblem extends Exception {

    static final String PROBLEM_JSON = "application/problem+json";
    static final String PREFIX = "urn:stepwise:problem:";
    /** How long a script waits before it answers again while a push approval is pending. */
    static final long PENDING_RETRY_SECONDS = 2;

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String type;
    private final String title;
    private final transient JsonObjectBuilder members = Json.createObjectBuilder();
    private final Map<String, String> headers = new LinkedHashMap<>();

    private ApiProblem(int status, String slug, String title, String detail) {
        super(detail, null, false, false); // an answer, not a failure: no stack trace
        this.status = status;
        this.type = PREFIX + slug;
        this.title = title;
    }

    static ApiProblem of(int status, String slug, String title, String detail) {
        return new ApiProblem(status, slug, title, detail);
    }

    static ApiProblem badRequest(String detail) {
        return of(400, "bad-request", "Bad request", detail);
    }

    static ApiProblem unknownFactor() {
        return of(400, "unknown-factor", "Unknown factor", "Answer with one of the factors the status offers.");
    }

    static ApiProblem notSignedIn() {
        return of(403, "not-signed-in", "Not signed in", "Sign in first; the second factor comes after.");
    }

    static ApiProblem crossOrigin() {
        return of(403, "cross-origin", "Cross-origin request refused",
                "Only a script of this site's own origin may call this API.");
    }

    static ApiProblem csrf() {
        return of(403, "csrf", "CSRF token missing or wrong",
                "Send the csrfToken of GET status in the X-CSRF-Token header.");
    }

    static ApiProblem enrolmentRequired(String enroll) {
        return of(403, "enrolment-required", "No factor set up", "Set up a second factor first.")
                .with("enroll", enroll);
    }

    static ApiProblem replaced() {
        return of(409, "challenge-replaced", "Challenge replaced",
                "The challenge answered is not the one pending now; read the status and answer that one.");
    }

    static ApiProblem unavailable() {
        return of(503, "mfa-unavailable", "Temporarily unavailable",
                "The second factor cannot be checked right now; try again in a few minutes.");
    }

    /**
     * The answer when the factor could not check now: 409 {@code approval-pending} with {@code Retry-After} while
     * a push approval waits for the device's choice (not a failure, nothing counted), else 503.
     */
    static ApiProblem notChecked(AttemptOutcome.Unavailable outcome) {
        if (PushApprovals.WAITING.equals(outcome.messageKey())) {
            return of(409, "approval-pending", "Waiting for your device",
                    "Choose the number shown here on your device, then answer again.")
                    .with("retryAfter", PENDING_RETRY_SECONDS)
                    .header("Retry-After", Long.toString(PENDING_RETRY_SECONDS));
        }
        return unavailable();
    }

    static ApiProblem failed() {
        return of(500, "mfa-error", "Something went wrong", "Something went wrong; please try again later.");
    }

    static ApiProblem methodNotAllowed(String allow) {
        return of(405, "method-not-allowed", "Method not allowed", "See README \"JSON challenge API\".")
                .header("Allow", allow);
    }

    /** The 429: no attempt now; {@code locked} when the account is locked, else it only has to wait. */
    static ApiProblem lockedOut(long retryAfterSeconds, boolean locked) {
        return of(429, "mfa-locked-out", "Too many attempts", locked
                ? "Too many failed attempts: the account is locked for now."
                : "Too many failed attempts: wait before the next one.")
                .with("retryAfter", retryAfterSeconds).with("locked", locked)
                .header("Retry-After", Long.toString(retryAfterSeconds));
    }

    ApiProblem with(String name, String value) {
        members.add(name, value);
        return this;
    }

    ApiProblem with(String name, long value) {
        members.add(name, value);
        return this;
    }

    ApiProblem with(String name, boolean value) {
        members.add(name, value);
        return this;
    }

    ApiProblem with(String name, List<String> values) {
        members.add(name, Json.createArrayBuilder(values));
        return this;
    }

    ApiProblem header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    int status() {
        return status;
    }

    String type() {
        return type;
    }

    /** Writes the problem, never cached. */
    void writeTo(HttpServletResponse response) throws IOException {
        JsonObjectBuilder body = Json.createObjectBuilder().add("type", type).add("title", title)
                .add("status", status).add("detail", getMessage()).addAll(members);
        response.setStatus(status);
        response.setHeader("Cache-Control", "no-store");
        headers.forEach(response::setHeader);
        ApiJson.write(response, PROBLEM_JSON, body.build().toString());
    }
}
