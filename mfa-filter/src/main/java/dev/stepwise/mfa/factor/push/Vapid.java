package dev.stepwise.mfa.factor.push;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Voluntary Application Server Identification (RFC 8292): the {@code Authorization: vapid t=…, k=…} header of a
 * push, with an ES256 JWT whose {@code aud} is the push service's origin, {@code exp} at most 24 hours ahead and
 * {@code sub} a contact ({@code mailto:} or {@code https:}) the push service may use.
 */
public final class Vapid {

    /** RFC 8292 §2: the token must expire within 24 hours of the request. */
    public static final Duration MAX_LIFETIME = Duration.ofHours(24);

    /** mailto: or https:, printable ASCII without quotes, backslashes or spaces (it goes into JSON as it is). */
    private static final Pattern SUBJECT = Pattern.compile("(mailto:[^\\s\"\\\\]+@[^\\s\"\\\\]+|https://[^\\s\"\\\\]+)");
    private static final int MAX_SUBJECT_LENGTH = 256;
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final String HEADER = B64.encodeToString("{\"typ\":\"JWT\",\"alg\":\"ES256\"}"
            .getBytes(StandardCharsets.US_ASCII));

    private Vapid() {
    }

    /**
     * Whether {@code subject} may be a VAPID {@code sub}: a {@code mailto:} address or an {@code https:} URL, in
     * printable ASCII, at most 256 characters.
     *
     * @param subject the contact
     * @return whether it is accepted
     */
    public static boolean isValidSubject(String subject) {
        return subject != null && subject.length() <= MAX_SUBJECT_LENGTH && subject.chars().allMatch(c -> c > 0x20
                && c < 0x7f) && SUBJECT.matcher(subject).matches();
    }

    /**
     * The {@code Authorization} header value for a push to {@code audience}.
     *
     * @param keys     the application server's keys
     * @param audience the push service's origin, e.g. {@code https://push.example.net}
     * @param subject  the contact, see {@link #isValidSubject}
     * @param expiry   when the token expires, within {@link #MAX_LIFETIME} of now (the caller's clock)
     * @return {@code vapid t=<jwt>, k=<public key>}
     */
    public static String authorization(VapidKeys keys, String audience, String subject, Instant expiry) {
        return "vapid t=" + token(keys, audience, subject, expiry) + ", k=" + keys.publicKey();
    }

    /**
     * The signed JWT (RFC 8292 §2, RFC 7515 compact serialisation).
     *
     * @param keys     the application server's keys
     * @param audience the push service's origin
     * @param subject  the contact
     * @param expiry   when it expires
     * @return {@code header.claims.signature}, base64url
     */
    static String token(VapidKeys keys, String audience, String subject, Instant expiry) {
        if (!isValidSubject(subject)) {
            throw new IllegalArgumentException("the VAPID subject is not a mailto: or https: contact");
        }
        if (audience.indexOf('"') >= 0 || audience.indexOf('\\') >= 0) {
            throw new IllegalArgumentException("the audience is not an origin");
        }
        String claims = "{\"aud\":\"" + audience + "\",\"exp\":" + expiry.getEpochSecond() + ",\"sub\":\"" + subject
                + "\"}";
        String signingInput = HEADER + "." + B64.encodeToString(claims.getBytes(StandardCharsets.US_ASCII));
        try {
            Signature signer = Signature.getInstance(P256.ES256);
            signer.initSign(keys.ecPrivateKey());
            signer.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + B64.encodeToString(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ES256 signing failed", e);
        }
    }
}
