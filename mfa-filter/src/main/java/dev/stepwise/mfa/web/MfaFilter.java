package dev.stepwise.mfa.web;

import dev.stepwise.mfa.core.Decision;
import dev.stepwise.mfa.core.MfaPolicy;
import dev.stepwise.mfa.core.MfaRequiredException;
import dev.stepwise.mfa.core.Requirements;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import java.io.IOException;
import java.security.Principal;

/**
 * Enforces the login policy, {@code @RequiresMfa}/{@code @StepUp} on servlets and the
 * {@code stepwise.mfa.protect} patterns, resumes a request after its challenge, and turns an
 * {@link MfaRequiredException} from a CDI bean into the same answer. Registered by the library's
 * {@code web-fragment.xml}; an application does not declare it.
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
        String servletPath = request.getServletPath();
        if (servletPath.startsWith(ChallengeServlet.PAGES) && servletPath.endsWith(".jsp")) {
            // The library's pages render only when its servlet forwards to them, never by direct request.
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        Principal principal = request.getUserPrincipal();
        if (principal == null) {
            Requirements requirements = enforcement.endpointRequirements(request);
            if (requirements.isEmpty()) {
                chain.doFilter(request, response);
                return;
            }
            // A protected endpoint reached without primary login: let the application's login run first.
            if (MfaEnforcement.isApiClient(request) || !request.authenticate(response)) {
                if (!response.isCommitted()) {
                    enforcement.answer(new Decision.Denied(Decision.Denied.Why.NO_CALLER), request)
                            .writeTo(response);
                }
                return;
            }
            principal = request.getUserPrincipal();
        }
        HttpServletRequest current = resumed(request);
        String path = MfaEnforcement.pathOf(request);
        String own = enforcement.config().path();
        if (path.equals(own) || path.startsWith(own + "/")) {
            chain.doFilter(current, response); // the library's own pages decide for themselves
            return;
        }
        Decision decision;
        try {
            enforcement.acceptTrustCookie(current, response, principal.getName());
            Decision login = enforcement.decideLogin(current, response, principal.getName());
            Requirements requirements = enforcement.endpointRequirements(current);
            decision = MfaPolicy.forRequest(login,
                    requirements.isEmpty() ? null : enforcement.decide(current, requirements));
        } catch (RuntimeException e) {
            // Fail closed: no decision, no access. The message names the fault, never a secret.
            LOG.log(System.Logger.Level.ERROR, "Stepwise MFA could not decide for " + path + ": " + e);
            MfaEnforcement.unavailable(current).writeTo(response);
            return;
        }
        if (!decision.isGranted()) {
            enforcement.answer(decision, current).writeTo(response);
            return;
        }
        try {
            chain.doFilter(current, response);
        } catch (IOException | ServletException | RuntimeException e) {
            MfaRequiredException refused = MfaRequiredException.find(e);
            if (refused == null || response.isCommitted()) {
                throw e;
            }
            enforcement.answer(refused.decision(), current).writeTo(response);
        }
    }

    /** The request to run: the saved original when the browser comes back after a passed challenge. */
    private static HttpServletRequest resumed(HttpServletRequest request) {
        if (!request.getMethod().equals("GET")) {
            return request;
        }
        HttpSession session = request.getSession(false);
        Object o = session == null ? null : session.getAttribute(MfaEnforcement.RESUME);
        if (!(o instanceof SavedRequest saved) || !saved.isTarget(MfaEnforcement.rawPath(request), request.getQueryString())) {
            return request;
        }
        session.removeAttribute(MfaEnforcement.RESUME); // single use
        return saved.hasBody() ? new ResumedRequest(request, saved) : request;
    }
}
