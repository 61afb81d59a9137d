package dev.stepwise.mfa.http;

import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the library answers to a request it does not let through, computed once so the servlet filter and
 * the JAX-RS exception mapper send exactly the same thing.
 *
 * @param status          HTTP status: 303 for browsers, 401/403/429 for API clients (401 and 429 as RFC 9457
 *                        problem details), 403/503 pages
 * @param location        the {@code Location} of a 303, or {@code null}
 * @param wwwAuthenticate the {@code WWW-Authenticate} header of a 401, or {@code null}
 * @param contentType     the body's media type, or {@code null} for no body
 * @param body            the body, or {@code null}
 * @param retryAfter      the {@code Retry-After} of a 429 in seconds, or {@code null}
 */
public record MfaAnswer(int status, String location, String wwwAuthenticate, String contentType, String body,
                        Long retryAfter) {

    /**
     * An answer without {@code Retry-After}.
     *
     * @param status HTTP status: 303 for browsers, 401/403/429 for API clients, 403/503 pages
     * @param location the {@code Location} of a 303, or {@code null}
     * @param wwwAuthenticate the {@code WWW-Authenticate} header of a 401, or {@code null}
     * @param contentType the body's media type, or {@code null} for no body
     * @param body the body, or {@code null}
     */
    public MfaAnswer(int status, String location, String wwwAuthenticate, String contentType, String body) {
        this(status, location, wwwAuthenticate, contentType, body, null);
    }

    /**
     * The headers of this answer besides {@code Content-Type} and {@code Content-Length}, in the order they are
     * written; the servlet filter and the JAX-RS mapper both send exactly these.
     *
     * @return {@code Cache-Control: no-store}, then {@code Location}, {@code WWW-Authenticate} and
     *         {@code Retry-After} where this answer has them
     */
    public Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Cache-Control", "no-store");
        if (location != null) {
            headers.put("Location", location);
        }
        if (wwwAuthenticate != null) {
            headers.put("WWW-Authenticate", wwwAuthenticate);
        }
        if (retryAfter != null) {
            headers.put("Retry-After", Long.toString(retryAfter));
        }
        return headers;
    }

    /**
     * Writes this answer; the response must not be committed.
     *
     * @param response the HTTP response
     * @throws IOException if writing the answer fails
     */
    public void writeTo(HttpServletResponse response) throws IOException {
        response.resetBuffer();
        response.setStatus(status);
        headers().forEach(response::setHeader);
        if (body != null) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            response.setContentType(contentType);
            response.setContentLength(bytes.length);
            try {
                response.getOutputStream().write(bytes);
            } catch (IllegalStateException writerInUse) {
                // The application took the writer before a CDI bean refused the call: answer through it.
                response.getWriter().write(body);
            }
        } else {
            response.setContentLength(0);
        }
        response.flushBuffer();
    }
}
