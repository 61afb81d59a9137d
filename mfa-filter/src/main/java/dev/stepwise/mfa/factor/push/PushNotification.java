package dev.stepwise.mfa.factor.push;

import dev.stepwise.mfa.factor.otp.OneTimeCode;

import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.ResourceBundle;

/**
 * The payload of a sign-in push: a small JSON object that the library's service worker
 * ({@code /mfa/push-sw.js}) shows as a notification. It is encrypted for the device (RFC 8291), so the push
 * service never sees the code.
 *
 * <pre>{@code
 * {"type":"stepwise-code","title":"Sample Bank: sign-in code","body":"Your code is 123456 …","code":"123456"}
 * }</pre>
 */
public final class PushNotification {

    /** The texts: {@code stepwise.mfa.push.title} and {@code stepwise.mfa.push.body}, in en, de, fr and es. */
    public static final String BUNDLE = "dev.stepwise.mfa.factor.push.messages";

    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private PushNotification() {
    }

    /**
     * The payload for one code.
     *
     * @param appName  the application's name (the issuer)
     * @param code     the code; never log the result
     * @param validFor how long the code is accepted
     * @param locale   the user's language, or {@code null} for English
     * @return UTF-8 JSON
     */
    public static byte[] payload(String appName, OneTimeCode code, Duration validFor, Locale locale) {
        Objects.requireNonNull(appName, "appName");
        Objects.requireNonNull(code, "code");
        ResourceBundle texts = ResourceBundle.getBundle(BUNDLE, locale == null ? Locale.ENGLISH : locale, NO_FALLBACK);
        Locale lang = texts.getLocale().getLanguage().isEmpty() ? Locale.ENGLISH : texts.getLocale();
        long minutes = Math.max(1, (validFor.toSeconds() + 59) / 60);
        String title = new MessageFormat(texts.getString("stepwise.mfa.push.title"), lang).format(new Object[]{appName});
        String body = new MessageFormat(texts.getString("stepwise.mfa.push.body"), lang)
                .format(new Object[]{code.digits(), minutes, appName});
        String json = "{\"type\":\"stepwise-code\",\"title\":" + quote(title) + ",\"body\":" + quote(body)
                + ",\"code\":\"" + code.digits() + "\",\"lang\":" + quote(lang.toLanguageTag()) + "}";
        return json.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The payload of an approval with number matching: the title, the body and the approval page's URL with the
     * token in its fragment. Never the number: the device must choose it from what the sign-in page shows.
     *
     * <pre>{@code
     * {"type":"stepwise-approve","title":"…","body":"…","url":"https://bank.example/mfa/push/approve#…","lang":"en"}
     * }</pre>
     *
     * @param appName  the application's name
     * @param url      the approval page's absolute URL with the token as fragment; never log the result
     * @param validFor how long the approval may be answered
     * @param locale   the user's language, or {@code null} for English
     * @return UTF-8 JSON
     */
    public static byte[] approval(String appName, String url, Duration validFor, Locale locale) {
        Objects.requireNonNull(appName, "appName");
        Objects.requireNonNull(url, "url");
        ResourceBundle texts = ResourceBundle.getBundle(BUNDLE, locale == null ? Locale.ENGLISH : locale, NO_FALLBACK);
        Locale lang = texts.getLocale().getLanguage().isEmpty() ? Locale.ENGLISH : texts.getLocale();
        long minutes = Math.max(1, (validFor.toSeconds() + 59) / 60);
        String title = new MessageFormat(texts.getString("stepwise.mfa.push.approve.title"), lang)
                .format(new Object[]{appName});
        String body = new MessageFormat(texts.getString("stepwise.mfa.push.approve.body"), lang)
                .format(new Object[]{appName, minutes});
        String json = "{\"type\":\"stepwise-approve\",\"title\":" + quote(title) + ",\"body\":" + quote(body)
                + ",\"url\":" + quote(url) + ",\"lang\":" + quote(lang.toLanguageTag()) + "}";
        return json.getBytes(StandardCharsets.UTF_8);
    }

    /** A JSON string: quotes, backslashes and every control or non-ASCII character escaped. */
    static String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7e) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
