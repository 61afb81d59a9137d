package dev.stepwise.mfa.runtime.config;

import dev.stepwise.mfa.core.LoginPolicy;
import dev.stepwise.mfa.core.Requirement;
import dev.stepwise.mfa.core.net.ClientAddress;
import dev.stepwise.mfa.runtime.config.LockoutSettings;
import dev.stepwise.mfa.runtime.config.Parameters;
import dev.stepwise.mfa.runtime.config.RequestSettings;
import dev.stepwise.mfa.runtime.config.StoreSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MfaConfigTest {

    @Test
    void parseWhenNothingSetThenDefaults() {
        MfaConfig config = MfaConfig.parse(name -> null);

        assertThat(config.policy().login()).isEqualTo(new LoginPolicy.Enrolled());
        assertThat(config.factors().ids()).containsExactly("totp", "webauthn", "recovery");
        assertThat(config.factors().configured()).isFalse();
        assertThat(config.policy().stepUpMaxAge()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.pages().path()).isEqualTo("/mfa");
        assertThat(config.policy().protect().isEmpty()).isTrue();
        assertThat(config.factors().issuer()).isEqualTo("Stepwise MFA");
        assertThat(config.factors().totpWindow()).isEqualTo(1);
        assertThat(config.store()).isEqualTo(new StoreSettings("java:comp/DefaultDataSource", dev.stepwise.mfa.store.SchemaMode.MIGRATE, java.time.Duration.ofSeconds(5)));
        assertThat(config.trust().duration()).isEqualTo(Duration.ofDays(30));
        assertThat(config.trust().enabled()).isTrue();
        assertThat(config.trust().keyRotation()).isEqualTo(Duration.ofDays(90));
        assertThat(config.lockout()).isEqualTo(new LockoutSettings(10, Duration.ofMinutes(15)));
        assertThat(config.requests()).isEqualTo(
                new RequestSettings(Set.of(), Duration.ofMinutes(5), ClientAddress.parse("")));
        assertThat(config.admin().exemptionEnrolHold()).isEqualTo(Duration.ofDays(1));
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

        assertThat(config.trust().enabled()).isFalse();
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

        assertThat(config.factors().issuer()).isEqualTo("Example Bank");
        assertThat(config.factors().totpWindow()).isZero();
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

        assertThat(config.policy().login()).isEqualTo(new LoginPolicy.Roles(Set.of("admin", "auditor")));
        assertThat(config.factors().ids()).containsExactly("webauthn", "totp");
        assertThat(config.factors().configured()).isTrue();
        assertThat(config.policy().stepUpMaxAge()).isEqualTo(Duration.ofMinutes(10));
        assertThat(config.pages().path()).isEqualTo("/secure/second-factor");
        assertThat(config.policy().protect().match("/admin/users")).contains(Requirement.mfa());
        assertThat(config.policy().protect().match("/account/delete")).contains(Requirement.stepUp(Duration.ofMinutes(2)));
    }

    @Test
    void protectWhenStepUpWithoutDurationThenConfiguredDefaultMaxAge() {
        Map<String, String> params = Map.of("stepwise.mfa.stepup.default-max-age", "PT90S",
                "stepwise.mfa.protect", "/x=stepup");

        assertThat(MfaConfig.parse(params::get).policy().protect().match("/x"))
                .contains(Requirement.stepUp(Duration.ofSeconds(90)));
    }

    @Test
    void passkeyLoginIsOffByDefaultAndNeedsTheWebAuthnFactor() {
        assertThat(MfaConfig.parse(Map.<String, String>of()::get).webauthn().passkeyLogin()).isFalse();
        assertThat(MfaConfig.parse(Map.of("stepwise.mfa.webauthn.passkey-login", "on")::get).webauthn()
                .passkeyLogin()).isTrue();
        Map<String, String> withoutKeys = Map.of("stepwise.mfa.webauthn.passkey-login", "on",
                "stepwise.mfa.factors", "totp,recovery");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> MfaConfig.parse(withoutKeys::get))
                .isInstanceOf(MfaConfigException.class).hasMessageContaining("stepwise.mfa.webauthn.passkey-login")
                .hasMessageContaining("webauthn factor");
    }

    /** At least one bad value for every parameter of {@link Parameters#ALL}, with a piece of its format. */
    private static final List<Arguments> BAD_VALUES = List.of(
            bad("stepwise.mfa.login", "sometimes", "off | enrolled | roles:"),
            bad("stepwise.mfa.login", "roles:", "roles:<role>"),
            bad("stepwise.mfa.factors", "totp,,recovery", "comma-separated list of factor ids"),
            bad("stepwise.mfa.factors", "totp,totp", "no duplicates"),
            bad("stepwise.mfa.factors", "TOTP", "lower case"),
            bad("stepwise.mfa.stepup.default-max-age", "5 minutes", "ISO-8601 duration"),
            bad("stepwise.mfa.stepup.default-max-age", "-PT5M", "positive ISO-8601"),
            bad("stepwise.mfa.stepup.default-max-age", "PT0S", "positive ISO-8601"),
            bad("stepwise.mfa.path", "mfa", "context-relative path"),
            bad("stepwise.mfa.path", "/mfa/", "no trailing slash"),
            bad("stepwise.mfa.path", "/mfa/*", "no wildcard"),
            bad("stepwise.mfa.reason-bundle", "com/example/Reasons", "resource bundle base name"),
            bad("stepwise.mfa.reason-bundle", "Reasons.properties", "no slashes or suffix"),
            bad("stepwise.mfa.protect", "/admin/*", "has no '='"),
            bad("stepwise.mfa.protect", "/admin/*=sometimes", "neither mfa nor stepup"),
            bad("stepwise.mfa.protect", "/x=stepup:soon", "not a positive ISO-8601 duration"),
            bad("stepwise.mfa.protect", "/a/*/b=mfa", "not a servlet URL pattern"),
            bad("stepwise.mfa.protect", "/a=mfa;/a=stepup", "appears twice"),
            bad("stepwise.mfa.issuer", "Bank: Online", "without ':'"),
            bad("stepwise.mfa.webauthn.passkey-login", "yes", "on or off"),
            bad("stepwise.mfa.totp.window", "6", "whole number from 0 to 5"),
            bad("stepwise.mfa.totp.window", "-1", "whole number from 0 to 5"),
            bad("stepwise.mfa.totp.window", "one", "whole number from 0 to 5"),
            bad("stepwise.mfa.questions.step-up", "true", "on or off"),
            bad("stepwise.mfa.questions.step-up", "ON", "on or off"),
            bad("stepwise.mfa.datasource", "jdbc/my app", "JNDI name"),
            bad("stepwise.mfa.store.create-schema", "yes", "true, validate or false"),
            bad("stepwise.mfa.store.facts-cache", "PT2M", "from PT0S (off) to PT1M"),
            bad("stepwise.mfa.store.facts-cache", "-PT5S", "from PT0S (off) to PT1M"),
            bad("stepwise.mfa.store.facts-cache", "5", "from PT0S (off) to PT1M"),
            bad("stepwise.mfa.trust.duration", "30 days", "ISO-8601 duration such as P30D, or PT0S"),
            bad("stepwise.mfa.trust.duration", "-P1D", "ISO-8601 duration such as P30D, or PT0S"),
            bad("stepwise.mfa.trust.key-rotation", "PT0S", "positive ISO-8601"),
            bad("stepwise.mfa.lockout.max-failures", "101", "whole number from 1 to 100"),
            bad("stepwise.mfa.lockout.max-failures", "0", "whole number from 1 to 100"),
            bad("stepwise.mfa.lockout.duration", "forever", "positive ISO-8601"),
            bad("stepwise.mfa.allowed-origins", "app.example", "comma-separated origins"),
            bad("stepwise.mfa.allowed-origins", "https://app.example/", "no path"),
            bad("stepwise.mfa.allowed-origins", "https://App.Example", "lower-case host"),
            bad("stepwise.mfa.allowed-origins", "*", "comma-separated origins"),
            bad("stepwise.mfa.challenge.expiry", "PT0S", "positive ISO-8601"),
            bad("stepwise.mfa.challenge.expiry", "5m", "positive ISO-8601"),
            bad("stepwise.mfa.exemption.enrol-hold", "-P1D", "ISO-8601 duration such as P30D, or PT0S"),
            bad("stepwise.mfa.exemption.enrol-hold", "a day", "ISO-8601 duration such as P30D, or PT0S"),
            bad("stepwise.mfa.email.session", "mail/my session", "a JNDI name such as java:comp/env/mail/stepwise"),
            bad("stepwise.mfa.email.smtp", "localhost", "host:port of an SMTP relay"),
            bad("stepwise.mfa.email.smtp", "localhost:0", "host:port of an SMTP relay"),
            bad("stepwise.mfa.email.smtp", "localhost:99999", "host:port of an SMTP relay"),
            bad("stepwise.mfa.email.from", "no-reply", "an email address"),
            bad("stepwise.mfa.email.from", "Bank <no-reply@bank.example>", "an email address"),
            bad("stepwise.mfa.sms.gateway.url", "/send", "absolute https URL"),
            bad("stepwise.mfa.sms.gateway.url", "https://gateway example/send", "absolute https URL"),
            bad("stepwise.mfa.sms.gateway.auth-header", "X Auth", "an HTTP header name"),
            bad("stepwise.mfa.sms.gateway.auth-header", "X-Auth:", "an HTTP header name"),
            bad("stepwise.mfa.sms.gateway.template", "{\"text\":\"{message}\"}", "naming {to} and {message}"),
            bad("stepwise.mfa.sms.gateway.template", "{\"to\":\"{to}\"}", "naming {to} and {message} (or {code})"),
            bad("stepwise.mfa.webauthn.rp-id", "Bank.Example", "a lower-case host name"),
            bad("stepwise.mfa.webauthn.rp-id", "https://bank.example", "a lower-case host name"),
            bad("stepwise.mfa.webauthn.origins", "https://bank.example", "together with stepwise.mfa.webauthn.rp-id"),
            bad("stepwise.mfa.webauthn.user-verification", "always", "required, preferred or discouraged"),
            bad("stepwise.mfa.webauthn.user-verification", "Required", "required, preferred or discouraged"),
            bad("stepwise.mfa.webauthn.user-verification", "", "required, preferred or discouraged"),
            bad("stepwise.mfa.adaptive.require", "none", "low, medium or high"),
            bad("stepwise.mfa.adaptive.require", "extreme", "low, medium or high"),
            bad("stepwise.mfa.adaptive.memory", "PT0S", "positive ISO-8601"),
            bad("stepwise.mfa.adaptive.memory", "90 days", "positive ISO-8601"),
            bad("stepwise.mfa.adaptive.failures", "0", "whole number from 1 to 100"),
            bad("stepwise.mfa.adaptive.failures", "101", "whole number from 1 to 100"),
            bad("stepwise.mfa.adaptive.absence", "a month", "positive ISO-8601"),
            bad("stepwise.mfa.adaptive.unusual-time", "sometimes", "off, low, medium or high"),
            bad("stepwise.mfa.adaptive.unusual-time.history", "2", "whole number from 3 to 50"),
            bad("stepwise.mfa.adaptive.unusual-time.history", "51", "whole number from 3 to 50"),
            bad("stepwise.mfa.adaptive.time-zone", "CEST+1", "a time zone id"),
            bad("stepwise.mfa.adaptive.time-zone", "Europe/Berl\u00efn", "a time zone id"),
            bad("stepwise.mfa.adaptive.impossible-travel", "none", "off, low, medium or high"),
            bad("stepwise.mfa.adaptive.max-speed", "99", "whole number from 100 to 20000"),
            bad("stepwise.mfa.adaptive.max-speed", "900 km/h", "whole number from 100 to 20000"),
            bad("stepwise.mfa.adaptive.new-country", "yes", "off, low, medium or high"),
            bad("stepwise.mfa.geoip.database", "/nowhere/GeoLite2-City.mmdb", "the path of a readable file"),
            bad("stepwise.mfa.geoip.database", "/tmp", "the path of a readable file"),
            bad("stepwise.mfa.trusted-proxies", "10.0.0.0/33", "IP addresses or CIDR blocks"),
            bad("stepwise.mfa.trusted-proxies", "proxy.example", "IP addresses or CIDR blocks"),
            bad("stepwise.mfa.location.rules", "role:admin from 10.0.0.1/8 else deny", "has host bits set"),
            bad("stepwise.mfa.location.rules", "* from office else stepup", "not an IP address"),
            bad("stepwise.mfa.location.rules", "path:/admin/* from country:DEU else deny", "two-letter ISO"),
            bad("stepwise.mfa.location.rules", "* from 10.0.0.0/8 else allow", "deny, stepup or stepup:"),
            bad("stepwise.mfa.mandatory-roles", "admin, big\tboss", "comma-separated role names"),
            bad("stepwise.mfa.admin-role", "big boss", "a role name"),
            bad("stepwise.mfa.exemption.max-duration", "PT0S", "positive ISO-8601"),
            bad("stepwise.mfa.exemption.max-duration", "P-7D", "positive ISO-8601"),
            bad("stepwise.mfa.push.vapid-public-key", "not-a-key", "P-256 public key as base64url"),
            bad("stepwise.mfa.push.vapid-subject", "security@bank.example", "mailto:"),
            bad("stepwise.mfa.push.allow-local-endpoints", "yes", "true or false"),
            bad("stepwise.mfa.push.prompt", "button", "code or number"),
            bad("stepwise.mfa.push.origin", "https://bank.example/mfa", "one origin"),
            bad("stepwise.mfa.push.origin", "bank.example", "one origin")
    );

    private static Arguments bad(String name, String value, String expected) {
        return Arguments.of(name, value, expected);
    }

    static List<Arguments> badValues() {
        return BAD_VALUES;
    }

    @ParameterizedTest
    @MethodSource("badValues")
    void parseWhenBadValueThenErrorNamesParameterAndFormat(String name, String value, String expected) {
        assertThatThrownBy(() -> MfaConfig.parse(Map.of(name, value)::get))
                .isInstanceOf(MfaConfigException.class)
                .hasMessageStartingWith(name + ": '" + value.trim() + "' is not valid; expected")
                .hasMessageContaining(expected)
                .extracting(e -> ((MfaConfigException) e).parameter()).isEqualTo(name);
    }

    @Test
    void everyParameterHasABadValueTest() {
        Set<Object> tested = BAD_VALUES.stream().map(a -> a.get()[0]).collect(Collectors.toSet());

        assertThat(tested).containsExactlyInAnyOrderElementsOf(Parameters.names());
    }

    @Test
    void webAuthnUserVerificationIsPreferredUnlessSetWithOrWithoutARelyingParty() {
        assertThat(MfaConfig.parse(name -> null).webauthn().userVerification()).isEqualTo("preferred");
        assertThat(MfaConfig.parse(Map.of("stepwise.mfa.webauthn.user-verification", " required ")::get).webauthn()
                .userVerification()).isEqualTo("required");
        assertThat(MfaConfig.parse(Map.of("stepwise.mfa.webauthn.user-verification", "discouraged",
                "stepwise.mfa.webauthn.rp-id", "bank.example")::get).webauthn().userVerification())
                .isEqualTo("discouraged");
    }

    @Test
    void locationRulesNamingCountriesWithoutGeoIpDatabaseFailTheDeployment() {
        Map<String, String> params = Map.of("stepwise.mfa.location.rules", "* from 10.0.0.0/8, country:DE else deny");

        assertThatThrownBy(() -> MfaConfig.parse(params::get))
                .isInstanceOf(MfaConfigException.class)
                .hasMessageContaining("stepwise.mfa.location.rules names countries")
                .extracting(e -> ((MfaConfigException) e).parameter()).isEqualTo("stepwise.mfa.geoip.database");
    }

    @Test
    void locationRulesBareStepUpTakesTheStepUpDefaultMaxAge() {
        Map<String, String> params = Map.of("stepwise.mfa.location.rules",
                "role:admin from 10.0.0.0/8 else deny; * from 10.0.0.0/8 else stepup",
                "stepwise.mfa.stepup.default-max-age", "PT3M");

        var rules = MfaConfig.parse(params::get).signals().location().rules();

        assertThat(rules).hasSize(2);
        assertThat(rules.get(1).maxAge()).isEqualTo(java.time.Duration.ofMinutes(3));
        assertThat(MfaConfig.defaults().signals().location().isEmpty()).isTrue();
    }

    @Test
    void webAuthnOriginsWithRpIdWhenBadThenErrorNamesOrigins() {
        Map<String, String> params = Map.of("stepwise.mfa.webauthn.rp-id", "bank.example",
                "stepwise.mfa.webauthn.origins", "https://bank.example/login");

        assertThatThrownBy(() -> MfaConfig.parse(params::get))
                .isInstanceOf(MfaConfigException.class)
                .hasMessageContaining("comma-separated origins such as https://bank.example")
                .extracting(e -> ((MfaConfigException) e).parameter()).isEqualTo("stepwise.mfa.webauthn.origins");
    }

    @Test
    void parametersListNamesEveryParameterRead() {
        List<String> read = new java.util.ArrayList<>();
        MfaConfig.parse(name -> {
            read.add(name);
            return null;
        });

        List<String> known = new java.util.ArrayList<>(Parameters.names());
        known.add(Parameters.SECRET_KEY);
        assertThat(known).containsExactlyInAnyOrderElementsOf(new java.util.LinkedHashSet<>(read));
    }
}
