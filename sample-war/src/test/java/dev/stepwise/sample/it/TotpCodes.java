package dev.stepwise.sample.it;

import com.bastiaanjansen.otp.TOTPGenerator;
import dev.stepwise.mfa.factor.totp.TotpSecret;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/** What an authenticator app shows: RFC 6238 codes (SHA-1, 6 digits, 30 s), computed with otp-java. */
final class TotpCodes {

    private TotpCodes() {
    }

    /** The code {@code secret} gives at {@code at} (use the server's test clock, see {@link Backstage#serverTime}). */
    static String at(TotpSecret secret, Instant at) {
        return new TOTPGenerator.Builder(secret.base32().getBytes(StandardCharsets.US_ASCII))
                .withHOTPGenerator(b -> b.withPasswordLength(6))
                .withPeriod(Duration.ofSeconds(30))
                .build()
                .at(at);
    }

    /** The same digits written in Arabic-Indic script: looks like a code, is not one. */
    static String arabicIndic(String digits) {
        StringBuilder sb = new StringBuilder();
        digits.chars().forEach(c -> sb.append((char) ('\u0660' + (c - '0'))));
        return sb.toString();
    }
}
