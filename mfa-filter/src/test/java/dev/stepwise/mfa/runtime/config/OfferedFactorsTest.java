package dev.stepwise.mfa.runtime.config;

import dev.stepwise.mfa.runtime.config.MfaConfig;
import dev.stepwise.mfa.runtime.config.MfaConfigException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OfferedFactorsTest {

    private static FactorSettings configured(String factors) {
        return MfaConfig.parse(Map.of("stepwise.mfa.factors", factors)::get).factors();
    }

    @Test
    void selectWhenConfiguredIdsAllExistThenThoseInConfiguredOrder() {
        List<String> offered = OfferedFactors.select(configured("webauthn,totp"),
                List.of("totp", "recovery", "webauthn"));

        assertThat(offered).containsExactly("webauthn", "totp");
    }

    @Test
    void selectWhenConfiguredIdIsUnknownThenErrorNamesFactorsAndTheId() {
        assertThatThrownBy(() -> OfferedFactors.select(configured("totp,yubiotp"), List.of("totp", "recovery")))
                .isInstanceOf(MfaConfigException.class)
                .hasMessageStartingWith("stepwise.mfa.factors: 'totp,yubiotp' is not valid; expected")
                .hasMessageContaining("'yubiotp' is not available (available: totp, recovery)")
                .extracting(e -> ((MfaConfigException) e).parameter()).isEqualTo("stepwise.mfa.factors");
    }

    @Test
    void selectWhenDefaultIdsAreMissingThenSkipped() {
        FactorSettings defaults = MfaConfig.defaults().factors();

        assertThat(OfferedFactors.select(defaults, List.of("recovery", "totp"))).containsExactly("totp", "recovery");
    }

    @Test
    void selectWhenNoIdIsAvailableThenErrorNamesFactors() {
        FactorSettings defaults = MfaConfig.defaults().factors();

        assertThatThrownBy(() -> OfferedFactors.select(defaults, List.of("email")))
                .isInstanceOf(MfaConfigException.class)
                .hasMessageContaining("at least one available factor (available: email)")
                .extracting(e -> ((MfaConfigException) e).parameter()).isEqualTo("stepwise.mfa.factors");
    }
}
