package dev.stepwise.mfa.factor.totp;

import java.util.Objects;

/**
 * What the enrolment page shows after {@link TotpFactor#begin}: the QR code, and the same secret as text for
 * typing by hand. Shown once, over HTTPS, to the signed-in user only; {@link #toString()} hides the secret.
 *
 * <pre>{@code
 * TotpEnrolment e = totp.begin("alice", "Example Bank");
 * request.setAttribute("qr", e.svg());                 // inline <svg>
 * request.setAttribute("secret", e.groupedSecret());   // "JBSW Y3DP …"
 * }</pre>
 *
 * @param secret        the new, not yet confirmed secret
 * @param uri           the {@code otpauth://} URI encoded in the QR code
 * @param svg           the QR code as inline SVG
 * @param groupedSecret the base32 secret in groups of four for manual entry
 */
public record TotpEnrolment(TotpSecret secret, String uri, String svg, String groupedSecret) {

    /**
     * Checks the components.
     * @param secret the new, not yet confirmed secret
     * @param uri the {@code otpauth://} URI encoded in the QR code
     * @param svg the QR code as inline SVG
     * @param groupedSecret the base32 secret in groups of four for manual entry
     */
    public TotpEnrolment {
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(svg, "svg");
        Objects.requireNonNull(groupedSecret, "groupedSecret");
    }

    @Override
    public String toString() {
        return "TotpEnrolment[secret hidden]";
    }
}
