package dev.stepwise.mfa.core.risk;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

/**
 * {@link RiskAssessor}: signal order, application signals, fail closed.
 */
class RiskAssessorTest {

    private static final RiskContext CONTEXT =
            new RiskContext("alice", Instant.parse("2025-03-01T10:00:00Z"), "device", null, 0, null);

    @Test
    void assessCollectsReasonsInSignalOrder() {
        RiskAssessor assessor = new RiskAssessor(List.of(
                c -> Optional.of(RiskReason.of("second-thing", RiskLevel.LOW)),
                c -> Optional.empty(),
                c -> Optional.of(RiskReason.of("first-thing", RiskLevel.MEDIUM))));

        RiskAssessment risk = assessor.assess(CONTEXT);

        assertThat(risk.reasonIds()).containsExactly("second-thing", "first-thing");
        assertThat(risk.level()).isEqualTo(RiskLevel.MEDIUM);
    }

    @Test
    void assessWhenSignalThrowsThenHighRiskSignalFailed() {
        RiskAssessor assessor = new RiskAssessor(List.of(
                c -> {
                    throw new IllegalStateException("GeoIP database unavailable");
                },
                c -> Optional.of(RiskReason.of("new-network", RiskLevel.LOW))));

        RiskAssessment risk = assessor.assess(CONTEXT);

        assertThat(risk.reasonIds()).containsExactly(RiskAssessor.SIGNAL_FAILED, "new-network");
        assertThat(risk.level()).isEqualTo(RiskLevel.HIGH);
    }

    @Test
    void assessWhenSignalReturnsNullThenNoOpinion() {
        RiskAssessor assessor = new RiskAssessor(List.of(c -> null));

        assertThat(assessor.assess(CONTEXT)).isEqualTo(RiskAssessment.NONE);
    }

    @Test
    void assessWhenNoSignalsThenNone() {
        assertThat(new RiskAssessor(List.of()).assess(CONTEXT).level()).isEqualTo(RiskLevel.NONE);
        assertThatNullPointerException().isThrownBy(() -> new RiskAssessor(List.of()).assess(null));
    }

    @Test
    void withBuiltInsPutsApplicationSignalsAfterTheFour() {
        RiskSignal travel = c -> Optional.of(RiskReason.of("impossible-travel", RiskLevel.HIGH));

        RiskAssessor assessor = RiskAssessor.withBuiltIns(new InMemoryRiskHistory(), AdaptiveSettings.defaults(),
                List.of(travel));

        assertThat(assessor.signals()).hasSize(5);
        assertThat(assessor.signals().get(0)).isInstanceOf(NewDeviceSignal.class);
        assertThat(assessor.signals().get(1)).isInstanceOf(NewNetworkSignal.class);
        assertThat(assessor.signals().get(2)).isInstanceOf(RecentFailuresSignal.class);
        assertThat(assessor.signals().get(3)).isInstanceOf(LongAbsenceSignal.class);
        assertThat(assessor.signals().get(4)).isSameAs(travel);
    }
}
