package dev.stepwise.mfa.factor.recovery;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class RecoveryCodeFormatTest {

    @Test
    void alphabetIsCrockfordBase32WithoutAmbiguousLetters() {
        assertThat(RecoveryCodeFormat.ALPHABET).hasSize(32).doesNotContain("i", "l", "o", "u");
        assertThat(RecoveryCodeFormat.ALPHABET.chars().distinct().count()).isEqualTo(32);
        assertThat(RecoveryCodeFormat.BITS).isEqualTo(80).isGreaterThanOrEqualTo(64);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @CsvSource(delimiter = '|', value = {
            "7k2m-9xq4-h3vd-05tr       | 7K2M9XQ4H3VD05TR",
            "7K2M-9XQ4-H3VD-05TR       | 7K2M9XQ4H3VD05TR",
            "7k2m9xq4h3vd05tr          | 7K2M9XQ4H3VD05TR",
            "'  7k2m 9xq4 h3vd 05tr  ' | 7K2M9XQ4H3VD05TR",
            "7k2m--9xq4 - h3vd-05tr    | 7K2M9XQ4H3VD05TR",
            "7k2m-9xq4-h3vd-o5tr       | 7K2M9XQ4H3VD05TR",
            "7k2m-9xq4-h3vd-O5tr       | 7K2M9XQ4H3VD05TR",
            "ilIL-0000-0000-0000       | 1111000000000000",
    })
    void normaliseWhenTypedVariantThenCanonical(String typed, String canonical) {
        assertThat(RecoveryCodeFormat.normalise(typed)).contains(canonical);
    }

    @Test
    void normaliseWhenSurroundingTabsAndNewlinesThenTrimmed() {
        assertThat(RecoveryCodeFormat.normalise("\t7k2m-9xq4-h3vd-05tr\r\n")).contains("7K2M9XQ4H3VD05TR");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {
            "7k2m-9xq4-h3vd-05t",            // 15 symbols
            "7k2m-9xq4-h3vd-05tr0",          // 17 symbols
            "7k2m-9xq4-h3vd-05tu",           // u is not in the alphabet
            "7k2m-9xq4-h3vd-05t!",
            "7k2m_9xq4_h3vd_05tr",
            "7k2m-9xq4-h3vd-05t\u0440",      // Cyrillic р looks like p
            "7k2m-9xq4-h3vd-05t\u0131",      // dotless ı upper-cases to I in Java
            "７k2m-9xq4-h3vd-05tr",          // full-width digit
            "٧k2m-9xq4-h3vd-05tr",           // Arabic-Indic digit, Character.isDigit is true
            "7k2m\t9xq4\th3vd\t05tr",
            "7k2m\u00A09xq4-h3vd-05tr",
            "----------------",
    })
    void normaliseWhenMalformedThenEmpty(String input) {
        assertThat(RecoveryCodeFormat.normalise(input)).isEmpty();
    }

    @Test
    void normaliseWhenOversizedThenEmptyEvenIfSeparatorsOnly() {
        assertThat(RecoveryCodeFormat.normalise("7k2m9xq4h3vd05tr" + "-".repeat(49))).isEmpty();
        assertThat(RecoveryCodeFormat.normalise("7k2m9xq4h3vd05tr" + "-".repeat(48))).isPresent();
        assertThat(RecoveryCodeFormat.normalise("a".repeat(1_000_000))).isEmpty();
    }

    @Test
    void displayWhenCanonicalThenLowerCaseGroupsOfFour() {
        assertThat(RecoveryCodeFormat.display("7K2M9XQ4H3VD05TR")).isEqualTo("7k2m-9xq4-h3vd-05tr");
    }
}
