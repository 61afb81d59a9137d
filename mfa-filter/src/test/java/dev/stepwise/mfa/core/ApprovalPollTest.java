package dev.stepwise.mfa.core;

import dev.stepwise.mfa.core.ApprovalPoll.Status;
import dev.stepwise.mfa.core.ApprovalRules.State;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class ApprovalPollTest {

    private static final Instant END = Instant.parse("2026-12-05T10:10:00Z");
    private static final Instant BEFORE = END.minusMillis(1);

    @Test
    void theAskingSessionSeesTheStateBeforeTheEnd() {
        assertThat(ApprovalPoll.of(State.PENDING, END, BEFORE, true)).isEqualTo(Status.PENDING);
        assertThat(ApprovalPoll.of(State.APPROVED, END, BEFORE, true)).isEqualTo(Status.APPROVED);
        assertThat(ApprovalPoll.of(State.DENIED, END, BEFORE, true)).isEqualTo(Status.DENIED);
    }

    @ParameterizedTest
    @EnumSource(State.class)
    void anotherSessionSeesNothing(State state) {
        assertThat(ApprovalPoll.of(state, END, BEFORE, false)).isEqualTo(Status.NONE);
        assertThat(ApprovalPoll.of(state, END, END.plusSeconds(60), false)).isEqualTo(Status.NONE);
    }

    @Test
    void aSpentApprovalIsNothing() {
        assertThat(ApprovalPoll.of(State.USED, END, BEFORE, true)).isEqualTo(Status.NONE);
    }

    @Test
    void atItsLastInstantAnApprovalHasExpiredUnlessDenied() {
        assertThat(ApprovalPoll.of(State.PENDING, END, END, true)).isEqualTo(Status.EXPIRED);
        assertThat(ApprovalPoll.of(State.APPROVED, END, END, true)).as("approved too late to continue")
                .isEqualTo(Status.EXPIRED);
        assertThat(ApprovalPoll.of(State.DENIED, END, END, true)).as("a denial stays a denial")
                .isEqualTo(Status.DENIED);
    }

    @Test
    void approvedOnlyWhereContinueWouldUseIt() {
        Instant[] times = {BEFORE, END, END.plusSeconds(1)};
        for (State state : State.values()) {
            for (Instant now : times) {
                for (boolean same : new boolean[]{true, false}) {
                    boolean approved = ApprovalPoll.of(state, END, now, same) == Status.APPROVED;
                    boolean use = ApprovalRules.onContinue(state, END, now, same) == ApprovalRules.Continuation.USE;
                    assertThat(approved).as(state + " " + now + " " + same).isEqualTo(use);
                }
            }
        }
    }

    @Test
    void namesInLowerCase() {
        assertThat(Status.APPROVED.json()).isEqualTo("approved");
        assertThat(Status.NONE.json()).isEqualTo("none");
    }
}
