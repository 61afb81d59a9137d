package dev.stepwise.mfa.web;

import dev.stepwise.mfa.core.CodeShape;
import dev.stepwise.mfa.core.Decision;
import dev.stepwise.mfa.core.Requirement;
import dev.stepwise.mfa.factor.ChallengeView;
import dev.stepwise.mfa.factor.Factor;
import dev.stepwise.mfa.http.AnswerRenderer;
import dev.stepwise.mfa.http.PendingChallenge;
import dev.stepwise.mfa.http.SavedRequest;
import dev.stepwise.mfa.runtime.AttemptOutcome;
import dev.stepwise.mfa.runtime.Attempts;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The JSON challenge API's {@code begin} and {@code verify} for one request (README "JSON challenge API"): the same
 * steps as the challenge page's POST ({@link ChallengeServlet}). The factor must be one the user may answer with
 * now and the posted challenge id the pending one, or nothing is checked; an answer is one attempt through
 * {@link Attempts}, the same unit, throttle and events as the page; a proof is recorded by {@link ProvenFactor}.
 * Nothing is replayed: a script sends its own request again.
 */
final class ApiChallenge {

    private static final System.Logger LOG = System.getLogger(ApiChallenge.class.getName());

    private final PageCall call;
    private final ChallengeScreen screen;

    ApiChallenge(PageCall call) {
        this.call = call;
        this.screen = new ChallengeScreen(call);
    }

    /** Prepares {@code factor}: WebAuthn's request options, or an e-mail/SMS code sent (as the page's "Send code"). */
    JsonObjectBuilder begin(JsonBody body) throws ApiProblem {
        String factorId = checkedFactor(body);
        Factor factor = call.enforcement.factor(factorId).orElseThrow(ApiProblem::unknownFactor);
        ChallengeScreen.Start start = body.isTrue("resend") ? ChallengeScreen.Start.RESEND
                : ChallengeScreen.Start.SEND;
        ChallengeView view;
        try {
            view = ChallengeScreen.start(call, factor, start, optionalString(body, "channel"));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "Stepwise MFA: factor " + factorId + " could not start: "
                    + e.getClass().getName());
            throw ApiProblem.unavailable();
        }
        PendingChallenge pending = screen.pending();
        JsonObjectBuilder json = Json.createObjectBuilder().add("factor", factorId);
        if (pending == null) {
            json.addNull("challenge");
        } else {
            json.add("challenge", pending.id());
        }
        return json.add("view", ApiJson.view(view.model()));
    }

    /** One attempt with the body's answer; the proof's summary, or the problem that tells why not. */
    JsonObjectBuilder verify(JsonBody body) throws ApiProblem {
        String factorId = checkedFactor(body);
        Factor factor = call.enforcement.factor(factorId).orElseThrow(ApiProblem::unknownFactor);
        requireWellFormedAnswer(body);
        AttemptOutcome outcome = new Attempts(call.storage.throttle(), call.enforcement.clock(),
                call.enforcement::fire).verify(call.user(), factor, body.input(), call.context());
        if (outcome instanceof AttemptOutcome.Verified v) {
            PendingChallenge answered = ProvenFactor.record(call, screen, factorId, v.heldUntil(),
                    body.isTrue("trust"));
            return proven(factorId, answered);
        }
        throw refusal(outcome);
    }

    /**
     * Refuses an answer member the factors read that is present in a shape no answer has: a {@code code} that is not
     * a string of 1 to 64 printable ASCII characters ({@code null}, a number or an object included), a
     * {@code credential} that is not an object. Malformed input, not a guess: nothing is checked or counted. A
     * well-formed wrong answer, and an answer left out (as a page posted without its field), are attempts.
     */
    private static void requireWellFormedAnswer(JsonBody body) throws ApiProblem {
        if (body.present("code") && !CodeShape.isPlausible(body.string("code"))) {
            throw ApiProblem.badRequest("The code must be 1 to 64 printable ASCII characters.");
        }
        if (body.present("credential") && body.type("credential") != JsonValue.ValueType.OBJECT) {
            throw ApiProblem.badRequest("The member credential must be an object (PublicKeyCredential.toJSON()).");
        }
    }

    /** Why an attempt granted nothing, as the problem a script acts on. */
    private ApiProblem refusal(AttemptOutcome outcome) {
        Instant now = call.now();
        if (outcome instanceof AttemptOutcome.Refused r) {
            return ApiProblem.lockedOut(r.retryAfterSeconds(), r.locked());
        }
        if (outcome instanceof AttemptOutcome.Rejected r) {
            long wait = seconds(r.after().retryAfter(now));
            if (r.locked()) {
                return ApiProblem.lockedOut(Math.max(1, wait), true);
            }
            ApiProblem rejected = ApiProblem.of(401, "factor-rejected", "Not verified",
                    "That was not right; try again.")
                    .with("attemptsLeft", call.storage.throttle().policy().attemptsLeft(r.after().failures()))
                    .with("factors", screen.factors())
                    .header("WWW-Authenticate", AnswerRenderer.wwwAuthenticate(challenge()));
            return wait > 0 ? rejected.with("retryAfter", wait) : rejected;
        }
        // the factor could not check (or a push approval waits): the attempt was given back
        return outcome instanceof AttemptOutcome.Unavailable u ? ApiProblem.notChecked(u) : ApiProblem.unavailable();
    }

    /** The 200 of a proof: what was proven, when, what it answered, and where a script may go back to. */
    private JsonObjectBuilder proven(String factorId, PendingChallenge answered) {
        JsonObjectBuilder json = Json.createObjectBuilder().add("verified", factorId)
                .add("at", call.now().toString());
        if (answered == null) {
            return json.addNull("kind").addNull("reason").addNull("resume");
        }
        Requirement requirement = answered.requirement();
        json.add("kind", ApiStatus.kind(requirement))
                .add("reason", requirement.reason() == null ? "" : requirement.reason());
        SavedRequest saved = answered.saved();
        // a page to go back to (a GET); a saved form is not replayed by the API and not named as a place to go
        if (saved != null && saved.method().equals("GET")) {
            return json.add("resume", call.request.getContextPath() + saved.target());
        }
        return json.addNull("resume");
    }

    /** The challenge a rejected answer is still under, for its {@code WWW-Authenticate}. */
    private Decision.ChallengeRequired challenge() {
        PendingChallenge pending = screen.pending();
        Requirement requirement = pending == null ? Requirement.mfa() : pending.requirement();
        return new Decision.ChallengeRequired(screen.factors(), Decision.ChallengeRequired.Why.MISSING, requirement);
    }

    /**
     * The body's factor, if the user may answer with it now and the posted challenge (if any) is the pending one;
     * else the problem, and nothing is checked or counted.
     */
    private String checkedFactor(JsonBody body) throws ApiProblem {
        String factorId = body.string("factor");
        if (factorId == null) {
            throw ApiProblem.badRequest("The member factor must be a string.");
        }
        String posted = optionalString(body, "challenge");
        PendingChallenge pending = screen.pending();
        if (posted != null && (pending == null || !pending.isNamedBy(posted))) {
            throw ApiProblem.replaced(); // answered from an older status: not an attempt, nothing was checked
        }
        List<String> factors = screen.factors();
        if (factors.isEmpty()) {
            throw ApiProblem.enrolmentRequired(call.base() + ChallengeServlet.ENROLL);
        }
        if (!factors.contains(factorId)) {
            throw ApiProblem.unknownFactor();
        }
        return factorId;
    }

    private static String optionalString(JsonBody body, String name) throws ApiProblem {
        String value = body.string(name);
        if (value == null && body.has(name)) {
            throw ApiProblem.badRequest("The member " + name + " must be a string.");
        }
        return value;
    }

    /** Whole seconds, rounded up. */
    private static long seconds(Duration d) {
        return d.getNano() == 0 ? d.getSeconds() : d.getSeconds() + 1;
    }
}
