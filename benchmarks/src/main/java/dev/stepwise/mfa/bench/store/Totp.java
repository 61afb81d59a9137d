package dev.stepwise.mfa.bench.store;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.time.Instant;

/** The code an authenticator app shows: RFC 6238 with the library's defaults (HMAC-SHA-1, 6 digits, 30 s). */
final class Totp {

    private Totp() {
    }

    static String code(byte[] secret, Instant at) {
        long step = Math.floorDiv(at.getEpochSecond(), 30);
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret, "HmacSHA1"));
            byte[] h = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
            int off = h[h.length - 1] & 0x0f;   // RFC 4226 §5.3 dynamic truncation
            int bin = ((h[off] & 0x7f) << 24) | ((h[off + 1] & 0xff) << 16) | ((h[off + 2] & 0xff) << 8)
                    | (h[off + 3] & 0xff);
            return String.format("%06d", bin % 1_000_000);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
