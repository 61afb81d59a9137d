package dev.stepwise.mfa.factor.otp;

import dev.stepwise.mfa.factor.email.CodeMailer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every library bundle has, in every language, exactly the English keys with the same {@code {n}} placeholders, and
 * every text that goes through {@link MessageFormat} formats (the code bundles' texts always do; a page text does
 * when it has a placeholder, JSTL's {@code <fmt:param>}).
 */
class CodeBundlesTest {

    /** The bundles the library ships. */
    static final String[] BUNDLES = {"dev.stepwise.mfa.web.messages", CodeChallengeView.BUNDLE, CodeMailer.BUNDLE,
            "dev.stepwise.mfa.factor.sms.messages", "dev.stepwise.mfa.factor.push.messages"};
    /** The languages besides English, the base file. */
    static final Locale[] LANGUAGES = {Locale.GERMAN, Locale.FRENCH, new Locale("es")};

    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d+)");
    private static final Pattern LONE_APOSTROPHE = Pattern.compile("(?<!')'(?!')");

    private static ResourceBundle bundle(String name, Locale locale) {
        return ResourceBundle.getBundle(name, locale, NO_FALLBACK);
    }

    static Stream<Arguments> bundlesAndLanguages() {
        return Stream.of(BUNDLES).flatMap(b -> Stream.of(LANGUAGES).map(l -> Arguments.of(b, l)));
    }

    private static Set<String> placeholders(String text) {
        Set<String> found = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    @ParameterizedTest(name = "{0} in {1}")
    @MethodSource("bundlesAndLanguages")
    void everyLanguageHasExactlyTheEnglishKeysAndPlaceholders(String name, Locale language) {
        ResourceBundle en = bundle(name, Locale.ROOT);
        ResourceBundle other = bundle(name, language);

        assertThat(other.getLocale()).as("a file of its own").isEqualTo(language);
        assertThat(other.keySet()).isEqualTo(en.keySet()).isNotEmpty();
        for (String key : en.keySet()) {
            assertThat(placeholders(other.getString(key))).as("%s in %s", key, language)
                    .isEqualTo(placeholders(en.getString(key)));
        }
    }

    @ParameterizedTest(name = "{0} in {1}")
    @MethodSource("bundlesAndLanguages")
    void everyFormattedTextFormats(String name, Locale language) {
        boolean formatsAll = !name.equals(BUNDLES[0]);
        for (ResourceBundle b : new ResourceBundle[] {bundle(name, Locale.ROOT), bundle(name, language)}) {
            for (String key : b.keySet()) {
                String raw = b.getString(key);
                if (!formatsAll && placeholders(raw).isEmpty()) {
                    continue; // shown as it is: JSTL formats a text only with parameters
                }
                assertThat(raw).as("%s in %s: an apostrophe must be doubled or typographic", key, b.getLocale())
                        .doesNotContainPattern(LONE_APOSTROPHE);
                String text = new MessageFormat(raw, b.getLocale()).format(new Object[] {5, 5, 5});
                assertThat(text).as("%s in %s", key, b.getLocale()).doesNotContain("{").doesNotContain("''");
            }
        }
    }

    /** GSM 03.38's basic alphabet: an SMS text outside it is sent as UCS-2, at most 70 characters a part. */
    private static final String GSM7 = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡"
            + "ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

    @ParameterizedTest
    @ValueSource(strings = {"", "de", "fr", "es"})
    void theSmsTextIsOneGsm7Part(String language) {
        ResourceBundle b = bundle("dev.stepwise.mfa.factor.sms.messages", new Locale(language));
        String text = new MessageFormat(b.getString("stepwise.mfa.sms.text"), b.getLocale())
                .format(new Object[] {"123456", "Example Bank", 10});

        assertThat(text.length()).isLessThanOrEqualTo(160);
        assertThat(text.chars().filter(c -> GSM7.indexOf(c) < 0).mapToObj(Character::toString).toList())
                .as(text).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            CodeChallengeView.NOTICE_SENT, CodeChallengeView.NOTICE_PENDING, CodeChallengeView.NOTICE_COOLDOWN,
            CodeChallengeView.NOTICE_UNSENT, CodeChallengeView.ERROR_NOT_SENT, OneTimeCodes.ERROR_EXPIRED,
            "stepwise.mfa.code.send", "stepwise.mfa.code.resend", "stepwise.mfa.code.voice", "stepwise.mfa.code.weaker"})
    void pageKeysExist(String key) {
        assertThat(bundle(CodeChallengeView.BUNDLE, Locale.ROOT).getString(key)).isNotBlank();
        for (Locale language : LANGUAGES) {
            assertThat(bundle(CodeChallengeView.BUNDLE, language).getString(key)).isNotBlank();
        }
    }
}
