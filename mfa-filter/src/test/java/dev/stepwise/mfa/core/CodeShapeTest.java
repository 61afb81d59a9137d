package dev.stepwise.mfa.core;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class CodeShapeTest {

    @ParameterizedTest
    @ValueSource(strings = {"123456", "000000", "abcd-efgh-ijkl", "ABCD EFGH", "~", " 1"})
    void printableAsciiCodesMayBeChecked(String code) {
        assertThat(CodeShape.isPlausible(code)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "１２３４５６", "12345\u0000", "12\n3456", "123456\u00e9", "\u0661\u0662\u0663"})
    void emptyNonAsciiAndControlCharactersAreRefused(String code) {
        assertThat(CodeShape.isPlausible(code)).isFalse();
    }

    @Test
    void nullAndOversizeAreRefusedAndTheLimitItselfIsAllowed() {
        assertThat(CodeShape.isPlausible(null)).isFalse();
        assertThat(CodeShape.isPlausible("1".repeat(CodeShape.MAX_LENGTH))).isTrue();
        assertThat(CodeShape.isPlausible("1".repeat(CodeShape.MAX_LENGTH + 1))).isFalse();
    }
}
