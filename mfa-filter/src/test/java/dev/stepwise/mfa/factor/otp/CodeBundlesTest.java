package dev.stepwise.mfa.factor.otp;

import dev.stepwise.mfa.factor.email.CodeMailer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;

import static org.assertj.core.api.Assertions.assertThat;

/** Every key the code factors hand to pages or mails exists in English and German, and every text formats. */
class CodeBundlesTest {

    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private static ResourceBundle bundle(String name, Locale locale) {
        return ResourceBundle.getBundle(name, locale, NO_FALLBACK);
    }

    @ParameterizedTest
    @ValueSource(strings = {CodeChallengeView.BUNDLE, CodeMailer.BUNDLE, "dev.stepwise.mfa.factor.sms.messages"})
    void germanHasExactlyTheEnglishKeysAndAllFormat(String name) {
        ResourceBundle en = bundle(name, Locale.ROOT);
        ResourceBundle de = bundle(name, Locale.GERMAN);
        assertThat(de.getLocale()).isEqualTo(Locale.GERMAN);
        assertThat(de.keySet()).isEqualTo(en.keySet()).isNotEmpty();
        for (String key : en.keySet()) {
            for (ResourceBundle b : new ResourceBundle[] {en, de}) {
                String text = new MessageFormat(b.getString(key), b.getLocale()).format(new Object[] {5, 5, 5});
                assertThat(text).as("%s in %s", key, b.getLocale()).doesNotContain("{").doesNotContain("''");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            CodeChallengeView.NOTICE_SENT, CodeChallengeView.NOTICE_PENDING, CodeChallengeView.NOTICE_COOLDOWN,
            CodeChallengeView.NOTICE_UNSENT, CodeChallengeView.ERROR_NOT_SENT, OneTimeCodes.ERROR_EXPIRED,
            "stepwise.mfa.code.send", "stepwise.mfa.code.resend", "stepwise.mfa.code.voice", "stepwise.mfa.code.weaker"})
    void pageKeysExist(String key) {
        assertThat(bundle(CodeChallengeView.BUNDLE, Locale.ROOT).getString(key)).isNotBlank();
        assertThat(bundle(CodeChallengeView.BUNDLE, Locale.GERMAN).getString(key)).isNotBlank();
    }
}
