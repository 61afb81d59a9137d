package dev.stepwise.mfa.web;

import dev.stepwise.mfa.core.LoginPolicy;
import dev.stepwise.mfa.core.Requirement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MfaConfigTest {

    @Test
    void parseWhenNothingSetThenDefaults() {
        MfaConfig config = MfaConfig.parse(name -> null);

        assertThat(config.login()).isEqualTo(new LoginPolicy.Enrolled());
        assertThat(config.factors()).containsExactly("totp", "webauthn", "recovery");
        assertThat(config.factorsConfigured()).isFalse();
        assertThat(config.stepUpMaxAge()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.path()).isEqualTo("/mfa");
        assertThat(config.protect().isEmpty()).isTrue();
        assertThat(config.issuer()).isEqualTo("Stepwise MFA");
        assertThat(config.totpWindow()).isEqualTo(1);
        assertThat(config.store()).isEqualTo(new MfaConfig.StoreSettings("java:comp/DefaultDataSource", true));
        assertThat(config.trustDuration()).isEqualTo(Duration.ofDays(30));
        assertThat(config.trustEnabled()).isTrue();
        assertThat(config.trustKeyRotation()).isEqualTo(Duration.ofDays(90));
        assertThat(config.lockout()).isEqualTo(new MfaConfig.LockoutSettings(10, Duration.ofMinutes(15)));
        assertThat(config.requests()).isEqualTo(new MfaConfig.RequestSettings(Set.of(), Duration.ofMinutes(5)));
        assertThat(config.exemptionEnrolHold()).isEqualTo(Duration.ofDays(1));
    }

    @Test
    void allowedOriginsAreParsedIntoASet() {
        MfaConfig config = MfaConfig.parse(Map.of("stepwise.mfa.allowed-origins",
                " https://app.example:443 , http://localhost:3000,https://[::1]:8443")::get);

        assertThat(config.requests().allowedOrigins())
                .containsExactlyInAnyOrder("https://app.example", "http://localhost:3000", "https://[::1]:8443");
    }

    @Test
    void trustDurationZeroSwitchesTrustOff() {
        MfaConfig config = MfaConfig.parse(Map.of("stepwise.mfa.trust.duration", "PT0S")::get);

        assertThat(config.trustEnabled()).isFalse();
    }

    @Test
    void secretKeyAsContextParameterIsRefusedWithoutRepeatingIt() {
        assertThatThrownBy(() -> MfaConfig.parse(Map.of("stepwise.mfa.secret-key", "c2VjcmV0LWtleS12YWx1ZQ")::get))
                .isInstanceOf(MfaConfigException.class)
                .hasMessageContaining("stepwise.mfa.secret-key")
                .hasMessageContaining("JNDI env-entry")
                .hasMessageNotContaining("c2VjcmV0LWtleS12YWx1ZQ");
    }

    @Test
    void parseWhenIssuerAndWindowSetThenUsed() {
        Map<String, String> params = Map.of("stepwise.mfa.issuer", "Example Bank", "stepwise.mfa.totp.window", "0");

        MfaConfig config = MfaConfig.parse(params::get);

        assertThat(config.issuer()).isEqualTo("Example Bank");
        assertThat(config.totpWindow()).isZero();
    }

    @Test
    void parseWhenAllSetThenValuesUsed() {
        Map<String, String> params = Map.of(
                "stepwise.mfa.login", " roles:admin, auditor ",
                "stepwise.mfa.factors", "webauthn, totp",
                "stepwise.mfa.stepup.default-max-age", "PT10M",
                "stepwise.mfa.path", "/secure/second-factor",
                "stepwise.mfa.protect", "/admin/*=mfa; /account/delete=stepup:PT2M");

        MfaConfig config = MfaConfig.parse(params::get);

        assertThat(config.login()).isEqualTo(new LoginPolicy.Roles(Set.of("admin", "auditor")));
        assertThat(config.factors()).containsExactly("webauthn", "totp");
        assertThat(config.factorsConfigured()).isTrue();
        assertThat(config.stepUpMaxAge()).isEqualTo(Duration.ofMinutes(10));
        assertThat(config.path()).isEqualTo("/secure/second-factor");
        assertThat(config.protect().match("/admin/users")).contains(Requirement.mfa());
        assertThat(config.protect().match("/account/delete")).contains(Requirement.stepUp(Duration.ofMinutes(2)));
    }

    @Test
    void protectWhenStepUpWithoutDurationThenConfiguredDefaultMaxAge() {
        Map<String, String> params = Map.of("stepwise.mfa.stepup.default-max-age", "PT90S",
                "stepwise.mfa.protect", "/x=stepup");

        assertThat(MfaConfig.parse(params::get).protect().match("/x"))
                .contains(Requirement.stepUp(Duration.ofSeconds(90)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "stepwise.mfa.login|sometimes|off | enrolled | roles:",
            "stepwise.mfa.login|roles:|roles:<role>",
            "stepwise.mfa.factors|totp,,recovery|comma-separated list of factor ids",
            "stepwise.mfa.factors|totp,totp|no duplicates",
            "stepwise.mfa.factors|TOTP|lower case",
            "stepwise.mfa.stepup.default-max-age|5 minutes|ISO-8601 duration",
            "stepwise.mfa.stepup.default-max-age|-PT5M|positive ISO-8601",
            "stepwise.mfa.stepup.default-max-age|PT0S|positive ISO-8601",
            "stepwise.mfa.path|mfa|context-relative path",
            "stepwise.mfa.path|/mfa/|no trailing slash",
            "stepwise.mfa.path|/mfa/*|no wildcard",
            "stepwise.mfa.protect|/admin/*|has no '='",
            "stepwise.mfa.protect|/admin/*=sometimes|neither mfa nor stepup",
            "stepwise.mfa.protect|/x=stepup:soon|not a positive ISO-8601 duration",
            "stepwise.mfa.protect|/a/*/b=mfa|not a servlet URL pattern",
            "stepwise.mfa.protect|/a=mfa;/a=stepup|appears twice",
            "stepwise.mfa.issuer|Bank: Online|without ':'",
            "stepwise.mfa.totp.window|6|whole number from 0 to 5",
            "stepwise.mfa.totp.window|-1|whole number from 0 to 5",
            "stepwise.mfa.totp.window|one|whole number from 0 to 5",
            "stepwise.mfa.datasource|jdbc/my app|JNDI name",
            "stepwise.mfa.store.create-schema|yes|true or false",
            "stepwise.mfa.trust.duration|30 days|ISO-8601 duration such as P30D, or PT0S",
            "stepwise.mfa.trust.duration|-P1D|ISO-8601 duration such as P30D, or PT0S",
            "stepwise.mfa.trust.key-rotation|PT0S|positive ISO-8601",
            "stepwise.mfa.lockout.max-failures|101|whole number from 1 to 100",
            "stepwise.mfa.lockout.max-failures|0|whole number from 1 to 100",
            "stepwise.mfa.lockout.duration|forever|positive ISO-8601",
            "stepwise.mfa.allowed-origins|app.example|comma-separated origins",
            "stepwise.mfa.allowed-origins|https://app.example/|no path",
            "stepwise.mfa.allowed-origins|https://App.Example|lower-case host",
            "stepwise.mfa.allowed-origins|*|comma-separated origins",
            "stepwise.mfa.challenge.expiry|PT0S|positive ISO-8601",
            "stepwise.mfa.challenge.expiry|5m|positive ISO-8601",
            "stepwise.mfa.exemption.enrol-hold|-P1D|ISO-8601 duration such as P30D, or PT0S",
            "stepwise.mfa.exemption.enrol-hold|a day|ISO-8601 duration such as P30D, or PT0S",
    })
    void parseWhenBadValueThenErrorNamesParameterAndFormat(String name, String value, String expected) {
        assertThatThrownBy(() -> MfaConfig.parse(Map.of(name, value)::get))
                .isInstanceOf(MfaConfigException.class)
                .hasMessageStartingWith(name + ": '" + value + "' is not valid; expected")
                .hasMessageContaining(expected)
                .extracting(e -> ((MfaConfigException) e).parameter()).isEqualTo(name);
    }

    @Test
    void parametersListNamesEveryParameterRead() {
        List<String> read = new java.util.ArrayList<>();
        MfaConfig.parse(name -> {
            read.add(name);
            return null;
        });

        assertThat(MfaConfig.PARAMETERS).containsExactlyInAnyOrderElementsOf(read);
    }
}
