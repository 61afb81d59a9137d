package dev.stepwise.mfa.factor.otp;

import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CodeHasherTest {

    private static final byte[] PEPPER = new byte[32];

    static {
        for (int i = 0; i < PEPPER.length; i++) {
            PEPPER[i] = (byte) i;
        }
    }

    @Test
    void isHmacSha256OverLengthPrefixedParts() throws Exception {
        // the construction written out independently: a JDBC store in another language could reproduce it
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(PEPPER, "HmacSHA256"));
        for (String part : new String[] {"stepwise-otp-v1", "alice", "email", "123456"}) {
            byte[] b = part.getBytes(StandardCharsets.UTF_8);
            mac.update(new byte[] {0, 0, 0, (byte) b.length});
            mac.update(b);
        }
        assertThat(new CodeHasher(PEPPER).hash("alice", "email", "123456")).isEqualTo(mac.doFinal()).hasSize(32);
    }

    @Test
    void sameInputSameHash() {
        assertThat(new CodeHasher(PEPPER).hash("alice", "sms", "000042"))
                .isEqualTo(new CodeHasher(PEPPER.clone()).hash("alice", "sms", "000042"));
    }

    @Test
    void userChannelCodeAndPepperAllMatter() {
        CodeHasher hasher = new CodeHasher(PEPPER);
        byte[] base = hasher.hash("alice", "email", "123456");
        assertThat(hasher.hash("bob", "email", "123456")).isNotEqualTo(base);
        assertThat(hasher.hash("alice", "sms", "123456")).isNotEqualTo(base);
        assertThat(hasher.hash("alice", "email", "123457")).isNotEqualTo(base);
        byte[] otherPepper = PEPPER.clone();
        otherPepper[0] ^= 1;
        assertThat(new CodeHasher(otherPepper).hash("alice", "email", "123456")).isNotEqualTo(base);
    }

    @Test
    void partsCannotBeShiftedAcrossBoundaries() {
        CodeHasher hasher = new CodeHasher(PEPPER);
        assertThat(hasher.hash("alicee", "mail", "123456")).isNotEqualTo(hasher.hash("alice", "email", "123456"));
    }

    @Test
    void copiesThePepper() {
        byte[] pepper = PEPPER.clone();
        CodeHasher hasher = new CodeHasher(pepper);
        byte[] before = hasher.hash("alice", "email", "123456");
        Arrays.fill(pepper, (byte) 0);
        assertThat(hasher.hash("alice", "email", "123456")).isEqualTo(before);
    }

    @Test
    void refusesAShortPepper() {
        assertThatIllegalArgumentException().isThrownBy(() -> new CodeHasher(new byte[31]))
                .withMessageContaining("32");
    }

    @Test
    void randomPeppersDiffer() {
        assertThat(CodeHasher.withRandomPepper().hash("a", "email", "123456"))
                .isNotEqualTo(CodeHasher.withRandomPepper().hash("a", "email", "123456"));
        assertThat(CodeHasher.withRandomPepper().toString()).contains("hidden");
    }
}
