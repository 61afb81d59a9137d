package dev.stepwise.mfa.web;

import dev.stepwise.mfa.http.SavedRequest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SubmissionPreviewTest {

    private static SavedRequest post(String path, Map<String, List<String>> params) {
        return new SavedRequest("POST", path, null, params, "x=y".getBytes(StandardCharsets.UTF_8), true);
    }

    @Test
    void showsMethodPathAndEveryFieldInOrder() {
        Map<String, List<String>> params = new LinkedHashMap<>();
        params.put("to", List.of("mallory"));
        params.put("amount", List.of("7"));

        SubmissionPreview p = SubmissionPreview.of(post("/api/transfers", params));

        assertThat(p.method()).isEqualTo("POST");
        assertThat(p.path()).isEqualTo("/api/transfers");
        assertThat(p.fields()).containsExactly(new SubmissionPreview.Field("to", "mallory", false),
                new SubmissionPreview.Field("amount", "7", false));
        assertThat(p.omitted()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"password", "newPassword", "new_password", "PASSWORD_CONFIRM", "passwd", "pin", "secret",
            "clientSecret", "token", "stepwise_csrf", "code", "otp", "cvv", "apikey", "api-key", "passphrase",
            "cvv2", "newpin", "smscode", "mypasswd", "otpcode", "securitycode", "pin2",
            // review: names the rule let through in clear: short forms, other languages, non-ASCII spellings
            "pass", "new_pass", "pw", "newPw", "pw2", "kennwort", "neues_Kennwort", "mot_de_passe", "contraseña",
            "\uff50\uff41\uff53\uff53\uff57\uff4f\uff52\uff44", "P\u0130N"})
    void secretLookingFieldsAreMasked(String name) {
        SubmissionPreview p = SubmissionPreview.of(post("/account/password", Map.of(name, List.of("hunter2"))));

        assertThat(p.fields()).containsExactly(new SubmissionPreview.Field(name, SubmissionPreview.MASK, true));
    }

    @ParameterizedTest
    @ValueSource(strings = {"shipping", "amount", "to", "email", "phone", "recipient", "description", "opinion",
            "sortCode", "swift_code", "pixKey", "passport", "passengerName", "postcode", "iban"})
    void ordinaryFieldsAreShown(String name) {
        assertThat(SubmissionPreview.of(post("/x", Map.of(name, List.of("v")))).fields().get(0).masked()).isFalse();
    }

    @Test
    void controlCharactersAndLongValuesCannotDisguiseWhatIsSent() {
        String sneaky = "10\r\nto: bob" + "x".repeat(500);

        SubmissionPreview.Field f = SubmissionPreview.of(post("/x", Map.of("amount", List.of(sneaky)))).fields().get(0);

        assertThat(f.value()).doesNotContain("\r", "\n").hasSize(SubmissionPreview.MAX_VALUE + 1).endsWith("…");
    }

    @Test
    void bidiOverridesAndZeroWidthCharactersAreNeutralised() {
        String value = "to \u202Eredro\u200B";

        SubmissionPreview.Field f = SubmissionPreview.of(post("/x", Map.of("recipient", List.of(value)))).fields().get(0);

        assertThat(f.value()).doesNotContain("\u202E", "\u200B");
    }

    @Test
    void manyFieldsAreCountedNotDropped() {
        Map<String, List<String>> params = new LinkedHashMap<>();
        for (int i = 0; i < 45; i++) {
            params.put("f" + i, List.of("v"));
        }

        SubmissionPreview p = SubmissionPreview.of(post("/x", params));

        assertThat(p.fields()).hasSize(SubmissionPreview.MAX_FIELDS);
        assertThat(p.omitted()).isEqualTo(5);
    }

    @Test
    void encodedPathIsShownDecoded() {
        assertThat(SubmissionPreview.of(post("/files/a%20b+c", Map.of())).path()).isEqualTo("/files/a b+c");
    }
}
