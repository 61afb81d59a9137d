package dev.stepwise.mfa.http;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;

/**
 * The long-lived device id of adaptive MFA ({@code stepwise-device}): 128 random bits, HttpOnly,
 * SameSite=Lax, Path=/, Secure over HTTPS. It only recognises a browser seen before; it proves nothing and is
 * separate from the signed "trust this device" cookie. Never logged.
 */
public final class DeviceCookie {

    public static final String NAME = "stepwise-device";
    private static final SecureRandom RANDOM = new SecureRandom();

    private DeviceCookie() {
    }

    /** The browser's device id, or {@code null}. */
    public static String read(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie c : cookies) {
                if (c.getName().equals(NAME) && c.getValue().matches("[A-Za-z0-9_-]{22,64}")) {
                    return c.getValue();
                }
            }
        }
        return null;
    }

    /** The browser's device id; a new one is set when it has none (and counts as a new device). */
    public static String readOrIssue(HttpServletRequest request, HttpServletResponse response, Duration lifetime) {
        String id = read(request);
        if (id != null) {
            return id;
        }
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        String fresh = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        response.addHeader("Set-Cookie", NAME + "=" + fresh + "; Max-Age=" + lifetime.toSeconds()
                + "; Path=/; HttpOnly; SameSite=Lax" + (request.isSecure() ? "; Secure" : ""));
        return null; // this sign-in is from a device never seen before
    }
}
