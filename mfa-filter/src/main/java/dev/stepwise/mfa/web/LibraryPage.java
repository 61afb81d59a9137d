package dev.stepwise.mfa.web;

import dev.stepwise.mfa.runtime.MfaStorage;
import jakarta.inject.Inject;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * What the library's own pages share: the enforcement point and the store, a POST only with the session's CSRF
 * token, and failing closed — when the store cannot be reached the user gets a 503 page, when anything else in the
 * library or a factor fails the library's error page with 500 ({@link LibraryFailure}); nothing is granted, and the
 * operator gets one log line. Each page gets its model as the one request attribute {@value #MODEL} (a record per
 * page, e.g. {@link ChallengePage}). A subclass answers {@link #get} and {@link #post} for its pages.
 */
abstract class LibraryPage extends HttpServlet {

    /** The request attribute holding the page's model. */
    static final String MODEL = "page";

    private static final long serialVersionUID = 1L;
    private static final System.Logger LOG = System.getLogger(LibraryPage.class.getName());

    @Inject
    MfaEnforcement enforcement;

    @Inject
    MfaStorage storage;

    /** What a POST without the session's CSRF token is told with its 403, or {@code null} for nothing. */
    private final String formRefused;

    LibraryPage(String formRefused) {
        this.formRefused = formRefused;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        if (request.getUserPrincipal() == null) {
            // The library's pages are for a signed-in user; the application's login comes first.
            response.sendError(HttpServletResponse.SC_FORBIDDEN);
            return;
        }
        try {
            super.service(request, response);
        } catch (RuntimeException | LinkageError | ServletException e) {
            // the library's or a factor's failure, never the application's: the library's own answer, one log line
            LibraryFailure.answer(LOG, "the page " + request.getServletPath(), e, request, response);
        }
    }

    @Override
    protected final void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        get(call(request, response), page(request));
    }

    @Override
    protected final void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        if (!CsrfToken.matches(request)) {
            if (formRefused == null) {
                response.sendError(HttpServletResponse.SC_FORBIDDEN);
            } else {
                response.sendError(HttpServletResponse.SC_FORBIDDEN, formRefused);
            }
            return;
        }
        post(call(request, response), page(request));
    }

    /** A GET of {@code page} (relative to {@code stepwise.mfa.path}): shows it, changes nothing. */
    abstract void get(PageCall call, String page) throws ServletException, IOException;

    /** A POST to {@code page} whose CSRF token matched. */
    abstract void post(PageCall call, String page) throws ServletException, IOException;

    /** The page this request is for, relative to {@code stepwise.mfa.path}, e.g. {@code /challenge}. */
    String page(HttpServletRequest request) {
        return request.getServletPath().substring(enforcement.config().pages().path().length());
    }

    /** This request and response with what a page needs of the library. */
    PageCall call(HttpServletRequest request, HttpServletResponse response) {
        return new PageCall(request, response, enforcement, storage);
    }
}
