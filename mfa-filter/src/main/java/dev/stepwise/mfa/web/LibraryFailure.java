package dev.stepwise.mfa.web;

import dev.stepwise.mfa.http.MfaAnswer;
import dev.stepwise.mfa.http.RequestFacts;
import dev.stepwise.mfa.store.StoreUnavailableException;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * A failure in the library or a factor while it handled a request (the filter's steps, the library's pages): the
 * user gets the library's own answer, never the server's error page with a stack trace, and the operator one log
 * line. Nothing is granted: the protected resource does not run.
 *
 * <table>
 *   <caption>The answers</caption>
 *   <tr><th>failure</th><th>browser</th><th>API client</th></tr>
 *   <tr><td>the store cannot be reached ({@link StoreUnavailableException})</td><td>503 page</td><td>503,
 *   {@code {"error":"mfa_unavailable"}}</td></tr>
 *   <tr><td>any other {@link RuntimeException} or {@link LinkageError} (e.g. a factor's library missing a method)
 *   </td><td>500, {@code error.jsp}</td><td>500, {@code {"error":"mfa_error"}}</td></tr>
 * </table>
 *
 * <p>The log line (ERROR) names where it happened, the exception's class and its message (shortened, one line);
 * the stack trace is attached to that same record only when the logger is enabled for DEBUG. Request parameters,
 * headers and cookies are never logged.
 */
final class LibraryFailure {

    /** The error page, under the library's JSPs. */
    static final String PAGE = PageCall.PAGES + "error.jsp";

    private static final int MAX_MESSAGE = 300;

    private LibraryFailure() {
    }

    /** Whether the store being unreachable caused {@code failure} (503: try again), rather than a fault (500). */
    static boolean isStoreOutage(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof StoreUnavailableException) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code request} is the library's forward to its error page (it holds nothing protected). */
    static boolean isErrorPageDispatch(HttpServletRequest request) {
        return request.getDispatcherType() == DispatcherType.FORWARD && PAGE.equals(request.getServletPath());
    }

    /**
     * Logs {@code failure} once and answers it, unless the response is already committed (then only logged).
     *
     * @param log   the logger of the part that failed
     * @param where what failed, for the log line (no user input)
     */
    static void answer(System.Logger log, String where, Throwable failure, HttpServletRequest request,
                       HttpServletResponse response) throws IOException {
        boolean outage = isStoreOutage(failure);
        log(log, where, failure, outage);
        if (response.isCommitted()) {
            return;
        }
        boolean api = RequestFacts.isApiClient(request);
        if (outage) {
            MfaEnforcement.unavailable(request).writeTo(response);
        } else if (api) {
            new MfaAnswer(500, null, null, "application/json", "{\"error\":\"mfa_error\"}").writeTo(response);
        } else {
            page(request, response);
        }
    }

    private static void log(System.Logger log, String where, Throwable failure, boolean outage) {
        String message = "Stepwise MFA: " + where + (outage ? ": store unavailable: " : " failed: ")
                + failure.getClass().getName() + ": " + oneLine(failure.getMessage());
        if (log.isLoggable(System.Logger.Level.DEBUG)) {
            log.log(System.Logger.Level.ERROR, message, failure);
        } else {
            log.log(System.Logger.Level.ERROR, message);
        }
    }

    /** A message as one shortened line: no line breaks of its own reach the log. */
    static String oneLine(String message) {
        if (message == null) {
            return "(no message)";
        }
        String line = message.replaceAll("[\\r\\n\\t]+", " ").strip();
        return line.length() <= MAX_MESSAGE ? line : line.substring(0, MAX_MESSAGE) + "…";
    }

    /** The library's error page, status 500; when even that fails, a plain 500 text. */
    private static void page(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.resetBuffer();
        response.setStatus(HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Frame-Options", "DENY");
        request.setAttribute(LibraryPage.MODEL, new ErrorPage(request.getContextPath() + "/"));
        try {
            request.getRequestDispatcher(PAGE).forward(request, response);
        } catch (ServletException | RuntimeException | LinkageError e) {
            if (!response.isCommitted()) {
                new MfaAnswer(500, null, null, "text/plain;charset=UTF-8",
                        "Something went wrong. Please try again later.").writeTo(response);
            }
        }
    }
}
