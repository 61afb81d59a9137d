package dev.stepwise.mfa.web;

import dev.stepwise.mfa.http.MfaSession;
import jakarta.servlet.http.HttpServletRequest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The session-bound token every form of the library carries (OWASP CSRF prevention, synchronizer token).
 * It survives {@code changeSessionId()}, as session attributes do, and belongs to the principal it was made
 * for: another principal in the same session gets a new one ({@link MfaSession}). Applications use it through
 * {@link StepwiseCsrf}.
 */
final class CsrfToken {

    static final String PARAMETER = dev.stepwise.mfa.http.SecretFields.CSRF_FIELD;
    private static final SecureRandom RANDOM = new SecureRandom();

    private CsrfToken() {
    }

    /** The session's token, created with the session if needed. */
    static String of(HttpServletRequest request) {
        return MfaSession.of(request).csrfToken(CsrfToken::fresh);
    }

    private static String fresh() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Whether the request's form field {@value #PARAMETER} is the session's token; compared in constant time. */
    static boolean matches(HttpServletRequest request) {
        return matches(request, request.getParameter(PARAMETER));
    }

    /** Whether {@code given} is the session's token; compared in constant time. */
    static boolean matches(HttpServletRequest request, String given) {
        String expected = MfaSession.of(request).csrfToken();
        return expected != null && given != null
                && MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), given.getBytes(StandardCharsets.US_ASCII));
    }
}
