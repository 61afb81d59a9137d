package dev.stepwise.mfa.web;

import dev.stepwise.mfa.http.AnswerRenderer;
import dev.stepwise.mfa.http.MfaAnswer;
import dev.stepwise.mfa.http.PageLocale;
import dev.stepwise.mfa.http.RequestFacts;
import dev.stepwise.mfa.store.StoreUnavailableException;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.Locale;

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
 * <p>In an include the failing part is left out of the including page (as a refusal is): the page around it was
 * already written, so nothing is reset or forwarded, and only the log line tells.
 *
 * <p>The log line (ERROR) names where it happened, the exception's class and, for the library's own exceptions and
 * the JVM's linkage errors only, its message; for any other exception, the class whose code threw it (the library
 * calls application code while deciding: event observers, risk signals, factors, code senders). Its message is left
 * out: an application's factor or code sender may put what the user typed in
 * its messages, so theirs are left out. Every character that is not printable in {@code where} (which may hold the
 * request's path) and in the message is escaped ({@code \n}, {@code \r}, {@code \t}, {@code \}{@code uXXXX}), as
 * in the audit line, so no request can forge a log line; both are shortened. The stack trace is attached to that
 * same record only when the logger is enabled for DEBUG. Request parameters, headers and cookies are never logged.
 */
final class LibraryFailure {

    /** The error page, under the library's JSPs. */
    static final String PAGE = PageCall.PAGES + "error.jsp";

    private static final int MAX_MESSAGE = 300;
    private static final String OWN_PACKAGE = "dev.stepwise.mfa.";

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
     * @param where what failed, for the log line (escaped there: it may name the request's path)
     * @param stylesheet the library's stylesheet ({@link AnswerRenderer#stylesheet}), which the pages link
     */
    static void answer(System.Logger log, String where, Throwable failure, HttpServletRequest request,
                       HttpServletResponse response, String stylesheet) throws IOException {
        boolean outage = isStoreOutage(failure);
        log(log, where, failure, outage);
        if (response.isCommitted() || request.getDispatcherType() == DispatcherType.INCLUDE) {
            return; // an include's page around it is the application's: the failing part is left out
        }
        boolean api = RequestFacts.isApiClient(request);
        if (outage || api) {
            plain(failure, api, api ? Locale.ROOT : PageLocale.of(request), stylesheet).writeTo(response);
        } else {
            page(request, response, stylesheet);
        }
    }

    /**
     * Logs {@code failure} once and returns its answer without the error page (for JAX-RS, which writes the response
     * itself): 503 for a store outage, else 500, JSON for an API client, a short page otherwise (in {@code pageLocale}, English when not given).
     */
    static MfaAnswer logAndAnswer(System.Logger log, String where, Throwable failure, boolean api) {
        return logAndAnswer(log, where, failure, api, Locale.ROOT);
    }

    /** As {@link #logAndAnswer(System.Logger, String, Throwable, boolean)}, a browser's page in {@code pageLocale}. */
    static MfaAnswer logAndAnswer(System.Logger log, String where, Throwable failure, boolean api,
                                  Locale pageLocale) {
        log(log, where, failure, isStoreOutage(failure));
        return plain(failure, api, pageLocale, null);
    }

    /** The pages' language of {@code request} for a browser ({@link PageLocale}); English when there is none. */
    static Locale pageLocale(HttpServletRequest request, boolean api) {
        return api || request == null ? Locale.ROOT : PageLocale.of(request);
    }

    private static MfaAnswer plain(Throwable failure, boolean api, Locale pageLocale, String stylesheet) {
        if (isStoreOutage(failure)) {
            return AnswerRenderer.unavailable(api, pageLocale, stylesheet);
        }
        return api ? new MfaAnswer(500, null, null, "application/json", "{\"error\":\"mfa_error\"}")
                : AnswerRenderer.failed(pageLocale, stylesheet);
    }

    private static void log(System.Logger log, String where, Throwable failure, boolean outage) {
        String message = "Stepwise MFA: " + oneLine(where) + (outage ? ": store unavailable: " : " failed: ")
                + failure.getClass().getName() + (isOwnMessage(failure) ? ": " + oneLine(failure.getMessage())
                : " thrown in " + oneLine(thrownIn(failure)));
        if (log.isLoggable(System.Logger.Level.DEBUG)) {
            log.log(System.Logger.Level.ERROR, message, failure);
        } else {
            log.log(System.Logger.Level.ERROR, message);
        }
    }

    /**
     * Whether the message of {@code failure} may be logged: the library's own exceptions (they never hold what a user
     * typed) and the JVM's linkage errors (a class or method name). Other exceptions, an application factor's or a
     * code sender's, are named by their class only.
     */
    static boolean isOwnMessage(Throwable failure) {
        return failure instanceof LinkageError || failure.getClass().getName().startsWith(OWN_PACKAGE);
    }

    /**
     * The class whose code threw {@code failure}: its first frame outside the platform's packages. The library
     * calls the application's code while it decides (event observers, risk signals, factors, code senders); this
     * tells the operator whose code failed, the library's or the application's.
     */
    static String thrownIn(Throwable failure) {
        for (StackTraceElement frame : failure.getStackTrace()) {
            String type = frame.getClassName();
            if (!(type.startsWith("java.") || type.startsWith("javax.") || type.startsWith("jdk.")
                    || type.startsWith("sun.") || type.startsWith("jakarta."))) {
                return type;
            }
        }
        return "(unknown)";
    }

    /**
     * A text as one shortened, printable line: every control, format, line or paragraph separator and unpaired
     * surrogate character escaped, so nothing of it can start or forge a line of the log (CWE-117).
     */
    static String oneLine(String text) {
        if (text == null) {
            return "(no message)";
        }
        StringBuilder b = new StringBuilder();
        int i = 0;
        while (i < text.length() && b.length() < MAX_MESSAGE) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            switch (cp) {
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (isPrintable(cp)) {
                        b.appendCodePoint(cp);
                    } else {
                        b.append(String.format("\\u%04x", cp));
                    }
                }
            }
        }
        return i < text.length() ? b + "…" : b.toString();
    }

    private static boolean isPrintable(int cp) {
        int type = Character.getType(cp);
        return !(Character.isISOControl(cp) || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR || type == Character.SURROGATE
                || type == Character.UNASSIGNED || type == Character.PRIVATE_USE);
    }

    /** The library's error page, status 500; when even that fails, a plain 500 text. */
    private static void page(HttpServletRequest request, HttpServletResponse response, String stylesheet)
            throws IOException {
        response.resetBuffer();
        response.setStatus(HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Frame-Options", "DENY");
        request.setAttribute(LibraryPage.MODEL, new ErrorPage(request.getContextPath() + "/"));
        PageLocale.forPage(request, PageLocale.of(request));
        try {
            request.getRequestDispatcher(PAGE).forward(request, response);
        } catch (ServletException | RuntimeException | LinkageError e) {
            if (!response.isCommitted()) {
                AnswerRenderer.failed(PageLocale.of(request), stylesheet).writeTo(response);
            }
        }
    }
}
