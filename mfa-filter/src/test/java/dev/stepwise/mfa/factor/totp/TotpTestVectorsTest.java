package dev.stepwise.mfa.factor.totp;

import com.bastiaanjansen.otp.HOTPGenerator;
import com.bastiaanjansen.otp.TOTPGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The public test vectors of RFC 4226 and RFC 6238, run through our wiring (secret encoding, digits, algorithm,
 * long time arithmetic) — not through otp-java's own defaults.
 */
class TotpTestVectorsTest {

    // RFC 6238 Appendix A code (the prose of Appendix B gets the SHA-256/512 key lengths wrong)
    private static final TotpSecret SHA1_SECRET = ascii("12345678901234567890");
    private static final TotpSecret SHA256_SECRET = ascii("12345678901234567890123456789012");
    private static final TotpSecret SHA512_SECRET = ascii("1234567890".repeat(6) + "1234");

    @Test
    void secretsHaveTheLengthsOfTheRfcReferenceCode() {
        assertThat(SHA1_SECRET.length()).isEqualTo(20);
        assertThat(SHA256_SECRET.length()).isEqualTo(32);
        assertThat(SHA512_SECRET.length()).isEqualTo(64);
    }

    /** RFC 4226 Appendix D: HOTP, HMAC-SHA-1, 6 digits, counters 0..9. */
    @ParameterizedTest(name = "HOTP counter {0} = {1}")
    @CsvSource({"0,755224", "1,287082", "2,359152", "3,969429", "4,338314",
                "5,254676", "6,287922", "7,162583", "8,399871", "9,520489"})
    void rfc4226AppendixDThroughOurWiring(long counter, String expected) {
        TotpVerifier verifier = verifier(TotpAlgorithm.SHA1, 6, Instant.EPOCH);
        assertThat(verifier.codeAt(SHA1_SECRET, counter)).isEqualTo(expected);
        // and otp-java's HOTPGenerator fed with our base32 encoding of the key
        HOTPGenerator hotp = new HOTPGenerator.Builder(SHA1_SECRET.base32()).withPasswordLength(6).build();
        assertThat(hotp.generate(counter)).isEqualTo(expected);
    }

    /** RFC 6238 Appendix B: T0 = 0, X = 30 s, 8 digits, all three algorithms, incl. a time beyond int range. */
    @ParameterizedTest(name = "t={0} {1} → {2}")
    @CsvSource({
            "59,          SHA1,   94287082",
            "59,          SHA256, 46119246",
            "59,          SHA512, 90693936",
            "1111111109,  SHA1,   07081804",
            "1111111109,  SHA256, 68084774",
            "1111111109,  SHA512, 25091201",
            "1111111111,  SHA1,   14050471",
            "1111111111,  SHA256, 67062674",
            "1111111111,  SHA512, 99943326",
            "1234567890,  SHA1,   89005924",
            "1234567890,  SHA256, 91819424",
            "1234567890,  SHA512, 93441116",
            "2000000000,  SHA1,   69279037",
            "2000000000,  SHA256, 90698825",
            "2000000000,  SHA512, 38618901",
            "20000000000, SHA1,   65353130",
            "20000000000, SHA256, 77737706",
            "20000000000, SHA512, 47863826"})
    void rfc6238AppendixB(long unixTime, TotpAlgorithm algorithm, String expected) {
        Instant at = Instant.ofEpochSecond(unixTime);
        TotpSecret secret = secretFor(algorithm);

        TotpVerifier verifier = verifier(algorithm, 8, at);
        assertThat(verifier.codeAt(secret, verifier.stepAt(at))).isEqualTo(expected);

        // the full verification path accepts it with no drift allowed
        InMemoryTotpCredentialStore store = new InMemoryTotpCredentialStore();
        store.save(TotpCredential.pending("alice", secret).activated(TotpCredential.NO_STEP));
        TotpVerifier strict = new TotpVerifier(new TotpSettings(8, Duration.ofSeconds(30), algorithm, 0),
                Clock.fixed(at, ZoneOffset.UTC), store);
        TotpCheck check = strict.verify("alice", expected);
        assertThat(check.outcome()).isEqualTo(TotpCheck.Outcome.ACCEPTED);
        assertThat(check.step()).isEqualTo(Math.floorDiv(unixTime, 30L));

        // and otp-java's own TOTPGenerator agrees with our step arithmetic
        TOTPGenerator totp = new TOTPGenerator.Builder(secret.base32())
                .withPeriod(Duration.ofSeconds(30))
                .withHOTPGenerator(b -> b.withPasswordLength(8).withAlgorithm(algorithm.hmac()))
                .build();
        assertThat(totp.at(at)).isEqualTo(expected);
    }

    @Test
    void stepArithmeticIsLongBeyondTheYear2038() {
        TotpVerifier verifier = verifier(TotpAlgorithm.SHA1, 8, Instant.EPOCH);
        assertThat(verifier.stepAt(Instant.ofEpochSecond(20_000_000_000L))).isEqualTo(666_666_666L);
        assertThat(verifier.stepAt(Instant.ofEpochSecond(59))).isEqualTo(1L);
        assertThat(verifier.stepAt(Instant.ofEpochSecond(60))).isEqualTo(2L);
    }

    private static TotpVerifier verifier(TotpAlgorithm algorithm, int digits, Instant at) {
        return new TotpVerifier(new TotpSettings(digits, Duration.ofSeconds(30), algorithm, 1),
                Clock.fixed(at, ZoneOffset.UTC), new InMemoryTotpCredentialStore());
    }

    private static TotpSecret secretFor(TotpAlgorithm algorithm) {
        switch (algorithm) {
            case SHA1:
                return SHA1_SECRET;
            case SHA256:
                return SHA256_SECRET;
            case SHA512:
                return SHA512_SECRET;
            default:
                throw new AssertionError(algorithm);
        }
    }

    private static TotpSecret ascii(String key) {
        return new TotpSecret(key.getBytes(StandardCharsets.US_ASCII));
    }
}
