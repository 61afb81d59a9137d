package dev.stepwise.mfa.core;

import dev.stepwise.mfa.core.ApprovalRules.Choices;
import dev.stepwise.mfa.core.ApprovalRules.Continuation;
import dev.stepwise.mfa.core.ApprovalRules.Pick;
import dev.stepwise.mfa.core.ApprovalRules.State;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.HashSet;
import java.util.OptionalInt;
import java.util.Set;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApprovalRulesTest {

    static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");
    static final Instant END = NOW.plusSeconds(600);
    static final Choices CHOICES = new Choices(42, 17, 88);

    @Test
    void choicesAreThreeDistinctNumbersInRangeAndEveryNumberTurnsUp() {
        SecureRandom random = new SecureRandom();
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 5000; i++) {
            Choices c = ApprovalRules.choices(random);
            assertThat(Set.of(c.number(), c.decoyA(), c.decoyB())).hasSize(3)
                    .allSatisfy(n -> assertThat(n).isBetween(10, 99));
            seen.add(c.number());
        }
        assertThat(seen).hasSize(90);
    }

    @Test
    void theNumbersAreShownInAscendingOrderSoTheirPlaceTellsNothing() {
        assertThat(CHOICES.shown()).containsExactly(17, 42, 88);
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 100; i++) {
            assertThat(ApprovalRules.choices(random).shown()).isSorted();
        }
    }

    @Test
    void choicesOutOfRangeOrRepeatedAreRefused() {
        assertThatThrownBy(() -> new Choices(9, 17, 88)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Choices(42, 100, 88)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Choices(42, 42, 88)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Choices(42, 17, 17)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void onlyTheRightNumberApprovesAPendingApproval() {
        assertThat(ApprovalRules.pick(State.PENDING, END, NOW, CHOICES, OptionalInt.of(42))).isEqualTo(Pick.APPROVE);
        assertThat(ApprovalRules.pick(State.PENDING, END, NOW, CHOICES, OptionalInt.of(17))).isEqualTo(Pick.DENY);
        assertThat(ApprovalRules.pick(State.PENDING, END, NOW, CHOICES, OptionalInt.of(55))).isEqualTo(Pick.DENY);
        assertThat(ApprovalRules.pick(State.PENDING, END, NOW, CHOICES, OptionalInt.empty())).isEqualTo(Pick.DENY);
    }

    @ParameterizedTest
    @EnumSource(value = State.class, names = {"APPROVED", "DENIED", "USED"})
    void aDecidedApprovalTakesNoSecondChoice(State state) {
        assertThat(ApprovalRules.pick(state, END, NOW, CHOICES, OptionalInt.of(42))).isEqualTo(Pick.REFUSED);
        assertThat(ApprovalRules.pick(state, END, NOW, CHOICES, OptionalInt.empty())).isEqualTo(Pick.REFUSED);
    }

    @Test
    void anExpiredApprovalTakesNoChoiceFromItsLastInstantOn() {
        assertThat(ApprovalRules.pick(State.PENDING, END, END, CHOICES, OptionalInt.of(42))).isEqualTo(Pick.REFUSED);
        assertThat(ApprovalRules.pick(State.PENDING, END, END.minusMillis(1), CHOICES, OptionalInt.of(42)))
                .isEqualTo(Pick.APPROVE);
    }

    @Test
    void continueUsesOnlyAnApprovedApprovalOfTheSameSessionBeforeItsEnd() {
        assertThat(ApprovalRules.onContinue(State.APPROVED, END, NOW, true)).isEqualTo(Continuation.USE);
        assertThat(ApprovalRules.onContinue(State.APPROVED, END, NOW, false)).isEqualTo(Continuation.FAIL);
        assertThat(ApprovalRules.onContinue(State.APPROVED, END, END, true)).isEqualTo(Continuation.FAIL);
        assertThat(ApprovalRules.onContinue(State.PENDING, END, NOW, true)).isEqualTo(Continuation.WAIT);
        assertThat(ApprovalRules.onContinue(State.PENDING, END, NOW, false)).isEqualTo(Continuation.FAIL);
        assertThat(ApprovalRules.onContinue(State.PENDING, END, END, true)).isEqualTo(Continuation.FAIL);
        assertThat(ApprovalRules.onContinue(State.DENIED, END, NOW, true)).isEqualTo(Continuation.FAIL);
        assertThat(ApprovalRules.onContinue(State.USED, END, NOW, true)).isEqualTo(Continuation.FAIL);
    }
}
