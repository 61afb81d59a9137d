package dev.stepwise.mfa.factor.recovery;

import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecoveryCodeSetTest {

    private final SecureRandom random = new SecureRandom();

    @Test
    void generateWhenCalledThenTenDistinctCodesInDisplayFormat() {
        RecoveryCodeSet set = RecoveryCodeSet.generate(random);

        assertThat(set.codes()).hasSize(10).doesNotHaveDuplicates()
                .allMatch(c -> c.matches("[0-9a-hjkmnp-tv-z]{4}(-[0-9a-hjkmnp-tv-z]{4}){3}"));
        assertThat(set.codes()).allSatisfy(c -> assertThat(RecoveryCodeFormat.normalise(c)).isPresent());
    }

    @Test
    void generateWhenManySetsThenNoCodeRepeats() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            seen.addAll(RecoveryCodeSet.generate(random).codes());
        }
        assertThat(seen).hasSize(10_000);
    }

    @Test
    void generateWhenManySetsThenEverySymbolEquallyLikely() {
        // 16 uniform symbols of 32 = 80 bits; a bias (e.g. modulo or a skipped symbol) would show up here
        int[] counts = new int[32];
        int sets = 1000;
        for (int i = 0; i < sets; i++) {
            for (String code : RecoveryCodeSet.generate(random).codes()) {
                for (char c : code.replace("-", "").toCharArray()) {
                    counts[RecoveryCodeFormat.ALPHABET.indexOf(c)]++;
                }
            }
        }
        int expected = sets * 10 * 16 / 32;   // 5000 each; σ ≈ 70, so ±500 is a 7σ bound
        for (int count : counts) {
            assertThat(count).isBetween(expected - 500, expected + 500);
        }
    }

    @Test
    void toStringNeverShowsTheCodes() {
        RecoveryCodeSet set = RecoveryCodeSet.generate(random);

        assertThat(set.toString()).isEqualTo("RecoveryCodeSet[10 codes hidden]");
        for (String code : set.codes()) {
            assertThat(set.toString()).doesNotContain(code);
        }
    }

    @Test
    void constructorWhenDuplicateOrMalformedThenRefused() {
        assertThatThrownBy(() -> new RecoveryCodeSet(List.of("7k2m-9xq4-h3vd-05tr", "7K2M-9XQ4-H3VD-05TR")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RecoveryCodeSet(List.of("not-a-code")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void codesAreUnmodifiable() {
        RecoveryCodeSet set = RecoveryCodeSet.generate(random);
        assertThatThrownBy(() -> set.codes().clear()).isInstanceOf(UnsupportedOperationException.class);
    }
}
