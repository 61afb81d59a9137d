package dev.stepwise.mfa.http;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SavedRequestTest {

    @ParameterizedTest
    @ValueSource(strings = {"//evil.example/x", "/\\evil.example", "https://evil.example/", "evil", "/a b", "/\u00e4"})
    void pathWhenNotSameOriginRelativeEncodedThenRefused(String path) {
        // CWE-601: whatever is saved is later sent as a Location header.
        assertThatThrownBy(() -> new SavedRequest("GET", path, null, Map.of(), new byte[0], true))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void targetJoinsPathAndQuery() {
        SavedRequest r = new SavedRequest("GET", "/account/password", "tab=security&x=%2F", Map.of(), new byte[0], true);

        assertThat(r.target()).isEqualTo("/account/password?tab=security&x=%2F");
        assertThat(r.isTarget("/account/password", "tab=security&x=%2F")).isTrue();
        assertThat(r.isTarget("/account/password", null)).isFalse();
        assertThat(r.isTarget("/account/email", "tab=security&x=%2F")).isFalse();
    }

    @Test
    void encodeRoundTripsUnicodeAndReservedCharacters() {
        Map<String, String[]> params = new LinkedHashMap<>();
        params.put("newPassword", new String[]{"p&ss=w\u00f6rd +1"});
        params.put("tag", new String[]{"a", "b"});

        String body = new String(SavedRequest.encode(params), StandardCharsets.UTF_8);

        assertThat(body).isEqualTo("newPassword=p%26ss%3Dw%C3%B6rd+%2B1&tag=a&tag=b");
    }

    @Test
    void bodyAndParamsAreCopied() {
        byte[] body = "a=1".getBytes(StandardCharsets.UTF_8);
        Map<String, List<String>> params = new LinkedHashMap<>();
        params.put("a", new java.util.ArrayList<>(List.of("1")));
        SavedRequest r = new SavedRequest("POST", "/x", null, params, body, true);

        body[0] = 'z';
        params.get("a").add("2");
        r.body()[0] = 'y';

        assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("a=1");
        assertThat(r.params().get("a")).containsExactly("1");
        assertThat(r.hasBody()).isTrue();
    }

    @Test
    void returnToAcceptsOnlyPagesOfThisApplicationOnThisOrigin() {
        assertThat(SavedRequest.returnTo("http://bank.example:8080/bank/account?tab=1", "http", "bank.example", 8080,
                "/bank")).satisfies(r -> {
                    assertThat(r.method()).isEqualTo("GET");
                    assertThat(r.target()).isEqualTo("/account?tab=1");
                });
        assertThat(SavedRequest.returnTo("https://bank.example/bank/account", "https", "bank.example", 443, "/bank"))
                .isNotNull();
        assertThat(SavedRequest.returnTo("http://bank.example/account", "http", "bank.example", 80, ""))
                .isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "http://evil.example:8080/bank/account",     // another host
            "https://bank.example:8080/bank/account",    // another scheme
            "http://bank.example:9090/bank/account",     // another port
            "http://bank.example:8080/other/account",    // another application
            "http://bank.example:8080/bankrupt/x",       // a sibling whose name starts the same
            "http://user@bank.example:8080/bank/account",
            "//bank.example:8080/bank/account",
            "/bank/account",
            "javascript:alert(1)",
            "http://bank.example:8080/bank/\\evil",
            "not a uri at all",
            ""})
    void returnToRefusesEverythingElse(String referer) {
        assertThat(SavedRequest.returnTo(referer, "http", "bank.example", 8080, "/bank")).isNull();
    }
}
