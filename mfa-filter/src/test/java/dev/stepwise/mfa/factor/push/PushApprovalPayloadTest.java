package dev.stepwise.mfa.factor.push;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** The payload of an approval: the link, the texts in the user's language, never the number. */
class PushApprovalPayloadTest {

    private static final String URL = "https://bank.example/mfa/push/approve#" + "A".repeat(43);

    private static JsonObject payload(String app, Locale locale) {
        byte[] bytes = PushNotification.approval(app, URL, Duration.ofMinutes(2), locale);
        String text = new String(bytes, StandardCharsets.UTF_8);
        assertThat(text).as("ASCII only: every other character escaped").matches("[\\x20-\\x7e]*");
        return Json.createReader(new StringReader(text)).readObject();
    }

    @Test
    void theApprovalCarriesTheLinkAndTheTextsButNoNumberOrCode() {
        JsonObject json = payload("Sample Bank", null);

        assertThat(json.keySet()).containsExactlyInAnyOrder("type", "title", "body", "url", "lang");
        assertThat(json.getString("type")).isEqualTo("stepwise-approve");
        assertThat(json.getString("url")).isEqualTo(URL);
        assertThat(json.getString("title")).isEqualTo("Sample Bank: are you signing in?");
        assertThat(json.getString("body")).contains("This wasn't me").contains("2 minutes");
        assertThat(json.getString("lang")).isEqualTo("en");
    }

    @Test
    void theTextsComeInTheUsersLanguage() {
        assertThat(payload("Bank", Locale.GERMAN).getString("title")).isEqualTo("Bank: Melden Sie sich gerade an?");
        assertThat(payload("Bank", Locale.FRENCH).getString("body")).contains("Ce n’était pas moi")
                .doesNotContain("''");
        assertThat(payload("Bank", Locale.forLanguageTag("es")).getString("lang")).isEqualTo("es");
        assertThat(payload("Bank", Locale.JAPANESE).getString("lang")).isEqualTo("en");
    }

    @Test
    void anApplicationNameWithQuotesOrControlCharactersCannotBreakTheJson() {
        JsonObject json = payload("Bank\",\"url\":\"https://evil.example\u2028\n", null);

        assertThat(json.getString("url")).isEqualTo(URL);
        assertThat(json.getString("title")).startsWith("Bank\",\"url\"");
    }
}
