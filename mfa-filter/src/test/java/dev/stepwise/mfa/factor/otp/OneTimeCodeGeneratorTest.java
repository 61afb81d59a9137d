package dev.stepwise.mfa.factor.otp;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class OneTimeCodeGeneratorTest {

    /** Answers nextInt(bound) with a fixed value and remembers the bounds asked for. */
    private static final class ScriptedRandom extends SecureRandom {
        private static final long serialVersionUID = 1L;
        final List<Integer> bounds = new ArrayList<>();
        private final int value;

        ScriptedRandom(int value) {
            this.value = value;
        }

        @Override
        public int nextInt(int bound) {
            bounds.add(bound);
            return value;
        }
    }

    @ParameterizedTest
    @CsvSource({"6,1000000", "7,10000000", "8,100000000"})
    void drawsOnceFromExactlyTenToTheDigits(int digits, int bound) {
        // one draw from [0, 10^d): nextInt(bound) rejection-samples, so no modulo bias is introduced here
        ScriptedRandom random = new ScriptedRandom(7);
        new OneTimeCodeGenerator(random, digits).next();
        assertThat(random.bounds).containsExactly(bound);
    }

    @Test
    void keepsLeadingZeros() {
        assertThat(new OneTimeCodeGenerator(new ScriptedRandom(42), 6).next().digits()).isEqualTo("000042");
        assertThat(new OneTimeCodeGenerator(new ScriptedRandom(0), 8).next().digits()).isEqualTo("00000000");
        assertThat(new OneTimeCodeGenerator(new ScriptedRandom(999_999), 6).next().digits()).isEqualTo("999999");
    }

    @Test
    void writesAsciiDigitsWhateverTheDefaultLocale() {
        Locale old = Locale.getDefault();
        try {
            // String.format("%06d") would write Arabic-Indic digits here
            Locale.setDefault(Locale.forLanguageTag("ar-EG-u-nu-arab"));
            assertThat(new OneTimeCodeGenerator(new ScriptedRandom(123_456), 6).next().digits())
                    .isEqualTo("123456");
        } finally {
            Locale.setDefault(old);
        }
    }

    @Test
    void everyDigitIsEquallyLikelyInEveryPosition() {
        OneTimeCodeGenerator generator = new OneTimeCodeGenerator(new SecureRandom(), 6);
        int n = 60_000;
        int[][] counts = new int[6][10];
        for (int i = 0; i < n; i++) {
            String code = generator.next().digits();
            assertThat(code).hasSize(6).matches("[0-9]{6}");
            for (int p = 0; p < 6; p++) {
                counts[p][code.charAt(p) - '0']++;
            }
        }
        // expected 6000 each, σ ≈ 73: ±500 is ~7σ, so this fails for a biased generator, not by chance
        for (int p = 0; p < 6; p++) {
            for (int d = 0; d < 10; d++) {
                assertThat(counts[p][d]).as("digit %d at position %d", d, p).isBetween(5_500, 6_500);
            }
        }
    }

    @Test
    void refusesFewerThanSixOrMoreThanEightDigits() {
        assertThatIllegalArgumentException().isThrownBy(() -> new OneTimeCodeGenerator(new SecureRandom(), 5));
        assertThatIllegalArgumentException().isThrownBy(() -> new OneTimeCodeGenerator(new SecureRandom(), 9));
    }
}
