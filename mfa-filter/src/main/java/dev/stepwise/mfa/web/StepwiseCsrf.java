package dev.stepwise.mfa.web;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The library's CSRF token for the application's own forms and scripts: one random token per session (OWASP
 * CSRF prevention, synchronizer token pattern), the same one the library's pages carry. A step-up is no CSRF
 * protection — a forged request would only wait for the victim to confirm it — so every form that changes
 * something carries this token, and the endpoint refuses a request without it.
 *
 * <p>A servlet (or a filter in front of the application's pages) puts the token where the page can read it,
 * the page writes it into each form, and the endpoint checks it before doing anything:
 *
 * <pre>{@code
 * // rendering the page
 * request.setAttribute(StepwiseCsrf.ATTRIBUTE, StepwiseCsrf.token(request));
 *
 * // in the JSP, inside every <form method="post">
 * <input type="hidden" name="stepwise_csrf" value="<c:out value='${stepwise_csrf}'/>">
 *
 * // a script sends it as a header
 * fetch(form.action, {method: 'POST', credentials: 'same-origin',
 *     headers: {'X-CSRF-Token': form.elements.stepwise_csrf.value}, body: new URLSearchParams({...})});
 *
 * // receiving the POST
 * if (!StepwiseCsrf.matches(request)) {
 *     response.sendError(HttpServletResponse.SC_FORBIDDEN);
 *     return;
 * }
 * }</pre>
 *
 * <p>{@link #matches(HttpServletRequest)} takes the token from the header {@value #HEADER} when the request
 * has one, else from the form field {@value #PARAMETER}; both are compared in constant time. Reading the form
 * field parses the request body, which JAX-RS then no longer sees: for a JAX-RS resource read the field or the
 * header there (a {@code ContainerRequestFilter}, {@code @FormParam}, {@code @HeaderParam}) and call
 * {@link #matches(HttpServletRequest, String)}.
 *
 * <p>The token belongs to the session and to the user signed in to it: after signing in (or when another
 * user signs in to the same session) pages must be rendered again to carry the current token. It survives
 * the change of session id after a passed challenge. The token is not a secret to the user, only to other
 * sites: never put it into a URL (it would leak through the {@code Referer} and logs).
 */
public final class StepwiseCsrf {

    /** The form field that carries the token: {@value}. */
    public static final String PARAMETER = CsrfToken.PARAMETER;

    /** The request header that carries the token for scripts: {@value}. */
    public static final String HEADER = "X-CSRF-Token";

    /** The request attribute under which pages conventionally find the token: {@value}. */
    public static final String ATTRIBUTE = "stepwise_csrf";

    private StepwiseCsrf() {
    }

    /**
     * The session's token, creating the session and the token if needed.
     *
     * @param request the HTTP request
     * @return the session's token, creating the session and the token if needed
     */
    public static String token(HttpServletRequest request) {
        return CsrfToken.of(request);
    }

    /**
     * Whether the request carries the session's token: the header {@value #HEADER} if present, else the form
     * field {@value #PARAMETER}. {@code false} when the request has no session.
     *
     * @param request the HTTP request
     * @return whether the request carries the session's token: the header {@value #HEADER} if present, else the form field {@value #PARAMETER}
     */
    public static boolean matches(HttpServletRequest request) {
        String header = request.getHeader(HEADER);
        return header != null ? CsrfToken.matches(request, header) : CsrfToken.matches(request);
    }

    /**
     * Whether {@code given} (as read by the caller, e.g. by JAX-RS) is the session's token.
     *
     * @param request the HTTP request
     * @param given the given
     * @return whether {@code given} (as read by the caller, e.g. by JAX-RS) is the session's token
     */
    public static boolean matches(HttpServletRequest request, String given) {
        return CsrfToken.matches(request, given);
    }
}
