package dev.stepwise.mfa.trust;

/**
 * Why a trust-this-device cookie was not accepted. For the operator's log line and metrics; the user only sees
 * the factor challenge, and the web layer clears the cookie (docs/security-model.md: revoked/expired → ignored and cleared).
 *
 * <pre>{@code
 * if (check instanceof DeviceTrust.Untrusted u) LOG.log(INFO, "trust cookie ignored: {0}", u.reason());
 * }</pre>
 */
public enum TrustRefusal {
    /** No cookie value (null or empty). */
    MISSING,
    /** Too long, not {@code payload.mac}, not canonical base64url, wrong sizes or version. */
    MALFORMED,
    /** Signed with a key id this deployment does not know or no longer accepts. */
    UNKNOWN_KEY,
    /** The HMAC does not match: forged or altered. */
    BAD_SIGNATURE,
    /** Validly signed, but for another user. */
    OTHER_USER,
    /** The cookie's own expiry has passed. */
    EXPIRED,
    /** No server-side record of the device (deleted, or never stored). */
    UNKNOWN_DEVICE,
    /** The device was revoked by its user, an administrator or a password change. */
    REVOKED,
    /** The server-side record has expired. */
    DEVICE_EXPIRED
}
