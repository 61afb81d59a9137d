package dev.stepwise.mfa.runtime.config;

import dev.stepwise.mfa.runtime.config.MfaConfigException;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ParametersTest {

    @Test
    void everyParameterHasAUniqueNameAndADoc() {
        assertThat(new HashSet<>(Parameters.names())).hasSameSizeAs(Parameters.ALL);
        assertThat(Parameters.ALL).allSatisfy(p -> {
            assertThat(p.name()).startsWith("stepwise.mfa.");
            assertThat(p.doc()).isNotBlank().doesNotContain("\n");
        });
    }

    @Test
    void everyDefaultParses() {
        assertThat(Parameters.ALL).filteredOn(p -> p.defaultValue() != null && p != Parameters.WEBAUTHN_ORIGINS)
                .allSatisfy(p -> assertThat(p.parse(p.defaultValue())).isNotNull());
    }

    @Test
    void readWhenNotSetAndNoDefaultThenNull() {
        assertThat(Parameters.EMAIL_FROM.read(name -> null)).isNull();
    }

    @Test
    void readTrimsTheValue() {
        assertThat(Parameters.PATH.read(Map.of("stepwise.mfa.path", "  /second  ")::get)).isEqualTo("/second");
    }

    @Test
    void listsIgnoreATrailingCommaAndOptionalListsBlankEntries() {
        assertThat(Parameters.FACTORS.parse("totp, webauthn,")).containsExactly("totp", "webauthn");
        assertThat(Parameters.MANDATORY_ROLES.parse(" , admin,, auditor ")).containsExactly("admin", "auditor");
        assertThat(Parameters.ALLOWED_ORIGINS.parse("")).isEmpty();
    }

    @Test
    void webAuthnOriginsDefaultToTheRpId() {
        WebAuthnSettings settings = WebAuthnSettings.read(Map.of("stepwise.mfa.webauthn.rp-id", "bank.example")::get);

        assertThat(settings.origins()).containsExactly("https://bank.example");
    }

    @Test
    void secretKeyIsRefusedWithoutShowingIt() {
        assertThatThrownBy(() -> Parameters.refuseSecretKey(Map.of(Parameters.SECRET_KEY, "k3y")::get))
                .isInstanceOf(MfaConfigException.class)
                .hasMessageNotContaining("k3y");
    }

    @Test
    void adaptiveLoginAsksFromTheConfiguredLevel() {
        PolicySettings policy = PolicySettings.read(Map.of("stepwise.mfa.login", "adaptive")::get,
                dev.stepwise.mfa.core.risk.RiskLevel.HIGH);

        assertThat(policy.login()).isEqualTo(new dev.stepwise.mfa.core.LoginPolicy.Adaptive(
                dev.stepwise.mfa.core.risk.RiskLevel.HIGH));
    }
}
