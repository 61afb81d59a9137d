package dev.stepwise.mfa.http;

import dev.stepwise.mfa.core.net.CookieNames;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;

/**
 * The long-lived device id of adaptive MFA ({@code stepwise-device}; {@code stepwise-device-bank} in the
 * application at {@code /bank}, see {@link CookieNames}): 128 random bits, HttpOnly, SameSite=Lax, Path=/, Secure
 * when the request arrived over HTTPS ({@link RequestFacts#secure()}). It only recognises a browser seen before; it
 * proves nothing and is separate from the signed "trust this device" cookie. Never logged.
 */
public final class DeviceCookie {

    /** The name in the root application. */
    public static final String NAME = "stepwise-device";
    private static final SecureRandom RANDOM = new SecureRandom();

    private DeviceCookie() {
    }

    /**
     * The cookie's name for the application at {@code contextPath}.
     *
     * @param contextPath the application's context path
     * @return the cookie's name for the application at {@code contextPath}
     */
    public static String name(String contextPath) {
        return CookieNames.of(NAME, contextPath);
    }

    /**
     * The browser's device id, or {@code null}.
     *
     * @param request the HTTP request
     * @return the browser's device id, or {@code null}
     */
    public static String read(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            String name = name(request.getContextPath());
            for (Cookie c : cookies) {
                if (c.getName().equals(name) && c.getValue().matches("[A-Za-z0-9_-]{22,64}")) {
                    return c.getValue();
                }
            }
        }
        return null;
    }

    /**
     * Gives a browser that has no device id ({@link RequestFacts#deviceCookie()} is {@code null}) a new one, for
     * the application at {@code contextPath}, {@code Secure} when the request arrived over HTTPS.
     *
     * @param response the HTTP response
     * @param contextPath the application's context path
     * @param secure whether the cookie is sent over HTTPS only
     * @param lifetime the lifetime
     */
    public static void issue(HttpServletResponse response, String contextPath, boolean secure, Duration lifetime) {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        String fresh = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        response.addHeader("Set-Cookie", name(contextPath) + "=" + fresh + "; Max-Age=" + lifetime.toSeconds()
                + "; Path=/; HttpOnly; SameSite=Lax" + (secure ? "; Secure" : ""));
    }
}
