package dev.stepwise.mfa.web;

import dev.stepwise.mfa.http.AnswerRenderer;
import dev.stepwise.mfa.http.PageLocale;
import dev.stepwise.mfa.http.RequestFacts;
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

    /** Where a browser whose POST lacks the session's CSRF token may open the page again (under the base). */
    private final String reopen;

    /** @param reopen the page, relative to {@code stepwise.mfa.path}, that a form refused for its token links to */
    LibraryPage(String reopen) {
        this.reopen = reopen;
    }

    /**
     * A request without a signed-in user: the library's pages are for one, and the application's login comes
     * first. A browser (typically its session expired while the challenge page was open) goes to the application's
     * start page, which the application's login protects: a fixed place of this application, never a value from
     * the request, and not a page of the library, so no loop. A script gets a bare 403.
     */
    private static void signInFirst(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (RequestFacts.isApiClient(request)) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN);
            return;
        }
        response.setHeader("Cache-Control", "no-store");
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", home(request));
    }

    /**
     * The application's start page: its deployed context path (the servlet context's, not the one the request's
     * URI spells, which may hold {@code //} and so name another host) and {@code /}.
     */
    static String home(HttpServletRequest request) {
        return request.getServletContext().getContextPath() + "/";
    }

    /**
     * A POST without the session's CSRF token (a forged form, or a form older than the session): 403 and nothing
     * done; a browser gets a page in its language that links to the page opened afresh.
     */
    private void formRefused(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (RequestFacts.isApiClient(request)) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN);
            return;
        }
        response.setHeader("X-Frame-Options", "DENY");
        String pages = request.getServletContext().getContextPath() + enforcement.config().pages().path();
        AnswerRenderer.formExpired(PageLocale.of(request), pages + reopen,
                AnswerRenderer.stylesheet(request.getServletContext().getContextPath(),
                        enforcement.config().pages().path())).writeTo(response);
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        if (request.getUserPrincipal() == null) {
            signInFirst(request, response);
            return;
        }
        try {
            super.service(request, response);
        } catch (RuntimeException | LinkageError | ServletException e) {
            // the library's or a factor's failure, never the application's: the library's own answer, one log line
            LibraryFailure.answer(LOG, "the page " + request.getServletPath(), e, request, response,
                    AnswerRenderer.stylesheet(request.getContextPath(), enforcement.config().pages().path()));
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
            formRefused(request, response);
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
