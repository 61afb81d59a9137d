package dev.stepwise.mfa.event;

import dev.stepwise.mfa.core.risk.RiskAssessment;
import dev.stepwise.mfa.core.risk.RiskLevel;
import dev.stepwise.mfa.core.risk.RiskReason;
import org.junit.jupiter.api.Test;

import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

/**
 * {@link MfaEvent}: the earlier constructors still work, nothing is {@code null}, nothing secret fits in.
 */
class MfaEventTest {

    private static final Instant AT = Instant.parse("2025-03-01T10:00:00Z");

    @Test
    void earlierConstructorsLeaveUserAgentEmpty() {
        MfaEvent.ChallengeIssued issued = new MfaEvent.ChallengeIssued("alice", AT, "203.0.113.7", List.of("totp"), "login", "/");
        MfaEvent.FactorVerified verified = new MfaEvent.FactorVerified("alice", AT, "203.0.113.7", "totp");
        MfaEvent.FactorFailed failed = new MfaEvent.FactorFailed("alice", AT, "203.0.113.7", "totp");

        assertThat(issued.userAgent()).isEmpty();
        assertThat(issued.factors()).containsExactly("totp");
        assertThat(issued.reason()).isEqualTo("login");
        assertThat(issued.target()).isEqualTo("/");
        assertThat(verified.userAgent()).isEmpty();
        assertThat(verified.factorId()).isEqualTo("totp");
        assertThat(failed.userAgent()).isEmpty();
        assertThat(failed.reason()).isEmpty();
        assertThat(failed.clientAddress()).isEqualTo("203.0.113.7");
    }

    @Test
    void missingTextBecomesEmpty() {
        MfaEvent.FactorFailed failed = new MfaEvent.FactorFailed("alice", AT, null, null, "totp", null);

        assertThat(failed.clientAddress()).isEmpty();
        assertThat(failed.userAgent()).isEmpty();
        assertThat(failed.reason()).isEmpty();
    }

    @Test
    void whoAndWhenAreRequired() {
        assertThatNullPointerException().isThrownBy(() -> new MfaEvent.FactorEnrolled(null, AT, "", "", "totp"));
        assertThatNullPointerException().isThrownBy(() -> new MfaEvent.FactorEnrolled("alice", null, "", "", "totp"));
        assertThatNullPointerException().isThrownBy(() -> new MfaEvent.AdminAction("alice", AT, "", "", "bob",
                MfaEvent.AdminAction.Action.EXEMPT, "r", null));
        assertThatIllegalArgumentException().isThrownBy(() -> new MfaEvent.RecoveryCodeUsed("alice", AT, "", "", -1));
    }

    @Test
    void listsAreCopied() {
        List<String> factors = new ArrayList<>(List.of("totp"));
        MfaEvent.ChallengeIssued issued = new MfaEvent.ChallengeIssued("alice", AT, "", "", factors, "", "");

        factors.add("sms");

        assertThat(issued.factors()).containsExactly("totp");
    }

    @Test
    void riskAssessedCarriesLevelAndReasonIdsOnly() {
        RiskAssessment risk = RiskAssessment.of(List.of(RiskReason.of("new-device", RiskLevel.MEDIUM)));

        MfaEvent.RiskAssessed e = MfaEvent.RiskAssessed.of("alice", AT, "", "Safari on iOS", risk, true);

        assertThat(e.level()).isEqualTo(RiskLevel.MEDIUM);
        assertThat(e.reasons()).containsExactly("new-device");
        assertThat(e.challenged()).isTrue();
    }

    @Test
    void noEventHasAComponentNamedLikeASecret() {
        for (Class<?> type : MfaEvent.class.getPermittedSubclasses()) {
            RecordComponent[] components = type.getRecordComponents();
            assertThat(components).as("%s is a record", type).isNotNull();
            assertThat(Arrays.stream(components).map(RecordComponent::getName))
                    .as("%s", type.getSimpleName())
                    .noneMatch(n -> n.matches("(?i).*(secret|code|password|cookie|token|otp|input).*")
                            && !n.equals("remaining"));
            assertThat(Arrays.stream(components).map(RecordComponent::getName))
                    .as("%s", type.getSimpleName())
                    .contains("user", "at", "clientAddress", "userAgent");
        }
    }
}
