package dev.stepwise.mfa.core.risk;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link RiskLevel}: order, score thresholds, and the {@code stepwise.mfa.adaptive.require} values.
 */
class RiskLevelTest {

    @Test
    void parseAcceptsTheThreeThresholds() {
        assertThat(RiskLevel.parse("low")).isEqualTo(RiskLevel.LOW);
        assertThat(RiskLevel.parse(" Medium ")).isEqualTo(RiskLevel.MEDIUM);
        assertThat(RiskLevel.parse("HIGH")).isEqualTo(RiskLevel.HIGH);
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "", "mid", "2", "medium,high", "ｌow"})
    void parseWhenNotAThresholdThenIllegalArgumentExceptionWithFormat(String value) {
        assertThatIllegalArgumentException().isThrownBy(() -> RiskLevel.parse(value))
                .withMessageContaining("'" + value + "'").withMessageContaining(RiskLevel.FORMAT);
    }

    @Test
    void ofScoreThresholds() {
        assertThat(RiskLevel.ofScore(0)).isEqualTo(RiskLevel.NONE);
        assertThat(RiskLevel.ofScore(1)).isEqualTo(RiskLevel.LOW);
        assertThat(RiskLevel.ofScore(2)).isEqualTo(RiskLevel.MEDIUM);
        assertThat(RiskLevel.ofScore(3)).isEqualTo(RiskLevel.MEDIUM);
        assertThat(RiskLevel.ofScore(4)).isEqualTo(RiskLevel.HIGH);
        assertThat(RiskLevel.ofScore(Integer.MAX_VALUE)).isEqualTo(RiskLevel.HIGH);
    }

    @Test
    void isAtLeastFollowsTheOrder() {
        assertThat(RiskLevel.HIGH.isAtLeast(RiskLevel.MEDIUM)).isTrue();
        assertThat(RiskLevel.MEDIUM.isAtLeast(RiskLevel.MEDIUM)).isTrue();
        assertThat(RiskLevel.LOW.isAtLeast(RiskLevel.MEDIUM)).isFalse();
        assertThat(RiskLevel.NONE.isAtLeast(RiskLevel.LOW)).isFalse();
        assertThat(RiskLevel.MEDIUM.id()).isEqualTo("medium");
    }
}
