package dev.stepwise.mfa.factor.sms;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class GatewayBodyTest {

    @Test
    void expandsInOnePassSoValuesAreNeverReExpanded() {
        String body = GatewayBody.render("{message}|{to}", "text/plain", Map.of("message", "{to}", "to", "+491"));
        assertThat(body).isEqualTo("{to}|+491");
    }

    @Test
    void leavesJsonBracesAndUnknownPlaceholdersAlone() {
        assertThat(GatewayBody.render("{\"a\":{\"b\":\"{code}\"},\"x\":\"{unknown}\"}", "application/json",
                Map.of("code", "123456"))).isEqualTo("{\"a\":{\"b\":\"123456\"},\"x\":\"{unknown}\"}");
    }

    @Test
    void escapesJsonStrings() {
        assertThat(GatewayBody.render("\"{m}\"", "application/vnd.api+json; charset=utf-8",
                Map.of("m", "a\"b\\c\nd\u0001e\u2028"))).isEqualTo("\"a\\\"b\\\\c\\nd\\u0001e\\u2028\"");
    }

    @Test
    void escapesXml() {
        assertThat(GatewayBody.render("<m>{m}</m>", "application/xml", Map.of("m", "<a & 'b'>")))
                .isEqualTo("<m>&lt;a &amp; &apos;b&apos;&gt;</m>");
    }

    @Test
    void urlEncodesForms() {
        assertThat(GatewayBody.render("t={m}", "application/x-www-form-urlencoded", Map.of("m", "a b&c=d+ü")))
                .isEqualTo("t=a+b%26c%3Dd%2B%C3%BC");
    }
}
