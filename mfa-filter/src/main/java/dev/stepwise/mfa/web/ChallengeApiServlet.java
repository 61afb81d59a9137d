package dev.stepwise.mfa.web;

import dev.stepwise.mfa.core.SiteOfOrigin;
import dev.stepwise.mfa.event.MfaEvent;
import dev.stepwise.mfa.http.AnswerRenderer;
import dev.stepwise.mfa.runtime.MfaStorage;
import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * The JSON challenge API under {@code {stepwise.mfa.path}/api} (README "JSON challenge API"), for a script that got
 * the library's 401 and wants to prove a factor without leaving its page: {@code GET status}, {@code POST begin},
 * {@code POST verify}. Registered by {@link MfaBootstrap}.
 *
 * <p>Every POST is checked before its body is read: only a script of the request's own origin
 * ({@link SiteOfOrigin#sameOriginOnly}) with the session's CSRF token in {@code X-CSRF-Token} ({@link StepwiseCsrf});
 * then its body ({@link JsonBody}). An answer is one attempt through the same unit as the challenge page
 * ({@link ApiChallenge}). Every error is RFC 9457 problem details ({@link ApiProblem}); a failure of the library or
 * of the store is logged once and answered 500 or 503, and grants nothing.
 */
public final class ChallengeApiServlet extends HttpServlet {

    /** Where the API is under {@code stepwise.mfa.path}. */
    static final String PATH = AnswerRenderer.API;
    static final String STATUS = "/status";
    static final String BEGIN = "/begin";
    static final String VERIFY = "/verify";

    private static final long serialVersionUID = 1L;
    private static final System.Logger LOG = System.getLogger(ChallengeApiServlet.class.getName());

    @Inject
    transient MfaEnforcement enforcement;

    @Inject
    transient MfaStorage storage;

    /** Creates the API servlet (the container injects the library). */
    public ChallengeApiServlet() {
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            if (request.getUserPrincipal() == null) {
                throw ApiProblem.notSignedIn(); // the application's login comes first; a 401 means "prove a factor"
            }
            route(new PageCall(request, response, enforcement, storage));
        } catch (ApiProblem problem) {
            if (!response.isCommitted()) {
                problem.writeTo(response);
            }
        } catch (RuntimeException | LinkageError e) {
            // the library's, a factor's or the store's failure: one log line, nothing granted
            LibraryFailure.logAndAnswer(LOG, "the challenge API " + request.getPathInfo(), e, true);
            if (!response.isCommitted()) {
                (LibraryFailure.isStoreOutage(e) ? ApiProblem.unavailable() : ApiProblem.failed())
                        .writeTo(response);
            }
        }
    }

    private void route(PageCall call) throws ApiProblem, IOException {
        String path = String.valueOf(call.request.getPathInfo());
        String method = call.request.getMethod();
        switch (path) {
            case STATUS -> {
                if (!method.equals("GET")) {
                    throw ApiProblem.methodNotAllowed("GET");
                }
                ApiJson.ok(call.response, ApiStatus.of(call, new ChallengeScreen(call), sameOrigin(call, false)));
            }
            case BEGIN, VERIFY -> {
                if (!method.equals("POST")) {
                    throw ApiProblem.methodNotAllowed("POST");
                }
                JsonBody body = guarded(call);
                ApiChallenge challenge = new ApiChallenge(call);
                JsonObjectBuilder answer = path.equals(BEGIN) ? challenge.begin(body) : challenge.verify(body);
                ApiJson.ok(call.response, answer);
            }
            default -> throw ApiProblem.methodNotAllowed("GET, POST");
        }
    }

    /** A POST's checks before anything is read or counted: same origin, CSRF token, then the body. */
    private JsonBody guarded(PageCall call) throws ApiProblem, IOException {
        if (!sameOrigin(call, true)) {
            throw ApiProblem.crossOrigin();
        }
        if (!CsrfToken.matches(call.request, call.request.getHeader(StepwiseCsrf.HEADER))) {
            throw ApiProblem.csrf();
        }
        return JsonBody.read(call.request);
    }

    /** Whether the request comes from a script of its own origin; a refused POST is audited. */
    private boolean sameOrigin(PageCall call, boolean audit) {
        HttpServletRequest request = call.request;
        SiteOfOrigin.Verdict verdict = SiteOfOrigin.sameOriginOnly(enforcement.origin(request),
                request.getHeader("Sec-Fetch-Site"), request.getHeader("Origin"), request.getHeader("Referer"));
        if (verdict.crossSite() && audit) {
            call.audit(header -> new MfaEvent.CrossSiteRefused(header, request.getMethod(),
                    request.getServletPath() + request.getPathInfo(), verdict.seen()));
        }
        return !verdict.crossSite();
    }
}
