package dev.stepwise.mfa.runtime.config;

import dev.stepwise.mfa.factor.otp.CapturedLogs;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Parameters from two places: the context parameters of {@code web.xml} and a source over them (MicroProfile
 * Config in a server). The source wins; every error says where the bad value came from.
 */
class ParameterSourcesTest {

    private static final String TRUST = "stepwise.mfa.trust.duration";

    private static ParameterSource env(Map<String, String> values) {
        return ParameterSource.of(values::get, "MicroProfile Config source EnvConfigSource");
    }

    @Test
    void aValueFromTheSourceOverridesTheContextParameter() {
        MfaConfig config = MfaConfig.parse(Map.of(TRUST, "P14D", "stepwise.mfa.lockout.max-failures", "7")::get,
                env(Map.of(TRUST, "P7D")));

        assertThat(config.trust().duration()).isEqualTo(Duration.ofDays(7));
        assertThat(config.lockout().maxFailures()).isEqualTo(7); // not in the source: web.xml's value
    }

    @Test
    void withoutASourceTheContextParametersAloneAsBefore() {
        MfaConfig config = MfaConfig.parse(Map.of(TRUST, "P14D")::get, ParameterSource.none());

        assertThat(config).isEqualTo(MfaConfig.parse(Map.of(TRUST, "P14D")::get));
        assertThat(config.trust().duration()).isEqualTo(Duration.ofDays(14));
    }

    @Test
    void aBadValueFromTheSourceNamesTheParameterTheFormatAndTheSource() {
        assertThatThrownBy(() -> MfaConfig.parse(Map.of(TRUST, "P14D")::get, env(Map.of(TRUST, "soon"))))
                .isInstanceOfSatisfying(MfaConfigException.class, e -> assertThat(e.parameter()).isEqualTo(TRUST))
                .hasMessage(TRUST + ": 'soon' is not valid; expected an ISO-8601 duration such as P30D, or PT0S to "
                        + "switch it off (value from the MicroProfile Config source EnvConfigSource)");
    }

    @Test
    void aBadContextParameterSaysItCameFromWebXml() {
        assertThatThrownBy(() -> MfaConfig.parse(Map.of("stepwise.mfa.path", "mfa/*")::get))
                .isInstanceOf(MfaConfigException.class)
                .hasMessageStartingWith("stepwise.mfa.path: 'mfa/*' is not valid; expected a context-relative path")
                .hasMessageEndingWith("(value from the web.xml context parameter)");
    }

    @Test
    void aRuleAcrossTwoParametersNamesWhereTheRejectedOneCameFrom() {
        // origins without rp-id: the origins come from web.xml even though rp-id is looked up in the source too
        assertThatThrownBy(() -> MfaConfig.parse(Map.of("stepwise.mfa.webauthn.origins", "https://bank.example")::get,
                env(Map.of(TRUST, "P1D"))))
                .isInstanceOf(MfaConfigException.class)
                .hasMessageContaining("stepwise.mfa.webauthn.origins")
                .hasMessageEndingWith("(value from the web.xml context parameter)");
    }

    @Test
    void theSecretKeyIsStillRefusedAsAContextParameterWithoutShowingIt() {
        assertThatThrownBy(() -> MfaConfig.parse(Map.of(Parameters.SECRET_KEY, "c2VjcmV0")::get,
                env(Map.of())))
                .isInstanceOf(MfaConfigException.class)
                .hasMessageContaining(Parameters.SECRET_KEY).hasMessageNotContaining("c2VjcmV0");
    }

    @Test
    void theSecretKeyInTheSourceIsNoParameterAndNotRefused() {
        // STEPWISE_MFA_SECRET_KEY in the environment is where the key belongs (SecretKeySource reads it)
        MfaConfig config = MfaConfig.parse(name -> null, env(Map.of(Parameters.SECRET_KEY, "c2VjcmV0")));

        assertThat(config).isEqualTo(MfaConfig.defaults());
    }

    @Test
    void originOfAParameterNoSourceSetsIsTheDefault() {
        ParameterSource source = env(Map.of(TRUST, "P1D")).over(ParameterSource.contextParameters(
                Map.of("stepwise.mfa.path", "/x")::get));

        assertThat(source.originOf(TRUST)).isEqualTo("MicroProfile Config source EnvConfigSource");
        assertThat(source.originOf("stepwise.mfa.path")).isEqualTo("web.xml context parameter");
        assertThat(source.originOf("stepwise.mfa.issuer")).isEqualTo("the library's default");
        assertThat(source.values().apply("stepwise.mfa.issuer")).isNull();
    }

    @Test
    void aSourceValueReplacingADifferentContextParameterIsLoggedOnceWithoutTheValues() {
        String hold = "stepwise.mfa.exemption.enrol-hold";
        try (CapturedLogs logs = CapturedLogs.start()) {
            MfaConfig.parse(Map.of(hold, "P1D", TRUST, "P14D")::get, env(Map.of(hold, "PT0S", TRUST, "P14D")));

            List<String> warnings = logs.lines().stream().filter(line -> line.contains(" WARNING ")).toList();
            assertThat(warnings).hasSize(1);
            assertThat(warnings.get(0)).contains(hold, "MicroProfile Config source EnvConfigSource",
                    ParameterSource.CONTEXT_PARAMETER).doesNotContain("P1D", "PT0S", TRUST);
        }
    }

    @Test
    void anEqualValueInBothPlacesIsNotWarnedAbout() {
        try (CapturedLogs logs = CapturedLogs.start()) {
            MfaConfig.parse(Map.of(TRUST, "P14D")::get, env(Map.of(TRUST, "P14D")));

            assertThat(logs.lines()).noneMatch(line -> line.contains(" WARNING "));
        }
    }
}
