package dev.stepwise.mfa.factor.otp;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class OneTimeCodeSettingsTest {

    @Test
    void defaultsAreSixDigitsTenMinutesThirtySeconds() {
        OneTimeCodeSettings s = OneTimeCodeSettings.defaults();
        assertThat(s.digits()).isEqualTo(6);
        assertThat(s.validity()).isEqualTo(Duration.ofMinutes(10));
        assertThat(s.resendCooldown()).isEqualTo(Duration.ofSeconds(30));
    }

    @ParameterizedTest
    @ValueSource(ints = {6, 7, 8})
    void acceptsSixToEightDigits(int digits) {
        assertThat(new OneTimeCodeSettings(digits, Duration.ofMinutes(5), Duration.ZERO).digits()).isEqualTo(digits);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 4, 5, 9, 10})
    void refusesOtherLengths(int digits) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new OneTimeCodeSettings(digits, Duration.ofMinutes(5), Duration.ZERO))
                .withMessageContaining("digits");
    }

    @Test
    void acceptsExactlyTenMinutes() {
        assertThat(new OneTimeCodeSettings(6, Duration.ofMinutes(10), Duration.ofSeconds(30)).validity())
                .isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void refusesValidityJustOverTenMinutes() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new OneTimeCodeSettings(6, Duration.ofMinutes(10).plusNanos(1), Duration.ZERO))
                .withMessageContaining("validity").withMessageContaining("NIST");
    }

    @Test
    void refusesZeroOrNegativeValidity() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new OneTimeCodeSettings(6, Duration.ZERO, Duration.ZERO));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new OneTimeCodeSettings(6, Duration.ofSeconds(-1), Duration.ZERO));
    }

    @Test
    void refusesNegativeCooldownOrOneLongerThanTheValidity() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new OneTimeCodeSettings(6, Duration.ofMinutes(1), Duration.ofSeconds(-1)))
                .withMessageContaining("resendCooldown");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new OneTimeCodeSettings(6, Duration.ofMinutes(1), Duration.ofSeconds(61)))
                .withMessageContaining("resendCooldown");
    }
}
