package dev.stepwise.mfa.factor.recovery;

import org.junit.jupiter.api.Test;

import java.security.SecureRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecoveryCodeHasherTest {

    private static final String CODE = "7K2M9XQ4H3VD05TR";

    private final RecoveryCodeHasher hasher = new RecoveryCodeHasher(RecoveryCodeHasher.MIN_ITERATIONS,
            new SecureRandom());

    @Test
    void hashWhenSameCodeTwiceThenDifferentSaltsHashesAndIds() {
        RecoveryCodeHash first = hasher.hash(CODE);
        RecoveryCodeHash second = hasher.hash(CODE);

        assertThat(first.salt()).hasSize(16).isNotEqualTo(second.salt());
        assertThat(first.hash()).hasSize(32).isNotEqualTo(second.hash());
        assertThat(first.id()).isNotEqualTo(second.id()).doesNotContainIgnoringCase(CODE);
        assertThat(first.iterations()).isEqualTo(RecoveryCodeHasher.MIN_ITERATIONS);
    }

    @Test
    void matchesWhenSameCodeThenTrueOtherwiseFalse() {
        RecoveryCodeHash stored = hasher.hash(CODE);

        assertThat(hasher.matches(CODE, stored)).isTrue();
        assertThat(hasher.matches("7K2M9XQ4H3VD05TS", stored)).isFalse();
        assertThat(hasher.matches("", stored)).isFalse();
    }

    @Test
    void matchesWhenStoredWithOtherIterationCountThenUsesTheStoredCount() {
        RecoveryCodeHash old = hasher.hash(CODE);
        RecoveryCodeHasher stronger = new RecoveryCodeHasher(20_000, new SecureRandom());

        assertThat(stronger.matches(CODE, old)).isTrue();
    }

    @Test
    void hashIsNotThePlainCode() {
        RecoveryCodeHash stored = hasher.hash(CODE);

        assertThat(new String(stored.hash(), java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain(CODE);
        assertThat(stored.toString()).doesNotContain(CODE);
    }

    @Test
    void defaultsAreDocumentedConstants() {
        assertThat(new RecoveryCodeHasher().iterations()).isEqualTo(100_000)
                .isEqualTo(RecoveryCodeHasher.DEFAULT_ITERATIONS);
        assertThat(RecoveryCodeHasher.ALGORITHM).isEqualTo("PBKDF2WithHmacSHA256");
    }

    @Test
    void constructorWhenBelowNistMinimumThenRefused() {
        assertThatThrownBy(() -> new RecoveryCodeHasher(9_999, new SecureRandom()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void recordCopiesArraysInAndOut() {
        byte[] salt = {1, 2, 3};
        byte[] hash = {4, 5, 6};
        RecoveryCodeHash stored = new RecoveryCodeHash("id", salt, 10_000, hash);
        salt[0] = 9;
        hash[0] = 9;
        stored.salt()[1] = 9;
        stored.hash()[1] = 9;

        assertThat(stored.salt()).containsExactly(1, 2, 3);
        assertThat(stored.hash()).containsExactly(4, 5, 6);
        assertThat(stored).isEqualTo(new RecoveryCodeHash("id", new byte[] {1, 2, 3}, 10_000, new byte[] {4, 5, 6}));
    }
}
