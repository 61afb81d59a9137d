package dev.stepwise.mfa.factor.totp;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OtpAuthUriTest {

    private static final TotpSecret SECRET =
            new TotpSecret("12345678901234567890".getBytes(StandardCharsets.US_ASCII));

    @Test
    void totpWhenPlainNamesThenKeyUriFormat() {
        String uri = OtpAuthUri.totp(SECRET, "Example", "alice", TotpSettings.defaults());

        assertThat(uri).isEqualTo("otpauth://totp/Example:alice?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
                + "&issuer=Example&algorithm=SHA1&digits=6&period=30");
    }

    @Test
    void totpWhenSpacesThenPercentTwentyNotPlus() {
        String uri = OtpAuthUri.totp(SECRET, "Example Bank", "Alice Smith", TotpSettings.defaults());

        assertThat(uri).startsWith("otpauth://totp/Example%20Bank:Alice%20Smith?")
                .contains("&issuer=Example%20Bank&")
                .doesNotContain("+").doesNotContain(" ");
    }

    @Test
    void totpWhenColonsInNamesThenEncodedSoTheLabelHasOneSeparator() {
        String uri = OtpAuthUri.totp(SECRET, "Corp:EU", "dept:alice@example.com", TotpSettings.defaults());

        String label = URI.create(uri).getRawPath().substring(1);
        assertThat(label).isEqualTo("Corp%3AEU:dept%3Aalice%40example.com");
        assertThat(label.chars().filter(c -> c == ':').count()).isEqualTo(1);
        String[] parts = label.split(":");
        assertThat(decode(parts[0])).isEqualTo("Corp:EU");
        assertThat(decode(parts[1])).isEqualTo("dept:alice@example.com");
    }

    @Test
    void totpWhenUnicodeThenUtf8PercentEncodedAndRoundTrips() {
        String uri = OtpAuthUri.totp(SECRET, "Bücher & Café", "ユーザー", TotpSettings.defaults());

        assertThat(uri).isASCII();
        assertThat(uri).contains("B%C3%BCcher%20%26%20Caf%C3%A9:%E3%83%A6%E3%83%BC%E3%82%B6%E3%83%BC?");
        URI parsed = URI.create(uri);
        assertThat(parsed.getScheme()).isEqualTo("otpauth");
        assertThat(parsed.getHost()).isEqualTo("totp");
        assertThat(parsed.getPath()).isEqualTo("/Bücher & Café:ユーザー");
        assertThat(query(parsed)).containsEntry("issuer", "Bücher & Café");
    }

    @Test
    void totpWhenReservedCharactersInNamesThenQueryCannotBeInjected() {
        String uri = OtpAuthUri.totp(SECRET, "Evil&secret=AAAA", "a?b#c/d", TotpSettings.defaults());

        Map<String, String> query = query(URI.create(uri));
        assertThat(query).containsEntry("secret", SECRET.base32())
                .containsEntry("issuer", "Evil&secret=AAAA")
                .hasSize(5);
        assertThat(URI.create(uri).getRawFragment()).isNull();
    }

    @Test
    void totpWhenOtherSettingsThenParametersFollow() {
        TotpSettings settings = new TotpSettings(8, Duration.ofSeconds(60), TotpAlgorithm.SHA256, 1);

        assertThat(query(URI.create(OtpAuthUri.totp(SECRET, "I", "a", settings))))
                .containsEntry("algorithm", "SHA256")
                .containsEntry("digits", "8")
                .containsEntry("period", "60");
    }

    @Test
    void totpWhenBlankOrOversizedNamesThenRefused() {
        TotpSettings settings = TotpSettings.defaults();
        assertThatThrownBy(() -> OtpAuthUri.totp(SECRET, " ", "alice", settings))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OtpAuthUri.totp(SECRET, "Example", "", settings))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OtpAuthUri.totp(SECRET, "Example", "a".repeat(129), settings))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OtpAuthUri.totp(SECRET, null, "alice", settings))
                .isInstanceOf(NullPointerException.class);
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            params.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
        }
        return params;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
