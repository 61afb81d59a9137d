package dev.stepwise.mfa.factor.totp;

import com.bastiaanjansen.otp.HMACAlgorithm;

/**
 * The HMAC behind a TOTP code (RFC 6238 §1.2: HMAC-SHA-1, HMAC-SHA-256 or HMAC-SHA-512). Authenticator apps
 * widely support only {@link #SHA1}, which is why it is the default; RFC 6238's security rests on HMAC, not on
 * the collision resistance of SHA-1.
 *
 * <pre>{@code
 * new TotpSettings(6, Duration.ofSeconds(30), TotpAlgorithm.SHA1, 1)
 * }</pre>
 */
public enum TotpAlgorithm {
    /** HMAC-SHA-1, the RFC 6238 default and the only one every authenticator app understands. */
    // otp-java 2.1 deprecates SHA1 as a nudge; HMAC-SHA-1 is not weakened by SHA-1 collisions (RFC 6194 §3.3)
    // and the apps need it
    @SuppressWarnings("deprecation")
    SHA1(HMACAlgorithm.SHA1),
    /** HMAC-SHA-256. */
    SHA256(HMACAlgorithm.SHA256),
    /** HMAC-SHA-512. */
    SHA512(HMACAlgorithm.SHA512);

    private final HMACAlgorithm hmac;

    TotpAlgorithm(HMACAlgorithm hmac) {
        this.hmac = hmac;
    }

    /** otp-java's constant for this algorithm. */
    HMACAlgorithm hmac() {
        return hmac;
    }

    /** {@return the value of the {@code algorithm} parameter of an {@code otpauth://} URI} */
    public String uriName() {
        return name();
    }
}
