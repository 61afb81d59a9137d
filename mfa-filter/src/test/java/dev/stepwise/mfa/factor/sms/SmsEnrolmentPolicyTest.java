package dev.stepwise.mfa.factor.sms;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class SmsEnrolmentPolicyTest {

    @Test
    void smsAloneMayNotBeEnrolled() {
        assertThat(SmsEnrolmentPolicy.mayEnrol(Set.of())).isFalse();
        assertThat(SmsEnrolmentPolicy.mayEnrol(Set.of("sms"))).isFalse();
        assertThat(SmsEnrolmentPolicy.mayEnrol(Set.of(" "))).isFalse();
    }

    @Test
    void smsMayJoinAnyOtherFactorRecoveryCodesIncluded() {
        assertThat(SmsEnrolmentPolicy.mayEnrol(Set.of("totp"))).isTrue();
        assertThat(SmsEnrolmentPolicy.mayEnrol(Set.of("recovery"))).isTrue();
        assertThat(SmsEnrolmentPolicy.mayEnrol(Set.of("sms", "webauthn"))).isTrue();
    }

    @Test
    void theLastFactorBesideSmsMayNotBeRemoved() {
        assertThat(SmsEnrolmentPolicy.mayRemove("totp", Set.of("sms", "totp"))).isFalse();
        assertThat(SmsEnrolmentPolicy.mayRemove("totp", Set.of("sms", "totp", "recovery"))).isTrue();
        assertThat(SmsEnrolmentPolicy.mayRemove("recovery", Set.of("sms", "recovery"))).isFalse();
    }

    @Test
    void smsItselfAndFactorsOfUsersWithoutSmsMayAlwaysBeRemoved() {
        assertThat(SmsEnrolmentPolicy.mayRemove("sms", Set.of("sms", "totp"))).isTrue();
        assertThat(SmsEnrolmentPolicy.mayRemove("totp", Set.of("totp"))).isTrue();
    }
}
