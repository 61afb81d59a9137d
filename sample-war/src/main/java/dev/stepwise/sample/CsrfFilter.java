package dev.stepwise.sample;

import dev.stepwise.mfa.web.StepwiseCsrf;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.Set;

/**
 * How the sample protects its own forms against cross-site request forgery, with the token Stepwise MFA keeps
 * for each session ({@link StepwiseCsrf}, the same one the library's pages carry):
 * <ul>
 *   <li>every page of the sample finds the token in the request attribute {@value StepwiseCsrf#ATTRIBUTE}, and
 *       every form writes it into a hidden field ({@code WEB-INF/pages/csrf-field.jspf});</li>
 *   <li>every POST to the sample's servlets without the session's token is refused with 403 before anything
 *       runs. A step-up is no protection here: a forged request would only wait for the victim to confirm it.</li>
 * </ul>
 * Declared in {@code web.xml}, so it runs before the library's filter: a forged request is refused, not saved
 * for a challenge. The API under {@code /api} is checked by {@link dev.stepwise.sample.api.ApiCsrfCheck}
 * (reading a form body here would take it away from JAX-RS).
 */
public class CsrfFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!SAFE.contains(request.getMethod()) && !StepwiseCsrf.matches(request)) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN,
                    "This form has expired or was sent from another site. Go back, reload the page and try again.");
            return;
        }
        if (request.getUserPrincipal() != null || "/login".equals(request.getServletPath())) {
            request.setAttribute(StepwiseCsrf.ATTRIBUTE, StepwiseCsrf.token(request));
        }
        chain.doFilter(request, response);
    }
}
