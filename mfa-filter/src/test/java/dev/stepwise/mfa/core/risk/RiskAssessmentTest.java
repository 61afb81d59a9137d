package dev.stepwise.mfa.core.risk;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static dev.stepwise.mfa.core.risk.RiskLevel.HIGH;
import static dev.stepwise.mfa.core.risk.RiskLevel.LOW;
import static dev.stepwise.mfa.core.risk.RiskLevel.MEDIUM;
import static dev.stepwise.mfa.core.risk.RiskLevel.NONE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

/**
 * The combination rule of {@link RiskAssessment}: weights 1, 2, 4 summed; 1 LOW, 2–3 MEDIUM, 4+ HIGH.
 */
class RiskAssessmentTest {

    private static RiskAssessment of(RiskLevel... levels) {
        List<RiskReason> reasons = new ArrayList<>();
        for (int i = 0; i < levels.length; i++) {
            reasons.add(RiskReason.of("reason-" + i, levels[i]));
        }
        return RiskAssessment.of(reasons);
    }

    @Test
    void levelWhenNoReasonsThenNone() {
        assertThat(RiskAssessment.NONE.level()).isEqualTo(NONE);
        assertThat(RiskAssessment.of(List.of()).level()).isEqualTo(NONE);
    }

    @ParameterizedTest(name = "{0} + {1} -> {2}")
    @CsvSource({
            "LOW, , LOW",
            "MEDIUM, , MEDIUM",
            "HIGH, , HIGH",
            "LOW, LOW, MEDIUM",
            "LOW, MEDIUM, MEDIUM",
            "MEDIUM, MEDIUM, HIGH",
            "LOW, HIGH, HIGH",
            "MEDIUM, HIGH, HIGH",
            "HIGH, HIGH, HIGH",
    })
    void levelOfOneOrTwoReasons(RiskLevel first, RiskLevel second, RiskLevel expected) {
        RiskAssessment risk = second == null ? of(first) : of(first, second);

        assertThat(risk.level()).isEqualTo(expected);
    }

    @Test
    void levelOfThreeLowReasonsIsMediumAndFourIsHigh() {
        assertThat(of(LOW, LOW, LOW).level()).isEqualTo(MEDIUM);
        assertThat(of(LOW, LOW, LOW, LOW).level()).isEqualTo(HIGH);
        assertThat(of(LOW, LOW, MEDIUM).level()).isEqualTo(HIGH);
    }

    @Test
    void levelIsNeverBelowTheHighestReasonWhateverTheOrder() {
        RiskLevel[] all = {LOW, MEDIUM, HIGH};
        for (RiskLevel a : all) {
            for (RiskLevel b : all) {
                for (RiskLevel c : all) {
                    RiskAssessment risk = of(a, b, c);
                    RiskLevel max = Collections.max(List.of(a, b, c));
                    assertThat(risk.level()).as("%s %s %s", a, b, c).isGreaterThanOrEqualTo(max);
                    assertThat(of(c, b, a).level()).isEqualTo(risk.level());
                }
            }
        }
    }

    @Test
    void levelWhenManyReasonsThenHighWithoutOverflow() {
        List<RiskReason> many = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            many.add(RiskReason.of("r" + i, HIGH));
        }

        assertThat(RiskAssessment.of(many).level()).isEqualTo(HIGH);
    }

    @Test
    void sameIdCountsOnceAtItsHighestLevel() {
        RiskAssessment risk = RiskAssessment.of(List.of(
                RiskReason.of("new-device", MEDIUM),
                RiskReason.of("new-network", LOW),
                RiskReason.of("new-device", MEDIUM)));

        assertThat(risk.level()).isEqualTo(MEDIUM);
        assertThat(risk.reasonIds()).containsExactly("new-device", "new-network");

        RiskAssessment raised = RiskAssessment.of(List.of(RiskReason.of("x", LOW), RiskReason.of("x", HIGH)));
        assertThat(raised.reasons()).containsExactly(RiskReason.of("x", HIGH));
    }

    @Test
    void requiresMfaFromTheThresholdUp() {
        RiskAssessment medium = of(MEDIUM);

        assertThat(medium.requiresMfa(LOW)).isTrue();
        assertThat(medium.requiresMfa(MEDIUM)).isTrue();
        assertThat(medium.requiresMfa(HIGH)).isFalse();
        assertThat(RiskAssessment.NONE.requiresMfa(LOW)).isFalse();
        assertThatNullPointerException().isThrownBy(() -> medium.requiresMfa(null));
    }

    @Test
    void reasonsForAuditAndPage() {
        RiskAssessment risk = RiskAssessment.of(List.of(RiskReason.of("new-device", MEDIUM),
                new RiskReason("impossible-travel", HIGH, "app.risk.travel")));

        assertThat(risk.reasonIds()).containsExactly("new-device", "impossible-travel");
        assertThat(risk.messageKeys()).containsExactly("stepwise.mfa.risk.new-device", "app.risk.travel");
        assertThat(risk.hasReason("new-device")).isTrue();
        assertThat(risk.hasReason("new-network")).isFalse();
    }

    @Test
    void reasonsAreCopied() {
        List<RiskReason> source = new ArrayList<>(List.of(RiskReason.of("new-device", MEDIUM)));
        RiskAssessment risk = RiskAssessment.of(source);

        source.add(RiskReason.of("recent-failures", HIGH));

        assertThat(risk.level()).isEqualTo(MEDIUM);
    }

    @Test
    void reasonValidation() {
        assertThatIllegalArgumentException().isThrownBy(() -> RiskReason.of("New-Device", MEDIUM));
        assertThatIllegalArgumentException().isThrownBy(() -> RiskReason.of("new device", MEDIUM));
        assertThatIllegalArgumentException().isThrownBy(() -> RiskReason.of("x\ny", MEDIUM));
        assertThatIllegalArgumentException().isThrownBy(() -> RiskReason.of("", MEDIUM));
        assertThatIllegalArgumentException().isThrownBy(() -> RiskReason.of("a".repeat(65), MEDIUM));
        assertThatIllegalArgumentException().isThrownBy(() -> RiskReason.of("nothing", NONE));
        assertThat(RiskReason.of("a".repeat(64), LOW).messageKey()).isEqualTo("stepwise.mfa.risk." + "a".repeat(64));
        assertThat(RiskReason.of("new-device", MEDIUM).withLevel(HIGH))
                .isEqualTo(new RiskReason("new-device", HIGH, "stepwise.mfa.risk.new-device"));
    }
}
