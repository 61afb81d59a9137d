package dev.stepwise.mfa.web;

import dev.stepwise.mfa.core.Decision;
import dev.stepwise.mfa.core.MfaPolicy;
import dev.stepwise.mfa.core.MfaRequiredException;
import dev.stepwise.mfa.core.Requirements;
import jakarta.inject.Inject;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * Enforces the login policy, {@code @RequiresMfa}/{@code @StepUp} on servlets and the
 * {@code stepwise.mfa.protect} patterns, refuses unsafe cross-site requests to protected endpoints, resumes a
 * request after its challenge, and turns an {@link MfaRequiredException} from a CDI bean into the same answer.
 * Registered by the library's {@code web-fragment.xml} for REQUEST, FORWARD, INCLUDE and ASYNC dispatches (a
 * protected servlet is checked however it is reached; ERROR dispatches are not checked, so error pages must not
 * hold protected content); an application does not declare it.
 *
 * <p>A request without an authenticated principal and without a requirement passes untouched: no session is
 * created and nothing is reflected upon (servlet requirements are resolved once, at deployment).
 */
public final class MfaFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;
    private static final System.Logger LOG = System.getLogger(MfaFilter.class.getName());

    @Inject
    private MfaEnforcement enforcement;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        DispatcherType dispatch = request.getDispatcherType();
        if (dispatch == DispatcherType.REQUEST && isLibraryPage(request)) {
            // The library's pages render only when its servlet forwards to them, never by direct request.
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        if (request.getUserPrincipal() == null) {
            if (enforcement.endpointRequirements(request).isEmpty()) {
                chain.doFilter(request, response); // not protected: not ours to judge
                return;
            }
            Decision crossSite = enforcement.refuseCrossSite(request);
            if (crossSite != null) {
                // Not even the login runs for it: a container's form login would save and replay it.
                enforcement.answer(crossSite, request).writeTo(response);
                return;
            }
            if (!signIn(request, response)) {
                return; // the application's login answered
            }
        }
        HttpServletRequest current = dispatch == DispatcherType.REQUEST ? resumed(request) : request;
        String path = MfaEnforcement.pathOf(request);
        String own = enforcement.config().pages().path();
        if (path.equals(own) || path.startsWith(own + "/")) {
            // The library's own pages decide for themselves, on a trust grant as true to its record as anywhere.
            if (dispatch == DispatcherType.REQUEST && !keepTrustTrue(current, response)) {
                return;
            }
            chain.doFilter(current, response);
            return;
        }
        Decision decision = decide(current, response, dispatch);
        if (decision == null) {
            return; // could not decide: answered 503
        }
        if (!decision.isGranted()) {
            refuse(decision, current, response, dispatch);
            return;
        }
        run(current, response, chain);
    }

    /**
     * A protected endpoint reached without primary login: the application's login runs first. Whether it
     * produced a principal; when not, it or the library has answered.
     */
    private boolean signIn(HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        if (!MfaEnforcement.isApiClient(request) && request.authenticate(response)
                && request.getUserPrincipal() != null) {
            return true;
        }
        if (!response.isCommitted()) {
            enforcement.answer(new Decision.Denied(Decision.Denied.Why.NO_CALLER), request).writeTo(response);
        }
        return false;
    }

    /** Re-checks the session's trust grant; {@code false} after answering 503 when that cannot be done. */
    private boolean keepTrustTrue(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            enforcement.acceptTrustCookie(request, response, request.getUserPrincipal().getName());
            return true;
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "Stepwise MFA could not check a trusted device: " + e);
            MfaEnforcement.unavailable(request).writeTo(response);
            return false;
        }
    }

    /** The decision for this dispatch, or {@code null} after answering 503 (fail closed). */
    private Decision decide(HttpServletRequest request, HttpServletResponse response, DispatcherType dispatch)
            throws IOException {
        String user = request.getUserPrincipal().getName();
        try {
            Requirements requirements = enforcement.endpointRequirements(request);
            if (!requirements.isEmpty()) {
                Decision crossSite = enforcement.refuseCrossSite(request);
                if (crossSite != null) {
                    return crossSite; // before anything is decided or saved
                }
            }
            // The login policy is the request's, decided once; a forward or include is judged by its target only.
            Decision login = new Decision.Granted(Decision.Granted.Why.NOT_APPLICABLE);
            if (dispatch == DispatcherType.REQUEST || dispatch == DispatcherType.ASYNC) {
                enforcement.acceptTrustCookie(request, response, user);
                login = enforcement.decideLogin(request, response, user);
            }
            Decision decision = MfaPolicy.forRequest(login,
                    requirements.isEmpty() ? null : enforcement.decideEndpoint(request, requirements));
            if (requirements.isEmpty() && !decision.isGranted()) {
                // An unprotected request stopped by the login policy would be saved and replayed after the
                // challenge: a request from another site must not be.
                Decision crossSite = enforcement.refuseCrossSite(request);
                return crossSite != null ? crossSite : decision;
            }
            return decision;
        } catch (RuntimeException e) {
            // Fail closed: no decision, no access. The message names the fault, never a secret.
            LOG.log(System.Logger.Level.ERROR, "Stepwise MFA could not decide for " + MfaEnforcement.pathOf(request)
                    + ": " + e);
            if (!response.isCommitted()) {
                MfaEnforcement.unavailable(request).writeTo(response);
            }
            return null;
        }
    }

    private void refuse(Decision decision, HttpServletRequest request, HttpServletResponse response,
                        DispatcherType dispatch) throws IOException {
        if (dispatch == DispatcherType.INCLUDE || response.isCommitted()) {
            // An include cannot redirect: the protected part is left out of the page.
            LOG.log(System.Logger.Level.WARNING, "Stepwise MFA: {0} was not included for {1}: {2}",
                    MfaEnforcement.pathOf(request), request.getUserPrincipal().getName(), decision);
            return;
        }
        enforcement.answer(decision, request).writeTo(response);
    }

    private void run(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        try {
            chain.doFilter(request, response);
        } catch (IOException | ServletException | RuntimeException e) {
            MfaRequiredException refused = MfaRequiredException.find(e);
            if (refused == null || response.isCommitted()) {
                throw e;
            }
            enforcement.answer(refused.decision(), request).writeTo(response);
        }
    }

    private static boolean isLibraryPage(HttpServletRequest request) {
        String servletPath = request.getServletPath();
        return servletPath.startsWith(ChallengeServlet.PAGES) && servletPath.endsWith(".jsp");
    }

    /**
     * The request to run: the saved original when the browser comes back after a passed challenge, taken once
     * (of two concurrent requests for it, one gets it), for the principal that saved it, before it expires.
     */
    private HttpServletRequest resumed(HttpServletRequest request) {
        if (!request.getMethod().equals("GET")) {
            return request;
        }
        SessionSlots.Resume resume = MfaSession.of(request).takeResume(MfaEnforcement.rawPath(request),
                request.getQueryString(), enforcement.clock().instant());
        if (resume == null) {
            return request;
        }
        HttpServletRequest replay = resume.request().hasBody() ? new ResumedRequest(request, resume.request())
                : request;
        if (resume.confirmed()) {
            replay.setAttribute(MfaEnforcement.CONFIRMED, Boolean.TRUE);
        }
        return replay;
    }
}
