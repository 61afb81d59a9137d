package dev.stepwise.mfa.http;

import dev.stepwise.mfa.core.net.CookieNames;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.time.Duration;

/**
 * The "trust this device" cookie on the wire: {@code __Host-stepwise-trust} when the request arrived over HTTPS
 * (the prefix makes the browser insist on Secure, Path=/ and no Domain), {@code stepwise-trust} over plain HTTP in
 * development; always HttpOnly, SameSite=Lax, Path=/, {@code Max-Age} = the configured trust duration. An
 * application other than the root one adds its context path to the name ({@code __Host-stepwise-trust-bank} for
 * {@code /bank}, see {@link CookieNames}), so two applications on one host neither read nor clear each other's.
 * "Over HTTPS" is {@link RequestFacts#secure()}: the container's word, or a trusted proxy's; the context path is
 * {@link RequestFacts#contextPath()}. Its value is a bearer
 * secret: never logged.
 */
public final class TrustCookie {

    /** The name over HTTPS in the root application. */
    public static final String SECURE_NAME = "__Host-stepwise-trust";
    /** The name over plain HTTP in the root application. */
    public static final String PLAIN_NAME = "stepwise-trust";

    private TrustCookie() {
    }

    /**
     * The cookie's name for the application at {@code contextPath}, over HTTPS or not.
     *
     * @param contextPath the application's context path
     * @param secure whether the request arrived over HTTPS ({@link RequestFacts#secure()})
     * @return the cookie's name for the application at {@code contextPath}, over HTTPS or not
     */
    public static String name(String contextPath, boolean secure) {
        return CookieNames.of(secure ? SECURE_NAME : PLAIN_NAME, contextPath);
    }

    /**
     * The cookie's value as sent by the browser, or {@code null}. Cheap: no session, no store.
     *
     * @param secure whether the request arrived over HTTPS ({@link RequestFacts#secure()})
     * @param request the HTTP request
     * @return the cookie's value as sent by the browser, or {@code null}
     */
    public static String read(HttpServletRequest request, boolean secure) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return null;
        }
        String name = name(request.getContextPath(), secure);
        for (Cookie c : cookies) {
            if (c.getName().equals(name)) {
                return c.getValue();
            }
        }
        return null;
    }

    /**
     * Sets the cookie of the application at {@code contextPath}, over HTTPS or not.
     *
     * @param response the HTTP response
     * @param contextPath the application's context path
     * @param secure whether the request arrived over HTTPS ({@link RequestFacts#secure()})
     * @param value the value
     * @param maxAge the longest age accepted
     */
    public static void write(HttpServletResponse response, String contextPath, boolean secure, String value,
                             Duration maxAge) {
        response.addHeader("Set-Cookie", header(contextPath, secure, value, maxAge.toSeconds()));
    }

    /**
     * Tells the browser to forget the cookie of the application at {@code contextPath}.
     *
     * @param response the HTTP response
     * @param contextPath the application's context path
     * @param secure whether the request arrived over HTTPS ({@link RequestFacts#secure()})
     */
    public static void clear(HttpServletResponse response, String contextPath, boolean secure) {
        response.addHeader("Set-Cookie", header(contextPath, secure, "", 0));
    }

    private static String header(String contextPath, boolean secure, String value, long maxAgeSeconds) {
        StringBuilder h = new StringBuilder(name(contextPath, secure)).append('=').append(value)
                .append("; Max-Age=").append(maxAgeSeconds).append("; Path=/; HttpOnly; SameSite=Lax");
        if (secure) {
            h.append("; Secure");
        }
        return h.toString();
    }
}
