package dev.stepwise.mfa.factor.totp;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TotpSecretTest {

    @Test
    void generateWhenCalledThenOneHundredSixtyBits() {
        assertThat(TotpSecret.generate().bytes()).hasSize(20);
        assertThat(TotpSecret.generate(new SecureRandom()).length()).isEqualTo(20);
    }

    @Test
    void generateWhenCalledRepeatedlyThenAllDifferent() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            seen.add(TotpSecret.generate().base32());
        }
        assertThat(seen).hasSize(1000);
    }

    @Test
    void base32WhenRfc4648VectorThenMatches() {
        // RFC 4648 §10: BASE32("foobar") = "MZXW6YTBOI======"; we drop the padding (Key Uri Format)
        TotpSecret secret = new TotpSecret("foobar-foobar-foobar-".getBytes(StandardCharsets.US_ASCII));
        assertThat(secret.base32()).startsWith("MZXW6YTBOI").doesNotContain("=");
        assertThat(new TotpSecret("12345678901234567890".getBytes(StandardCharsets.US_ASCII)).base32())
                .isEqualTo("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
    }

    @Test
    void groupedBase32WhenTwentyBytesThenEightGroupsOfFour() {
        TotpSecret secret = new TotpSecret("12345678901234567890".getBytes(StandardCharsets.US_ASCII));

        assertThat(secret.groupedBase32()).isEqualTo("GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ");
        assertThat(TotpSecret.generate().groupedBase32()).matches("([A-Z2-7]{4} ){7}[A-Z2-7]{4}");
    }

    @Test
    void groupedBase32WhenLengthNotMultipleOfFourThenShortLastGroup() {
        // 21 bytes → 34 base32 characters → 8 groups of four and one of two; 22 bytes → 36 → 9 groups
        TotpSecret secret = new TotpSecret(new byte[21]);
        assertThat(secret.groupedBase32()).isEqualTo("AAAA AAAA AAAA AAAA AAAA AAAA AAAA AAAA AA");
        assertThat(new TotpSecret(new byte[22]).groupedBase32()).isEqualTo("AAAA AAAA AAAA AAAA AAAA AAAA AAAA AAAA AAAA");
    }

    @Test
    void fromBase32WhenGroupedLowerCaseOrPaddedThenSameSecret() {
        TotpSecret secret = TotpSecret.generate();

        assertThat(TotpSecret.fromBase32(secret.groupedBase32())).isEqualTo(secret);
        assertThat(TotpSecret.fromBase32(secret.base32().toLowerCase())).isEqualTo(secret);
        TotpSecret odd = new TotpSecret(new byte[21]);
        assertThat(TotpSecret.fromBase32(odd.base32() + "====")).isEqualTo(odd);
    }

    @Test
    void fromBase32WhenNotBase32ThenRefusedWithoutEchoingIt() {
        assertThatThrownBy(() -> TotpSecret.fromBase32("GEZDGNBVGY3TQOJ1GEZDGNBVGY3TQOJQ"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("GEZD");
        assertThatThrownBy(() -> TotpSecret.fromBase32("GEZDGNBV")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSecretOf128BitsIsRefusedWithAClearError() {
        // Issue 10: a 128-bit secret was accepted when provisioned (RFC 4226 §4 R6 recommends 160 bits)
        assertThatThrownBy(() -> new TotpSecret(new byte[16])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("160 bits").hasMessageContaining("128");
        assertThatThrownBy(() -> new TotpSecret(new byte[19])).isInstanceOf(IllegalArgumentException.class);
        assertThat(new TotpSecret(new byte[20]).length()).isEqualTo(20);
    }

    @Test
    void aBase32SecretOf128BitsIsRefusedWithoutEchoingIt() {
        String secret128 = "GEZDGNBVGY3TQOJQGEZDGNBVGY"; // 26 characters = 16 bytes

        assertThatThrownBy(() -> TotpSecret.fromBase32(secret128)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("160 bits").hasMessageNotContaining("GEZD");
    }

    @Test
    void bytesAreCopiedInAndOut() {
        byte[] key = new byte[20];
        TotpSecret secret = new TotpSecret(key);
        key[0] = 1;
        assertThat(secret.bytes()[0]).isZero();
        secret.bytes()[1] = 1;
        assertThat(secret.bytes()[1]).isZero();
    }

    @Test
    void equalsComparesContent() {
        assertThat(new TotpSecret(new byte[20])).isEqualTo(new TotpSecret(new byte[20]))
                .hasSameHashCodeAs(new TotpSecret(new byte[20]))
                .isNotEqualTo(new TotpSecret(new byte[21]));
    }

    @Test
    void toStringNeverShowsTheKey() {
        TotpSecret secret = TotpSecret.generate();
        assertThat(secret.toString()).doesNotContain(secret.base32()).isEqualTo("TotpSecret[20 bytes]");
        assertThat(TotpCredential.pending("alice", secret).toString()).doesNotContain(secret.base32());
    }
}
