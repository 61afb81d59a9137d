package dev.stepwise.mfa.web;

import dev.stepwise.mfa.Factors;
import dev.stepwise.mfa.core.ApprovalPoll;
import dev.stepwise.mfa.core.SiteOfOrigin;
import dev.stepwise.mfa.factor.push.PushApprovals;
import dev.stepwise.mfa.factor.push.PushFactor;
import dev.stepwise.mfa.http.MfaSession;
import dev.stepwise.mfa.runtime.MfaStorage;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.Optional;

/**
 * The status poll of the push factor's number prompt, {@code GET {stepwise.mfa.path}/push/status} (docs/push.md,
 * "Status poll"), registered by {@link MfaBootstrap} with the approval page. The sign-in page's script
 * ({@code push-poll.js}) asks it every two seconds and continues once the device approved. The answer is
 * {@code {"state":"pending"}} ({@code approved}, {@code denied}, {@code expired}, or {@code none}), decided by
 * {@link PushApprovals#poll}: only the state, never the number or the token, and only of the approval this very
 * session started. It reads and never writes: no attempt is counted, and only "Continue" spends an approval.
 * Without a signed-in user or a session it is 403; from another origin 403; a store that cannot answer 503.
 */
public final class PushStatusServlet extends HttpServlet {

    /** Where the poll is under {@code stepwise.mfa.path}. */
    static final String PATH = "/push/status";

    private static final long serialVersionUID = 1L;
    private static final System.Logger LOG = System.getLogger(PushStatusServlet.class.getName());

    @Inject
    transient MfaEnforcement enforcement;

    @Inject
    transient MfaStorage storage;

    /** Creates the servlet (the container injects the library). */
    public PushStatusServlet() {
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            ApiJson.ok(response, Json.createObjectBuilder().add("state", status(request).json()));
        } catch (ApiProblem problem) {
            if (!response.isCommitted()) {
                problem.writeTo(response);
            }
        } catch (RuntimeException | LinkageError e) {
            LibraryFailure.logAndAnswer(LOG, "push status", e, true);
            if (!response.isCommitted()) {
                (LibraryFailure.isStoreOutage(e) ? ApiProblem.unavailable() : ApiProblem.failed()).writeTo(response);
            }
        }
    }

    private ApprovalPoll.Status status(HttpServletRequest request) throws ApiProblem {
        if (!request.getMethod().equals("GET")) {
            throw ApiProblem.methodNotAllowed("GET");
        }
        Optional<PushApprovals> approvals = enforcement.factor(Factors.PUSH)
                .flatMap(f -> f.capability(PushFactor.class)).flatMap(PushFactor::approvals);
        if (approvals.isEmpty()) {
            throw ApiProblem.of(404, "not-found", "Not found", "Push approval is not on.");
        }
        if (request.getUserPrincipal() == null) {
            throw ApiProblem.notSignedIn();
        }
        if (request.getSession(false) == null) {
            throw ApiProblem.of(403, "no-session", "No session", "Only the sign-in page that asked may poll.");
        }
        if (SiteOfOrigin.sameOriginOnly(enforcement.origin(request), request.getHeader("Sec-Fetch-Site"),
                request.getHeader("Origin"), request.getHeader("Referer")).crossSite()) {
            throw ApiProblem.crossOrigin();
        }
        return approvals.get().poll(request.getUserPrincipal().getName(), MfaSession.of(request).factorStore());
    }
}
