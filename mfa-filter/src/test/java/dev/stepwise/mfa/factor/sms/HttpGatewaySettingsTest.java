package dev.stepwise.mfa.factor.sms;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class HttpGatewaySettingsTest {

    private static final String T = "{\"m\":\"{message}\"}";

    private static HttpGatewaySettings with(String url, String name, String value, String template, int attempts) {
        return new HttpGatewaySettings(URI.create(url), name, value, "application/json", template,
                Duration.ofSeconds(1), Duration.ofSeconds(1), attempts, EnumSet.of(PhoneChannel.SMS));
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://sms.example.net/v1", "http://127.0.0.1:8080/x", "http://localhost/x",
            "http://[::1]:9000/x"})
    void acceptsHttpsAndLoopbackHttp(String url) {
        assertThat(with(url, "Authorization", "Bearer x", T, 3).url()).isEqualTo(URI.create(url));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://sms.example.net/v1", "http://10.0.0.1/x", "ftp://sms.example.net/", "/relative",
            "https:opaque"})
    void refusesCleartextOrOddUrls(String url) {
        assertThatIllegalArgumentException().isThrownBy(() -> with(url, "", "", T, 3)).withMessageContaining("url");
    }

    @Test
    void refusesHeaderInjectionAndUnusableHeaders() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> with("https://a.example/", "Authorization", "Bearer x\r\nX-Evil: 1", T, 3));
        assertThatIllegalArgumentException().isThrownBy(() -> with("https://a.example/", "Bad Name", "x", T, 3));
        assertThatIllegalArgumentException().isThrownBy(() -> with("https://a.example/", "Host", "x", T, 3));
        assertThatIllegalArgumentException().isThrownBy(() -> with("https://a.example/", "Authorization", "", T, 3));
    }

    @Test
    void theTemplateMustCarryTheCode() {
        assertThatIllegalArgumentException().isThrownBy(() -> with("https://a.example/", "", "", "{\"to\":\"{to}\"}", 3))
                .withMessageContaining("{code}");
        assertThat(with("https://a.example/", "", "", "{\"c\":\"{code}\"}", 3)).isNotNull();
    }

    @Test
    void attemptsAndTimeoutsAreBounded() {
        assertThatIllegalArgumentException().isThrownBy(() -> with("https://a.example/", "", "", T, 0));
        assertThatIllegalArgumentException().isThrownBy(() -> with("https://a.example/", "", "", T, 6));
        assertThatIllegalArgumentException().isThrownBy(() -> new HttpGatewaySettings(URI.create("https://a.example/"),
                "", "", "application/json", T, Duration.ZERO, Duration.ofSeconds(1), 1, Set.of(PhoneChannel.SMS)));
        assertThatIllegalArgumentException().isThrownBy(() -> new HttpGatewaySettings(URI.create("https://a.example/"),
                "", "", "application/json", T, Duration.ofSeconds(1), Duration.ofSeconds(61), 1,
                Set.of(PhoneChannel.SMS)));
        assertThatIllegalArgumentException().isThrownBy(() -> new HttpGatewaySettings(URI.create("https://a.example/"),
                "", "", "application/json", T, Duration.ofSeconds(1), Duration.ofSeconds(1), 1, Set.of()));
    }

    @Test
    void toStringHidesTheCredentialAndTheQuery() {
        String s = with("https://a.example/v1/send?api_key=k3y#frag", "X-API-Key", "s3cr3t", T, 3).toString();
        assertThat(s).contains("https://a.example/v1/send", "X-API-Key", "hidden")
                .doesNotContain("s3cr3t").doesNotContain("k3y");
    }
}
