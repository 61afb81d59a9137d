package dev.stepwise.mfa.core.risk;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link AdaptiveSettings}: the documented defaults and their limits.
 */
class AdaptiveSettingsTest {

    @Test
    void defaults() {
        AdaptiveSettings s = AdaptiveSettings.defaults();

        assertThat(s.require()).isEqualTo(RiskLevel.MEDIUM);
        assertThat(s.memory()).isEqualTo(Duration.ofDays(90));
        assertThat(s.failureThreshold()).isEqualTo(3);
        assertThat(s.absence()).isEqualTo(Duration.ofDays(30));
        assertThat(s.builtInSignals(new InMemoryRiskHistory())).hasSize(4);
    }

    @Test
    void invalidValuesAreRefused() {
        Duration d = Duration.ofDays(1);
        assertThatIllegalArgumentException().isThrownBy(() -> new AdaptiveSettings(RiskLevel.NONE, d, 3, d));
        assertThatIllegalArgumentException().isThrownBy(() -> new AdaptiveSettings(RiskLevel.LOW, Duration.ZERO, 3, d));
        assertThatIllegalArgumentException().isThrownBy(() -> new AdaptiveSettings(RiskLevel.LOW, d.negated(), 3, d));
        assertThatIllegalArgumentException().isThrownBy(() -> new AdaptiveSettings(RiskLevel.LOW, d, 0, d));
        assertThatIllegalArgumentException().isThrownBy(() -> new AdaptiveSettings(RiskLevel.LOW, d, 3, Duration.ZERO));
    }
}
