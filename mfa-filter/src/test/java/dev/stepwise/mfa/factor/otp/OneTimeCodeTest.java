package dev.stepwise.mfa.factor.otp;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class OneTimeCodeTest {

    @Test
    void toStringNeverShowsTheDigits() {
        OneTimeCode code = new OneTimeCode("481516");
        assertThat(code.toString()).doesNotContain("481516").isEqualTo("OneTimeCode[hidden]");
        assertThat("sent " + code).doesNotContain("481516");
        assertThat(code.digits()).isEqualTo("481516");
    }

    @Test
    void refusesNonCodesWithoutEchoingThem() {
        assertThatIllegalArgumentException().isThrownBy(() -> new OneTimeCode("12345"))
                .withMessageNotContaining("12345");
        assertThatIllegalArgumentException().isThrownBy(() -> new OneTimeCode("\u0663\u0664\u0665\u0666\u0667\u0668"));
        assertThatIllegalArgumentException().isThrownBy(() -> new OneTimeCode("123456789"));
    }
}
