package dev.stepwise.mfa.core;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link KeyRules}: names, kinds, which key may go, the backup suggestion. */
class KeyRulesTest {

    @Test
    void aNameIsTrimmed() {
        assertThat(KeyRules.name("  YubiKey 5  ")).contains("YubiKey 5");
    }

    @Test
    void lettersOfAnyScriptAndEmojiAreFine() {
        assertThat(KeyRules.name("Schlüssel für's Büro")).contains("Schlüssel für's Büro");
        assertThat(KeyRules.name("ключ 🔑")).contains("ключ 🔑");
        assertThat(KeyRules.name("family \uD83D\uDC68\u200D\uD83D\uDC69")).isPresent();
    }

    @Test
    void sixtyFourCharactersAreTheMost() {
        assertThat(KeyRules.name("k".repeat(64))).contains("k".repeat(64));
        assertThat(KeyRules.name("k".repeat(65))).isEmpty();
        assertThat(KeyRules.name("  " + "k".repeat(64) + "  ")).contains("k".repeat(64));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "a\nb", "a\tb", "a\u0000b", "a\u007fb", "a\u202Eb", "a\u2028b", "a\u200Bb",
        "\ud800x", "a\uE000b"})
    void emptyControlFormatAndBrokenNamesAreRefused(String raw) {
        assertThat(KeyRules.name(raw)).isEmpty();
    }

    @Test
    void noNameIsRefused() {
        assertThat(KeyRules.name(null)).isEmpty();
    }

    @Test
    void htmlIsJustText() {
        // escaping is the page's job; the rule keeps what the user typed
        assertThat(KeyRules.name("<b>key</b>")).contains("<b>key</b>");
    }

    @Test
    void theKindComesFromTheFlagsAndTransports() {
        assertThat(KeyRules.kind(Set.of("usb"), false)).isEqualTo(KeyRules.KeyKind.SECURITY_KEY);
        assertThat(KeyRules.kind(Set.of("nfc", "usb"), false)).isEqualTo(KeyRules.KeyKind.SECURITY_KEY);
        assertThat(KeyRules.kind(Set.of(), false)).isEqualTo(KeyRules.KeyKind.SECURITY_KEY);
        assertThat(KeyRules.kind(Set.of("usb"), true)).isEqualTo(KeyRules.KeyKind.PASSKEY);
        assertThat(KeyRules.kind(Set.of("internal"), false)).isEqualTo(KeyRules.KeyKind.PASSKEY);
        assertThat(KeyRules.kind(Set.of("hybrid"), false)).isEqualTo(KeyRules.KeyKind.PASSKEY);
        assertThat(KeyRules.KeyKind.SECURITY_KEY.id()).isEqualTo("security-key");
        assertThat(KeyRules.KeyKind.PASSKEY.id()).isEqualTo("passkey");
    }

    @Test
    void oneOfSeveralKeysMayAlwaysGoTheLastOnlyWhereTheFactorMay() {
        assertThat(KeyRules.mayRemoveKey(2, false)).isTrue();
        assertThat(KeyRules.mayRemoveKey(1, false)).isFalse();
        assertThat(KeyRules.mayRemoveKey(1, true)).isTrue();
        assertThat(KeyRules.mayRemoveKey(0, true)).isFalse();
    }

    @Test
    void aBackupKeyIsSuggestedAfterTheFirst() {
        assertThat(KeyRules.suggestBackupKey(0)).isFalse();
        assertThat(KeyRules.suggestBackupKey(1)).isTrue();
        assertThat(KeyRules.suggestBackupKey(2)).isFalse();
    }
}
