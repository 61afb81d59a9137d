package dev.stepwise.mfa.core;

import dev.stepwise.mfa.core.risk.RiskLevel;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

/**
 * {@code stepwise.mfa.login=adaptive} and the roles each policy makes mandatory.
 */
class LoginPolicyAdaptiveTest {

    @Test
    void parseAdaptiveWithDefaultThresholdMedium() {
        assertThat(LoginPolicy.parse("adaptive")).isEqualTo(new LoginPolicy.Adaptive(RiskLevel.MEDIUM));
        assertThat(LoginPolicy.parse(" adaptive ")).isEqualTo(new LoginPolicy.Adaptive());
    }

    @Test
    void parseAdaptiveWithConfiguredThreshold() {
        assertThat(LoginPolicy.parse("adaptive", RiskLevel.HIGH)).isEqualTo(new LoginPolicy.Adaptive(RiskLevel.HIGH));
        // the threshold only concerns adaptive
        assertThat(LoginPolicy.parse("all", RiskLevel.HIGH)).isEqualTo(new LoginPolicy.All());
        assertThatNullPointerException().isThrownBy(() -> LoginPolicy.parse("adaptive", null));
    }

    @Test
    void parseWhenInvalidThenFormatMentionsAdaptive() {
        assertThatIllegalArgumentException().isThrownBy(() -> LoginPolicy.parse("adaptive:high"))
                .withMessageContaining("| adaptive");
        assertThatIllegalArgumentException().isThrownBy(() -> LoginPolicy.parse("Adaptive"));
    }

    @Test
    void adaptiveThresholdCannotBeNone() {
        assertThatIllegalArgumentException().isThrownBy(() -> new LoginPolicy.Adaptive(RiskLevel.NONE));
        assertThatNullPointerException().isThrownBy(() -> new LoginPolicy.Adaptive(null));
    }

    @Test
    void mandatoryRolesAreThoseOfARolesPolicyOnly() {
        assertThat(new LoginPolicy.Roles(Set.of("admin", "auditor")).mandatoryRoles()).containsExactlyInAnyOrder("admin", "auditor");
        assertThat(new LoginPolicy.All().mandatoryRoles()).isEmpty();
        assertThat(new LoginPolicy.Adaptive().mandatoryRoles()).isEmpty();
        assertThat(new LoginPolicy.Enrolled().mandatoryRoles()).isEmpty();
        assertThat(new LoginPolicy.Off().mandatoryRoles()).isEmpty();
    }
}
