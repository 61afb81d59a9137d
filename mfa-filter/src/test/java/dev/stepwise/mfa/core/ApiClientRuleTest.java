package dev.stepwise.mfa.core;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class ApiClientRuleTest {

    @ParameterizedTest(name = "[{index}] X-Requested-With={0} Accept={1} mode={2} dest={3} -> api={4}")
    @CsvSource(delimiter = '|', nullValues = "~", textBlock = """
            # what a browser sends
            ~              | text/html,application/xhtml+xml,*/* | navigate    | document | false
            ~              | */*                                 | navigate    | document | false
            ~              | */*                                 | navigate    | iframe   | false
            ~              | */*                                 | navigate    | frame    | false
            ~              | */*                                 | ~           | document | false
            ~              | */*                                 | cors        | empty    | true
            ~              | */*                                 | same-origin | empty    | true
            ~              | */*                                 | CORS        | EMPTY    | true
            ~              | */*                                 | ' cors '    | ' empty' | true
            ~              | */*                                 | no-cors     | empty    | false
            ~              | */*                                 | cors        | script   | false
            ~              | */*                                 | cors        | ~        | false
            ~              | */*                                 | ~           | empty    | false
            ~              | image/avif,image/*                  | no-cors     | image    | false
            ~              | */*                                 | websocket   | empty    | false
            # the old signals, without Sec-Fetch headers
            ~              | ~                                   | ~           | ~        | false
            ~              | */*                                 | ~           | ~        | false
            ~              | application/json                    | ~           | ~        | true
            ~              | 'application/json, text/html'       | ~           | ~        | false
            XMLHttpRequest | ~                                   | ~           | ~        | true
            ''             | ~                                   | ~           | ~        | true
            # the old signals still count where Sec-Fetch says nothing about a navigation
            XMLHttpRequest | */*                                 | cors        | empty    | true
            ~              | application/json                    | no-cors     | empty    | true
            # a navigation stays a navigation (Android's WebView adds X-Requested-With to every request)
            com.example    | text/html,*/*                       | navigate    | document | false
            ~              | application/json                    | navigate    | document | false
            XMLHttpRequest | application/json                    | ~           | iframe   | false
            # malformed values are neither a navigation nor a script by Sec-Fetch; the old rules decide
            ~              | */*                                 | 'cors, navigate' | empty | false
            ~              | */*                                 | 'navigate, cors' | document | false
            ~              | */*                                 | cörs        | empty    | false
            ~              | */*                                 | cors        | émpty    | false
            """)
    void scriptsAndBrowsersAreToldApart(String xRequestedWith, String accept, String mode, String dest,
                                        boolean api) {
        assertThat(ApiClientRule.isApiClient(xRequestedWith, accept, mode, dest)).isEqualTo(api);
    }

    @Test
    void anOversizeValueIsNotReadAsAKnownToken() {
        String padded = "cors" + " ".repeat(10_000);
        String huge = "navigate".repeat(100_000);

        assertThat(ApiClientRule.isApiClient(null, "*/*", padded, "empty")).isFalse();
        assertThat(ApiClientRule.isApiClient(null, "*/*", huge, "document")).isFalse();
        assertThat(ApiClientRule.isApiClient("x", "*/*", "navigate", huge)).isFalse();
        assertThat(ApiClientRule.isApiClient(null, "application/json".repeat(10_000), "navigate", null)).isFalse();
    }

    @Test
    void aNavigationIsNeverAnApiClientWhateverElseIsSent() {
        String[] noise = {null, "", "*/*", "application/json", "x".repeat(5000), "\u00e9\u0000\n", "cors"};
        for (String xrw : noise) {
            for (String accept : noise) {
                for (String dest : noise) {
                    assertThat(ApiClientRule.isApiClient(xrw, accept, "navigate", dest)).isFalse();
                    assertThat(ApiClientRule.isApiClient(xrw, accept, dest, "document")).isFalse();
                }
            }
        }
    }
}
