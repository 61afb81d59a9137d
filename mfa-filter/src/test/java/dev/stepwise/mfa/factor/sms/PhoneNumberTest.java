package dev.stepwise.mfa.factor.sms;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PhoneNumberTest {

    @Test
    void masksAllButTheFirstAndLastTwoDigits() {
        PhoneNumber n = PhoneNumber.parse(" +4915112345678 ").orElseThrow();
        assertThat(n.e164()).isEqualTo("+4915112345678");
        assertThat(n.masked()).isEqualTo("+49*********78");
        assertThat(n.toString()).isEqualTo("+49*********78");
        assertThat(new CodeMessage(n, PhoneChannel.SMS, new dev.stepwise.mfa.factor.otp.OneTimeCode("123456"),
                "code 123456", java.util.Locale.ENGLISH).toString()).doesNotContain("123456").doesNotContain("4915112");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"015112345678", "+49 151 12345678", "+0151123456", "+1234567", "+1234567890123456",
            "+49151\"}123", "+\u0664\u0669151123456"})
    void acceptsOnlyE164(String text) {
        assertThat(PhoneNumber.parse(text)).isEmpty();
        if (text != null) {
            assertThatIllegalArgumentException().isThrownBy(() -> new PhoneNumber(text))
                    .withMessageNotContaining(text.isEmpty() ? "\u0000" : text);
        }
    }
}
