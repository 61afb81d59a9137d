package dev.stepwise.mfa.web;

import dev.stepwise.mfa.factor.push.PushApprovals;
import dev.stepwise.mfa.runtime.AttemptOutcome;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The JSON challenge API's answer when a factor could not check an answer now. */
class ApiProblemTest {

    @Test
    void aPushApprovalStillWaitingIsPendingNotAnOutage() {
        ApiProblem problem = ApiProblem.notChecked(new AttemptOutcome.Unavailable(PushApprovals.WAITING));

        assertThat(problem.status()).isEqualTo(409);
        assertThat(problem.type()).isEqualTo(ApiProblem.PREFIX + "approval-pending");
    }

    @Test
    void aFactorThatCouldNotCheckIsUnavailable() {
        ApiProblem problem = ApiProblem.notChecked(new AttemptOutcome.Unavailable(AttemptOutcome.UNAVAILABLE));

        assertThat(problem.status()).isEqualTo(503);
        assertThat(problem.type()).isEqualTo(ApiProblem.PREFIX + "mfa-unavailable");
    }
}
