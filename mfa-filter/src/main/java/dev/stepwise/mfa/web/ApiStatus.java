package dev.stepwise.mfa.web;

import dev.stepwise.mfa.core.MfaState;
import dev.stepwise.mfa.core.Requirement;
import dev.stepwise.mfa.http.MfaSession;
import dev.stepwise.mfa.http.PendingChallenge;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;

/**
 * The answer of {@code GET {stepwise.mfa.path}/api/status} (README "JSON challenge API"): what the signed-in user
 * has proven in this session, the pending challenge, the factors offered, enrolled and answerable now, the CSRF
 * token (only to a same-origin request) and where to begin and verify. Read only: nothing is created but the CSRF
 * token, and nothing of another principal of the session is seen ({@link MfaSession}).
 */
final class ApiStatus {

    private ApiStatus() {
    }

    /** The status of {@code call}'s user; {@code sameOrigin}: the request may be given the CSRF token. */
    static JsonObjectBuilder of(PageCall call, ChallengeScreen screen, boolean sameOrigin) {
        Instant now = call.now();
        String api = call.base() + ChallengeApiServlet.PATH;
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("verified", verified(MfaSession.of(call.request).state(now)))
                .add("factors", array(screen.factors()));
        PendingChallenge pending = screen.pending();
        if (pending == null) {
            json.addNull("pending");
        } else {
            json.add("pending", pending(call, pending));
        }
        json.add("offered", array(call.enforcement.offered()))
                .add("enrolled", array(call.enforcement.enrolled(call.user())));
        if (sameOrigin) {
            json.add("csrfToken", CsrfToken.of(call.request));
        }
        return json.add("begin", api + ChallengeApiServlet.BEGIN).add("verify", api + ChallengeApiServlet.VERIFY);
    }

    private static JsonArrayBuilder verified(MfaState state) {
        JsonArrayBuilder list = Json.createArrayBuilder();
        state.verifiedAt().entrySet().stream().sorted(Map.Entry.comparingByValue(Comparator.reverseOrder()))
                .forEach(e -> list.add(Json.createObjectBuilder().add("factor", e.getKey())
                        .add("at", e.getValue().toString())));
        return list;
    }

    private static JsonObjectBuilder pending(PageCall call, PendingChallenge pending) {
        Requirement requirement = pending.requirement();
        boolean stepUp = requirement.kind() == Requirement.Kind.STEP_UP;
        JsonObjectBuilder json = Json.createObjectBuilder().add("id", pending.id())
                .add("kind", kind(requirement))
                .add("reason", requirement.reason() == null ? "" : requirement.reason())
                .add("reasonText", call.texts().reason(requirement.reason()))
                .add("factors", array(pending.factors()));
        if (stepUp && requirement.maxAge() != null) {
            json.add("maxAge", requirement.maxAge().toSeconds());
        }
        return json.add("expiresAt", pending.expiresAt().toString());
    }

    /** {@code mfa} or {@code step-up}. */
    static String kind(Requirement requirement) {
        return requirement.kind().name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static JsonArrayBuilder array(Collection<String> values) {
        JsonArrayBuilder a = Json.createArrayBuilder();
        values.forEach(a::add);
        return a;
    }
}
