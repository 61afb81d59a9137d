package dev.stepwise.mfa.http;

import jakarta.servlet.ServletRequest;

import java.util.function.BiConsumer;

/**
 * The library's marks on one request (request attributes, never session ones): the only class that reads or
 * writes them.
 *
 * <ul>
 *   <li>confirmed: set on the replay of a request whose zero-{@code maxAge} step-up challenge showed exactly it;
 *       that replay, and nothing else, is granted, once;</li>
 *   <li>captured form body: a form body JAX-RS read before the interceptor refused the call, kept (up to the
 *       replay limit) so the request can be saved and replayed after the challenge.</li>
 * </ul>
 */
public final class RequestMarks {

    private static final String CONFIRMED = "dev.stepwise.mfa.confirmed-request";
    private static final String CAPTURED_FORM_BODY = "dev.stepwise.mfa.captured-form-body";

    private RequestMarks() {
    }

    /** Marks {@code request} as the replay its challenge confirmed. */
    public static void markConfirmed(ServletRequest request) {
        request.setAttribute(CONFIRMED, Boolean.TRUE);
    }

    /** Whether {@code request} was marked confirmed; takes the mark (a forward needs its own confirmation). */
    public static boolean takeConfirmed(ServletRequest request) {
        if (!Boolean.TRUE.equals(request.getAttribute(CONFIRMED))) {
            return false;
        }
        request.removeAttribute(CONFIRMED);
        return true;
    }

    /** Keeps a copy of a form body through {@code setProperty} (JAX-RS request properties are request attributes). */
    public static void keepFormBody(BiConsumer<String, Object> setProperty, byte[] head) {
        setProperty.accept(CAPTURED_FORM_BODY, head);
    }

    /** The form body JAX-RS kept for this request, or {@code null}. */
    public static byte[] capturedFormBody(ServletRequest request) {
        return request.getAttribute(CAPTURED_FORM_BODY) instanceof byte[] body ? body : null;
    }
}
