package dev.stepwise.mfa.http;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.time.Duration;

/**
 * The "trust this device" cookie on the wire: {@code __Host-stepwise-trust} over HTTPS (the prefix makes the
 * browser insist on Secure, Path=/ and no Domain), {@code stepwise-trust} over plain HTTP in development;
 * always HttpOnly, SameSite=Lax, Path=/, {@code Max-Age} = the configured trust duration. Its value is a bearer
 * secret: never logged.
 */
public final class TrustCookie {

    public static final String SECURE_NAME = "__Host-stepwise-trust";
    public static final String PLAIN_NAME = "stepwise-trust";

    private TrustCookie() {
    }

    /** The cookie's value as sent by the browser, or {@code null}. Cheap: no session, no store. */
    public static String read(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return null;
        }
        String name = name(request);
        for (Cookie c : cookies) {
            if (c.getName().equals(name)) {
                return c.getValue();
            }
        }
        return null;
    }

    /** Sets the cookie. */
    public static void write(HttpServletRequest request, HttpServletResponse response, String value, Duration maxAge) {
        response.addHeader("Set-Cookie", header(request, value, maxAge.toSeconds()));
    }

    /** Tells the browser to forget the cookie. */
    public static void clear(HttpServletRequest request, HttpServletResponse response) {
        response.addHeader("Set-Cookie", header(request, "", 0));
    }

    private static String header(HttpServletRequest request, String value, long maxAgeSeconds) {
        StringBuilder h = new StringBuilder(name(request)).append('=').append(value)
                .append("; Max-Age=").append(maxAgeSeconds).append("; Path=/; HttpOnly; SameSite=Lax");
        if (request.isSecure()) {
            h.append("; Secure");
        }
        return h.toString();
    }

    private static String name(HttpServletRequest request) {
        return request.isSecure() ? SECURE_NAME : PLAIN_NAME;
    }
}
