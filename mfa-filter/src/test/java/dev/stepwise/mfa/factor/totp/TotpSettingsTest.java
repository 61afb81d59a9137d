package dev.stepwise.mfa.factor.totp;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TotpSettingsTest {

    @Test
    void defaultsAreWhatEveryAuthenticatorAppUnderstands() {
        TotpSettings defaults = TotpSettings.defaults();

        assertThat(defaults.digits()).isEqualTo(6);
        assertThat(defaults.period()).isEqualTo(Duration.ofSeconds(30));
        assertThat(defaults.algorithm()).isEqualTo(TotpAlgorithm.SHA1);
        assertThat(defaults.window()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 5, 9, -1})
    void constructorWhenDigitsOutOfRangeThenRefused(int digits) {
        assertThatThrownBy(() -> new TotpSettings(digits, Duration.ofSeconds(30), TotpAlgorithm.SHA1, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("digits");
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 6, 100})
    void constructorWhenWindowOutOfRangeThenRefused(int window) {
        assertThatThrownBy(() -> TotpSettings.defaults().withWindow(window))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("window");
    }

    @Test
    void constructorWhenPeriodNotWholePositiveSecondsThenRefused() {
        assertThatThrownBy(() -> new TotpSettings(6, Duration.ZERO, TotpAlgorithm.SHA1, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TotpSettings(6, Duration.ofMillis(30_500), TotpAlgorithm.SHA1, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TotpSettings(6, Duration.ofSeconds(-30), TotpAlgorithm.SHA1, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
