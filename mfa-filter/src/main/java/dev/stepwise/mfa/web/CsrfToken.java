package dev.stepwise.mfa.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The session-bound token every form of the library carries (OWASP CSRF prevention, synchronizer token).
 * It survives {@code changeSessionId()}, as session attributes do. Applications use it through
 * {@link StepwiseCsrf}.
 */
final class CsrfToken {

    static final String ATTRIBUTE = "dev.stepwise.mfa.csrf";
    static final String PARAMETER = "stepwise_csrf";
    private static final SecureRandom RANDOM = new SecureRandom();

    private CsrfToken() {
    }

    /** The session's token, created with the session if needed. */
    static String of(HttpServletRequest request) {
        HttpSession session = request.getSession(true);
        Object token = session.getAttribute(ATTRIBUTE);
        if (token instanceof String s) {
            return s;
        }
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String fresh = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        session.setAttribute(ATTRIBUTE, fresh);
        return fresh;
    }

    /** Whether the request's form field {@value #PARAMETER} is the session's token; compared in constant time. */
    static boolean matches(HttpServletRequest request) {
        return matches(request, request.getParameter(PARAMETER));
    }

    /** Whether {@code given} is the session's token; compared in constant time. */
    static boolean matches(HttpServletRequest request, String given) {
        HttpSession session = request.getSession(false);
        Object expected = session == null ? null : session.getAttribute(ATTRIBUTE);
        return expected instanceof String e && given != null
                && MessageDigest.isEqual(e.getBytes(StandardCharsets.US_ASCII), given.getBytes(StandardCharsets.US_ASCII));
    }
}
