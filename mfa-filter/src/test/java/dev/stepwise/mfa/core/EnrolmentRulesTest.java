package dev.stepwise.mfa.core;

import dev.stepwise.mfa.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import static dev.stepwise.mfa.Factors.QUESTIONS;
import static dev.stepwise.mfa.Factors.RECOVERY;
import static dev.stepwise.mfa.Factors.SMS;
import static dev.stepwise.mfa.Factors.TOTP;
import static dev.stepwise.mfa.Factors.WEBAUTHN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

/** {@link EnrolmentRules}: the rules of the settings pages, one test per rule. */
class EnrolmentRulesTest {

    private final MfaPolicy policy = new MfaPolicy(new MutableClock(Instant.parse("2025-03-01T10:00:00Z")),
            List.of(WEBAUTHN, TOTP, SMS, RECOVERY), Set.of("auditor"));
    private final Caller user = Caller.of("alice", Set.of("user"));
    private final Caller auditor = Caller.of("alice", Set.of("user", "auditor"));

    private EnrolmentRules under(LoginPolicy login) {
        return new EnrolmentRules(policy, login);
    }

    private final EnrolmentRules enrolled = under(new LoginPolicy.Enrolled());

    // --- SMS never counts alone ----------------------------------------------------------------------------------

    @Test
    void countingDropsSmsWhenItIsAlone() {
        assertThat(EnrolmentRules.counting(Set.of(SMS))).isEmpty();
        assertThat(EnrolmentRules.counting(Set.of())).isEmpty();
    }

    @Test
    void countingKeepsSmsBesideAnotherFactorOrRecoveryCodesInTheGivenOrder() {
        assertThat(EnrolmentRules.counting(new java.util.LinkedHashSet<>(List.of(TOTP, SMS)))).containsExactly(TOTP, SMS);
        assertThat(EnrolmentRules.counting(Set.of(SMS, RECOVERY))).containsExactlyInAnyOrder(SMS, RECOVERY);
    }

    @Test
    void countingNeverChangesItsArgument() {
        Set<String> raw = new java.util.HashSet<>(Set.of(SMS));

        EnrolmentRules.counting(raw);

        assertThat(raw).containsExactly(SMS);
    }

    @Test
    void smsMayBeAddedOnlyBesideAnotherFactor() {
        assertThat(EnrolmentRules.mayAddSms(Set.of())).isFalse();
        assertThat(EnrolmentRules.mayAddSms(Set.of(SMS))).isFalse();
        assertThat(EnrolmentRules.mayAddSms(Set.of(RECOVERY))).isTrue();
        assertThat(EnrolmentRules.mayAddSms(Set.of(TOTP, SMS))).isTrue();
    }

    // --- step-ups ------------------------------------------------------------------------------------------------

    @Test
    void theFirstFactorNeedsNoStepUpLaterOnesDo() {
        assertThat(enrolled.addNeedsStepUp(Set.of())).isFalse();
        assertThat(enrolled.addNeedsStepUp(Set.of(SMS))).isFalse(); // SMS alone is no factor to prove
        assertThat(enrolled.addNeedsStepUp(Set.of(TOTP))).isTrue();
    }

    @Test
    void changesNeedAStepUpOnceTheUserHasAFactor() {
        assertThat(enrolled.changeNeedsStepUp(Set.of())).isFalse();
        assertThat(enrolled.changeNeedsStepUp(Set.of(WEBAUTHN))).isTrue();
    }

    @Test
    void turningAlwaysAskOffIsAWeakeningAndNeedsAStepUp() {
        assertThat(enrolled.preferenceNeedsStepUp(true, false, Set.of(TOTP))).isTrue();
        assertThat(enrolled.preferenceNeedsStepUp(false, true, Set.of(TOTP))).isFalse();
        assertThat(enrolled.preferenceNeedsStepUp(true, true, Set.of(TOTP))).isFalse();
        assertThat(enrolled.preferenceNeedsStepUp(true, false, Set.of())).isFalse();
    }

    // --- recovery codes ------------------------------------------------------------------------------------------

    @Test
    void recoveryCodesNeedAnotherFactorThatCounts() {
        assertThat(enrolled.mayHaveRecoveryCodes(Set.of())).isFalse();
        assertThat(enrolled.mayHaveRecoveryCodes(Set.of(RECOVERY))).isFalse();
        assertThat(enrolled.mayHaveRecoveryCodes(Set.of(SMS))).isFalse();
        assertThat(enrolled.mayHaveRecoveryCodes(Set.of(TOTP, RECOVERY))).isTrue();
        assertThat(enrolled.mayHaveRecoveryCodes(Set.of(SMS, RECOVERY))).isTrue();
    }

    // --- security questions ------------------------------------------------------------------------------------

    /** Questions never count alone: setting them up needs a factor that counts, besides recovery codes (issue 17). */
    @Test
    void questionsNeedAnotherFactorThatCounts() {
        assertThat(enrolled.mayHaveQuestions(Set.of())).isFalse();
        assertThat(enrolled.mayHaveQuestions(Set.of(QUESTIONS))).isFalse();
        assertThat(enrolled.mayHaveQuestions(Set.of(RECOVERY, QUESTIONS))).isFalse();
        assertThat(enrolled.mayHaveQuestions(Set.of(SMS))).isFalse();
        assertThat(enrolled.mayHaveQuestions(Set.of(SMS, QUESTIONS))).isFalse();
        assertThat(enrolled.mayHaveQuestions(Set.of(TOTP))).isTrue();
        assertThat(enrolled.mayHaveQuestions(Set.of(WEBAUTHN, QUESTIONS))).isTrue();
        assertThat(enrolled.mayHaveQuestions(Set.of(SMS, RECOVERY))).isTrue();
    }

    // --- removal -------------------------------------------------------------------------------------------------

    @Test
    void removingAFactorWhileAnotherRemainsIsAllowedEvenUnderAll() {
        assertThat(under(new LoginPolicy.All()).mayRemove(user, TOTP, Set.of(TOTP, WEBAUTHN))).isTrue();
    }

    @Test
    void removingTheLastFactorIsSwitchingMfaOffAllowedOnlyWhereThePolicyAllows() {
        assertThat(under(new LoginPolicy.Off()).mayRemove(user, TOTP, Set.of(TOTP, RECOVERY))).isTrue();
        assertThat(enrolled.mayRemove(user, TOTP, Set.of(TOTP))).isTrue();
        assertThat(under(new LoginPolicy.Adaptive()).mayRemove(user, TOTP, Set.of(TOTP))).isTrue();
        assertThat(under(new LoginPolicy.All()).mayRemove(user, TOTP, Set.of(TOTP, RECOVERY))).isFalse();
    }

    @Test
    void removingTheLastFactorIsRefusedForAMandatoryRole() {
        assertThat(enrolled.mayRemove(auditor, TOTP, Set.of(TOTP))).isFalse();
        assertThat(under(new LoginPolicy.Roles(Set.of("user"))).mayRemove(user, TOTP, Set.of(TOTP))).isFalse();
        assertThat(enrolled.mayDisableOwnMfa(auditor)).isFalse();
        assertThat(enrolled.mayDisableOwnMfa(user)).isTrue();
        assertThat(under(new LoginPolicy.All()).mayDisableOwnMfa(user)).isFalse();
    }

    @Test
    void aRemovalNeverLeavesSmsAlone() {
        assertThat(under(new LoginPolicy.Off()).mayRemove(user, TOTP, Set.of(TOTP, SMS))).isFalse();
        assertThat(under(new LoginPolicy.All()).mayRemove(user, TOTP, Set.of(TOTP, SMS))).isFalse();
        assertThat(enrolled.mayRemove(user, RECOVERY, Set.of(SMS, RECOVERY))).isFalse();
    }

    @Test
    void aRemovalMayLeaveSmsWithRecoveryCodesOrRemoveSmsItself() {
        assertThat(enrolled.mayRemove(user, TOTP, Set.of(TOTP, SMS, RECOVERY))).isTrue();
        assertThat(enrolled.mayRemove(user, SMS, Set.of(TOTP, SMS))).isTrue();
        assertThat(EnrolmentRules.leavesSmsWithCompany(TOTP, Set.of(TOTP, WEBAUTHN))).isTrue();
    }

    @Test
    void smsAloneMayNotBeAddedButJoinsAnyOtherFactor() {
        assertThat(EnrolmentRules.mayAddSms(Set.of(" "))).isFalse();
        assertThat(EnrolmentRules.mayAddSms(Set.of(TOTP))).isTrue();
        assertThat(EnrolmentRules.mayAddSms(Set.of(SMS, WEBAUTHN))).isTrue();
    }

    @Test
    void onlyTheLastFactorBesideSmsIsKept() {
        assertThat(EnrolmentRules.leavesSmsWithCompany(TOTP, Set.of(SMS, TOTP))).isFalse();
        assertThat(EnrolmentRules.leavesSmsWithCompany(TOTP, Set.of(SMS, TOTP, RECOVERY))).isTrue();
        assertThat(EnrolmentRules.leavesSmsWithCompany(RECOVERY, Set.of(SMS, RECOVERY))).isFalse();
        assertThat(EnrolmentRules.leavesSmsWithCompany(SMS, Set.of(SMS, TOTP))).isTrue();
        assertThat(EnrolmentRules.leavesSmsWithCompany(TOTP, Set.of(TOTP))).isTrue();
    }

    @Test
    void missingArgumentsAreRefused() {
        assertThatNullPointerException().isThrownBy(() -> new EnrolmentRules(null, new LoginPolicy.Off()));
        assertThatNullPointerException().isThrownBy(() -> new EnrolmentRules(policy, null));
        assertThatNullPointerException().isThrownBy(() -> enrolled.mayRemove(user, null, Set.of(TOTP)));
    }
}
