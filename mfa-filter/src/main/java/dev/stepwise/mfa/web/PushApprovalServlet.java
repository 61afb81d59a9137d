package dev.stepwise.mfa.web;

import dev.stepwise.mfa.Factors;
import dev.stepwise.mfa.core.ApprovalRules;
import dev.stepwise.mfa.core.SiteOfOrigin;
import dev.stepwise.mfa.event.EventHeader;
import dev.stepwise.mfa.event.MfaEvent;
import dev.stepwise.mfa.factor.ChallengeContext;
import dev.stepwise.mfa.factor.Verification;
import dev.stepwise.mfa.factor.push.PushApproval;
import dev.stepwise.mfa.factor.push.PushApprovals;
import dev.stepwise.mfa.factor.push.PushFactor;
import dev.stepwise.mfa.runtime.Attempts;
import dev.stepwise.mfa.runtime.MfaStorage;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.io.Serializable;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The push factor's approval page under {@code {stepwise.mfa.path}/push/approve} (docs/push.md, "Approval with
 * number matching"), registered by {@link MfaBootstrap} only with {@code stepwise.mfa.push.prompt=number}:
 * <ul>
 *   <li>{@code GET /push/approve}: the page ({@code push-approve.jsp}, script {@code push-approve.js}), which
 *       reads the token from the URL's fragment;</li>
 *   <li>{@code POST /push/approve/choices} with {@code {"token":…}}: the application's name and the three
 *       numbers, while the approval is pending;</li>
 *   <li>{@code POST /push/approve/decide} with {@code {"token":…,"choice":42}} or {@code {"token":…,"deny":true}}:
 *       the one choice. A wrong number or "This wasn't me" denies it, counts one failed attempt on the owner's
 *       account ({@link Attempts}) and fires {@link MfaEvent.PushDenied}.</li>
 * </ul>
 * No session is needed: the token, which reached only the user's registered devices (encrypted for them), is
 * the proof. The POSTs must come from a script of this origin (an {@code Origin} header naming it), as JSON of at
 * most {@value #MAX_BYTES} bytes; anything else is a 4xx problem that changes nothing. A store outage is 503.
 */
public final class PushApprovalServlet extends HttpServlet {

    /** Where the approval page is under {@code stepwise.mfa.path}. */
    static final String PATH = "/push/approve";
    /** The largest body accepted. */
    static final int MAX_BYTES = 512;

    private static final long serialVersionUID = 1L;
    private static final System.Logger LOG = System.getLogger(PushApprovalServlet.class.getName());

    @Inject
    transient MfaEnforcement enforcement;

    @Inject
    transient MfaStorage storage;

    /** Creates the servlet (the container injects the library). */
    public PushApprovalServlet() {
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        Optional<PushApprovals> approvals = enforcement.factor(Factors.PUSH)
                .flatMap(f -> f.capability(PushFactor.class)).flatMap(PushFactor::approvals);
        if (approvals.isEmpty()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        PageCall call = new PageCall(request, response, enforcement, storage);
        try {
            route(call, approvals.get());
        } catch (ApiProblem problem) {
            if (!response.isCommitted()) {
                problem.writeTo(response);
            }
        } catch (RuntimeException | LinkageError e) {
            LibraryFailure.logAndAnswer(LOG, "push approval " + request.getPathInfo(), e, true);
            if (!response.isCommitted()) {
                (LibraryFailure.isStoreOutage(e) ? ApiProblem.unavailable() : ApiProblem.failed()).writeTo(response);
            }
        }
    }

    private void route(PageCall call, PushApprovals approvals) throws ApiProblem, IOException, ServletException {
        String path = call.request.getPathInfo() == null ? "" : call.request.getPathInfo();
        String method = call.request.getMethod();
        switch (path) {
            case "", "/" -> {
                if (!method.equals("GET") && !method.equals("HEAD")) {
                    throw ApiProblem.methodNotAllowed("GET");
                }
                call.response.setHeader("Referrer-Policy", "no-referrer");
                call.render("push-approve.jsp", new PushApprovePage(call.base() + PATH));
            }
            case "/choices" -> choices(call, approvals, token(read(call)));
            case "/decide" -> {
                JsonBody body = read(call);
                decide(call, approvals, token(body), choice(body));
            }
            default -> call.error(HttpServletResponse.SC_NOT_FOUND);
        }
    }

    /** A POST of JSON from a script of this origin, at most {@value #MAX_BYTES} bytes; else the problem. */
    private JsonBody read(PageCall call) throws ApiProblem, IOException {
        HttpServletRequest request = call.request;
        if (!request.getMethod().equals("POST")) {
            throw ApiProblem.methodNotAllowed("POST");
        }
        String origin = request.getHeader("Origin");
        if (origin == null || SiteOfOrigin.sameOriginOnly(enforcement.origin(request),
                request.getHeader("Sec-Fetch-Site"), origin, request.getHeader("Referer")).crossSite()) {
            throw ApiProblem.crossOrigin();
        }
        return JsonBody.read(request, MAX_BYTES); // 413 past the limit, chunked or not
    }

    /** The body's {@code token}: 43 base64url characters (256 bits). */
    private static String token(JsonBody body) throws ApiProblem {
        String token = body.string("token");
        if (!PushApproval.isHash(token)) {
            throw ApiProblem.badRequest("The member token must be the approval token from the link.");
        }
        return token;
    }

    /** {@code choice} (a number from 10 to 99), or {@code deny: true}: exactly one of them. */
    private static OptionalInt choice(JsonBody body) throws ApiProblem {
        boolean deny = body.type("deny") == JsonValue.ValueType.TRUE;
        String choice = body.type("choice") == JsonValue.ValueType.NUMBER ? body.input().get("choice") : null;
        if (deny && choice == null && !body.has("choice")) {
            return OptionalInt.empty();
        }
        if (!deny && !body.has("deny") && choice != null && choice.matches("[0-9]{2}")
                && ApprovalRules.inRange(Integer.parseInt(choice))) {
            return OptionalInt.of(Integer.parseInt(choice));
        }
        throw ApiProblem.badRequest("Send either choice (a number from 10 to 99) or deny: true.");
    }

    private void choices(PageCall call, PushApprovals approvals, String token) throws ApiProblem, IOException {
        PushApprovals.Choosing choosing = approvals.choosing(token).orElseThrow(PushApprovalServlet::gone);
        var numbers = Json.createArrayBuilder();
        choosing.shown().forEach(numbers::add);
        ApiJson.ok(call.response, Json.createObjectBuilder().add("app", enforcement.config().factors().issuer())
                .add("choices", numbers).add("expiresAt", choosing.expiresAt().toString()));
    }

    private void decide(PageCall call, PushApprovals approvals, String token, OptionalInt choice)
            throws ApiProblem, IOException {
        PushApprovals.Decided decided = approvals.decide(token, choice).orElseThrow(PushApprovalServlet::gone);
        switch (decided.pick()) {
            case APPROVE -> ApiJson.ok(call.response, Json.createObjectBuilder().add("outcome", "approved"));
            case DENY -> {
                denied(call, decided.user(), choice.isPresent() ? "wrong-number" : "not-me");
                ApiJson.ok(call.response, Json.createObjectBuilder().add("outcome", "denied"));
            }
            default -> throw ApiProblem.of(409, "approval-decided", "Already answered",
                    "This sign-in was already answered or has expired.");
        }
    }

    /** A denial: one failed attempt on the owner's account, and the audit event. */
    private void denied(PageCall call, String user, String reason) {
        HttpServletRequest request = call.request;
        ChallengeContext ctx = new ChallengeContext(call.now(), request.getLocale(), enforcement.clientAddress(request),
                request.getHeader("User-Agent"), new NoSession(), enforcement.origin(request));
        new Attempts(storage.throttle(), enforcement.clock(), enforcement::fire).signIn(user, Factors.PUSH, ctx,
                () -> Verification.rejected(PushApprovals.NOT_APPROVED));
        enforcement.fire(new MfaEvent.PushDenied(new EventHeader(user, call.now(), enforcement.clientAddress(request),
                MfaEnforcement.userAgent(request)), Factors.PUSH, reason));
    }

    private static ApiProblem gone() {
        return ApiProblem.of(404, "approval-gone", "No such sign-in",
                "This sign-in was already answered, has expired, or was replaced by a newer one.");
    }

    /** The device's request has no session: nothing is kept. */
    private static final class NoSession implements ChallengeContext.Session {
        @Override
        public Object get(String key) {
            return null;
        }

        @Override
        public void put(String key, Serializable value) {
            // nothing is kept for the device
        }

        @Override
        public Object remove(String key) {
            return null;
        }
    }
}
