package dev.stepwise.mfa.factor.otp;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class OneTimeCodeInputTest {

    @ParameterizedTest
    @ValueSource(strings = {"123456", " 123456 ", "123 456", "\t123456\n", " 1 2 3 4 5 6 "})
    void acceptsSixAsciiDigitsWithSpaces(String input) {
        assertThat(OneTimeCodeInput.normalise(input, 6)).contains("123456");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {
            "12345", "1234567", "12345a", "123-456", "12345\u00a06",
            "\u0663\u0664\u0665\u0666\u0667\u0668",   // ٣٤٥٦٧٨ Arabic-Indic: Character.isDigit says yes
            "\uff11\uff12\uff13\uff14\uff15\uff16",   // fullwidth １２３４５６
            "\u0967\u0968\u0969\u096a\u096b\u096c",   // Devanagari
            "+123456", "123456.", "0x1234"})
    void refusesEverythingElse(String input) {
        assertThat(OneTimeCodeInput.normalise(input, 6)).isEmpty();
    }

    @Test
    void checksTheLengthBeforeAnythingElse() {
        String padded = " ".repeat(OneTimeCodeInput.MAX_INPUT_LENGTH - 6) + "123456";
        assertThat(OneTimeCodeInput.normalise(padded, 6)).contains("123456");
        // one more space would still normalise to a good code, but oversized input is not read at all
        assertThat(OneTimeCodeInput.normalise(" " + padded, 6)).isEmpty();
        assertThat(OneTimeCodeInput.normalise("1".repeat(100_000), 6)).isEmpty();
    }

    @Test
    void respectsTheConfiguredLength() {
        assertThat(OneTimeCodeInput.normalise("12345678", 8)).contains("12345678");
        assertThat(OneTimeCodeInput.normalise("123456", 8)).isEmpty();
    }
}
