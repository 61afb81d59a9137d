package dev.stepwise.mfa.factor.push;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a push service does with {@code Authorization: vapid t=…, k=…} (RFC 8292 §3 and §4), written apart from the
 * library's own code: split the header, check the JWS header, verify the ES256 signature with the key in {@code k},
 * read the claims.
 */
final class VapidTokens {

    private static final Pattern HEADER = Pattern.compile("vapid t=([A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\."
            + "[A-Za-z0-9_-]+), k=([A-Za-z0-9_-]+)");

    /** The verified token's parts. */
    record Checked(String publicKey, String jwsHeader, String aud, long exp, String sub, int signatureOctets) {
    }

    private VapidTokens() {
    }

    /** Parses and verifies; fails when the header's shape or the signature is wrong. */
    static Checked verify(String authorization) throws GeneralSecurityException {
        Matcher m = HEADER.matcher(authorization == null ? "" : authorization);
        if (!m.matches()) {
            throw new GeneralSecurityException("not a vapid authorization header");
        }
        String[] parts = m.group(1).split("\\.");
        Base64.Decoder d = Base64.getUrlDecoder();
        ECPublicKey key = P256.publicKey(d.decode(m.group(2)));
        byte[] signature = d.decode(parts[2]);
        Signature verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
        verifier.initVerify(key);
        verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        if (!verifier.verify(signature)) {
            throw new GeneralSecurityException("the VAPID signature does not verify");
        }
        String claims = new String(d.decode(parts[1]), StandardCharsets.UTF_8);
        return new Checked(m.group(2), new String(d.decode(parts[0]), StandardCharsets.UTF_8),
                claim(claims, "\"aud\":\"([^\"]*)\""), Long.parseLong(claim(claims, "\"exp\":(\\d+)")),
                claim(claims, "\"sub\":\"([^\"]*)\""), signature.length);
    }

    private static String claim(String json, String regex) throws GeneralSecurityException {
        Matcher m = Pattern.compile(regex).matcher(json);
        if (!m.find()) {
            throw new GeneralSecurityException("a claim is missing: " + regex);
        }
        return m.group(1);
    }
}
