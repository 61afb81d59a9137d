package dev.stepwise.mfa.core;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A "trust this device" grant satisfies a step-up that accepts trusted devices, so a verification of a factor on
 * hold (enrolled under an exemption) must not earn one: the hold would be passed around through the device.
 */
class TrustAfterHoldTest {

    private static final Instant NOW = Instant.parse("2026-12-04T10:00:00Z");
    private final MfaState start = MfaState.start("alice", NOW.minus(Duration.ofMinutes(5)));

    @Test
    void aFactorWithoutHoldMayEarnTrust() {
        MfaState state = start.withVerified("totp", NOW, Map.of());
        assertThat(state.mayTrustDeviceAfter("totp", NOW)).isTrue();
    }

    @Test
    void aFactorOnHoldMayNotUntilTheHoldEnds() {
        Instant end = NOW.plus(Duration.ofDays(1));
        MfaState state = start.withVerified("totp", NOW, Map.of("totp", end));
        assertThat(state.mayTrustDeviceAfter("totp", NOW)).isFalse();
        assertThat(state.mayTrustDeviceAfter("totp", end.minusMillis(1))).isFalse();
        assertThat(state.mayTrustDeviceAfter("totp", end)).isTrue(); // the hold ends exclusively at its end
    }

    @Test
    void anotherFactorsHoldDoesNotMatter() {
        MfaState state = start.withVerified("webauthn", NOW, Map.of("totp", NOW.plus(Duration.ofDays(1))));
        assertThat(state.mayTrustDeviceAfter("webauthn", NOW)).isTrue();
    }

    @Test
    void aVerificationKeptWithoutItsHoldOrNoneAtAllEarnsNothing() {
        assertThat(start.withVerified("totp", NOW).mayTrustDeviceAfter("totp", NOW)).isFalse();
        assertThat(start.mayTrustDeviceAfter("totp", NOW)).isFalse();
    }
}
