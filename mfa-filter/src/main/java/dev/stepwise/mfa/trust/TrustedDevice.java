package dev.stepwise.mfa.trust;

import java.time.Instant;
import java.util.Objects;

/**
 * The server-side record of a trusted device: what the user sees in "your trusted devices" and can revoke, and
 * what a cookie must still find to be accepted.
 *
 * <pre>{@code
 * for (TrustedDevice d : devices.list("alice")) {
 *     out.println(d.userAgent() + ", last seen " + d.lastSeenAt() + (d.isActiveAt(now) ? "" : " (ended)"));
 * }
 * }</pre>
 *
 * @param deviceId   random 128-bit id, 22 characters of base64url; also inside the cookie
 * @param user       the user who trusted it
 * @param createdAt  when it was trusted
 * @param lastSeenAt when its cookie was last accepted
 * @param userAgent  a short description of the browser (at most {@value #MAX_USER_AGENT} characters)
 * @param expiresAt  when the trust ends (exclusive)
 * @param revokedAt  when it was revoked, or {@code null}
 */
public record TrustedDevice(String deviceId, String user, Instant createdAt, Instant lastSeenAt, String userAgent,
                            Instant expiresAt, Instant revokedAt) {

    /** Longest user-agent summary kept. */
    public static final int MAX_USER_AGENT = 200;

    /**
     * Checks the components.
     * @param deviceId random 128-bit id, 22 characters of base64url; also inside the cookie
     * @param user the user who trusted it
     * @param createdAt when it was trusted
     * @param lastSeenAt when its cookie was last accepted
     * @param userAgent a short description of the browser (at most {@value #MAX_USER_AGENT} characters)
     * @param expiresAt when the trust ends (exclusive)
     * @param revokedAt when it was revoked, or {@code null}
     */
    public TrustedDevice {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(lastSeenAt, "lastSeenAt");
        userAgent = summarize(userAgent);
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /**
     * The text kept of a {@code User-Agent} header: printable characters only (no control characters reach a
     * page or a log), at most {@value #MAX_USER_AGENT} of them.
     *
     * @param userAgent a short description of the browser (at most {@value #MAX_USER_AGENT} characters)
     * @return the text kept of a {@code User-Agent} header: printable characters only (no control characters reach a page or a log), at most {@value #MAX_USER_AGENT} of them
     */
    public static String summarize(String userAgent) {
        if (userAgent == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(Math.min(userAgent.length(), MAX_USER_AGENT));
        for (int i = 0; i < userAgent.length() && b.length() < MAX_USER_AGENT; i++) {
            char c = userAgent.charAt(i);
            if (c >= 0x20 && c < 0x7f) {
                b.append(c);
            }
        }
        return b.toString().strip();
    }

    /** {@return whether revoked} */
    public boolean isRevoked() {
        return revokedAt != null;
    }

    /**
     * Not revoked and not expired at {@code now}.
     *
     * @param now the current instant
     * @return whether active at
     */
    public boolean isActiveAt(Instant now) {
        return revokedAt == null && now.isBefore(expiresAt);
    }
}
