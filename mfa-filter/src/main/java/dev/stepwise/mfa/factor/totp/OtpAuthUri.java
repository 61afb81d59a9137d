package dev.stepwise.mfa.factor.totp;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The {@code otpauth://totp/…} URI that authenticator apps read from a QR code (Google Authenticator "Key Uri
 * Format", the de-facto standard):
 *
 * <pre>{@code
 * otpauth://totp/Example%20Bank:alice%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=Example%20Bank
 *     &algorithm=SHA1&digits=6&period=30
 * }</pre>
 *
 * <p>Issuer and account are percent-encoded as UTF-8 (RFC 3986 §2.1), spaces as {@code %20} and colons inside
 * them as {@code %3A}, so the one literal {@code :} in the label is the separator the format defines. The issuer
 * is repeated as a parameter, which the format recommends.
 */
public final class OtpAuthUri {

    /** Longest issuer or account name accepted, in chars: the whole URI must still fit in a QR code. */
    public static final int MAX_NAME_LENGTH = 128;

    private OtpAuthUri() {
    }

    /**
     * The URI for {@code secret}.
     *
     * @param issuer  who the account is with, e.g. the application's name; not blank
     * @param account the user's account name, e.g. their login or email; not blank
     * @param secret the secret
     * @param settings the settings
     * @return the URI for {@code secret}
     * @throws IllegalArgumentException if issuer or account is blank or longer than {@value #MAX_NAME_LENGTH}
     */
    public static String totp(TotpSecret secret, String issuer, String account, TotpSettings settings) {
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(settings, "settings");
        String encodedIssuer = encode(checkName(issuer, "issuer"));
        String encodedAccount = encode(checkName(account, "account"));
        return "otpauth://totp/" + encodedIssuer + ':' + encodedAccount
                + "?secret=" + secret.base32()
                + "&issuer=" + encodedIssuer
                + "&algorithm=" + settings.algorithm().uriName()
                + "&digits=" + settings.digits()
                + "&period=" + settings.periodSeconds();
    }

    private static String checkName(String name, String what) {
        Objects.requireNonNull(name, what);
        if (name.isBlank() || name.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException(what + " must be 1 to " + MAX_NAME_LENGTH + " characters, not blank");
        }
        return name;
    }

    /** RFC 3986 percent-encoding: URLEncoder is form encoding, which writes a space as '+'. */
    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
