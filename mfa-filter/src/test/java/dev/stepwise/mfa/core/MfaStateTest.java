package dev.stepwise.mfa.core;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.stepwise.mfa.Factors.RECOVERY;
import static dev.stepwise.mfa.Factors.TOTP;
import static dev.stepwise.mfa.Factors.WEBAUTHN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

/**
 * {@link MfaState}: an immutable value; every change is a new state.
 */
class MfaStateTest {

    private static final Instant LOGIN = Instant.parse("2025-03-01T09:00:00Z");
    private static final Instant T1 = LOGIN.plus(Duration.ofMinutes(1));
    private static final Instant T2 = LOGIN.plus(Duration.ofMinutes(2));
    private static final Instant T3 = LOGIN.plus(Duration.ofMinutes(3));

    private final MfaState start = MfaState.start("alice", LOGIN);

    @Test
    void startThenNothingProven() {
        assertThat(start.user()).isEqualTo("alice");
        assertThat(start.primaryAuthAt()).isEqualTo(LOGIN);
        assertThat(start.verifiedAt()).isEmpty();
        assertThat(start.trust()).isNull();
        assertThat(start.loginCleared()).isFalse();
        assertThat(start.anyVerified()).isFalse();
    }

    @Test
    void withVerifiedThenNewStateAndOriginalUnchanged() {
        MfaState verified = start.withVerified(TOTP, T1);

        assertThat(verified).isNotSameAs(start);
        assertThat(verified.verifiedAt()).containsExactlyEntriesOf(Map.of(TOTP, T1));
        assertThat(verified.anyVerified()).isTrue();
        assertThat(start.verifiedAt()).isEmpty();
        assertThat(start.anyVerified()).isFalse();
    }

    @Test
    void withVerifiedWhenSameFactorAgainThenLatestTimeReplacesEarlier() {
        MfaState twice = start.withVerified(TOTP, T1).withVerified(TOTP, T2);

        assertThat(twice.verifiedAt()).containsExactlyEntriesOf(Map.of(TOTP, T2));
    }

    @Test
    void withVerifiedWhenNullThenNullPointerException() {
        assertThatNullPointerException().isThrownBy(() -> start.withVerified(null, T1));
        assertThatNullPointerException().isThrownBy(() -> start.withVerified(TOTP, null));
    }

    @Test
    void constructWhenSourceMapChangesThenStateUnchanged() {
        Map<String, Instant> source = new HashMap<>(Map.of(TOTP, T1));
        MfaState state = new MfaState("alice", LOGIN, source, null, false);

        source.put(WEBAUTHN, T2);
        source.put(TOTP, T3);

        assertThat(state.verifiedAt()).containsExactlyEntriesOf(Map.of(TOTP, T1));
    }

    @Test
    void verifiedAtThenUnmodifiable() {
        MfaState state = start.withVerified(TOTP, T1);

        assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> state.verifiedAt().put(WEBAUTHN, T2));
    }

    @Test
    void constructWhenUserOrPrimaryAuthOrMapMissingThenNullPointerException() {
        assertThatNullPointerException().isThrownBy(() -> new MfaState(null, LOGIN, Map.of(), null, false));
        assertThatNullPointerException().isThrownBy(() -> new MfaState("alice", null, Map.of(), null, false));
        assertThatNullPointerException().isThrownBy(() -> new MfaState("alice", LOGIN, null, null, false));
    }

    @Test
    void lastVerifiedThenLatestAmongGivenIdsOnly() {
        // webauthn is the latest overall but not asked about
        MfaState state = start.withVerified(TOTP, T1).withVerified(RECOVERY, T2).withVerified(WEBAUTHN, T3);

        assertThat(state.lastVerified(List.of(TOTP, RECOVERY))).contains(T2);
        assertThat(state.lastVerified(List.of(RECOVERY, TOTP))).contains(T2);
        assertThat(state.lastVerified(List.of(TOTP))).contains(T1);
        assertThat(state.lastVerified(List.of(TOTP, RECOVERY, WEBAUTHN))).contains(T3);
    }

    @Test
    void lastVerifiedWhenNoneOfGivenIdsVerifiedThenEmpty() {
        MfaState state = start.withVerified(TOTP, T1);

        assertThat(state.lastVerified(List.of(WEBAUTHN, RECOVERY))).isEmpty();
        assertThat(state.lastVerified(List.of())).isEmpty();
    }

    @Test
    void withTrustThenNewStateAndOriginalUnchanged() {
        TrustedDeviceGrant grant = new TrustedDeviceGrant("device-1", T3);

        MfaState trusted = start.withTrust(grant);

        assertThat(trusted.trust()).isEqualTo(grant);
        assertThat(start.trust()).isNull();
        assertThat(trusted.withTrust(null).trust()).isNull();
    }

    @Test
    void withLoginClearedThenNewStateKeepingTheRest() {
        MfaState state = start.withVerified(TOTP, T1).withTrust(new TrustedDeviceGrant("device-1", T3));

        MfaState cleared = state.withLoginCleared();

        assertThat(cleared.loginCleared()).isTrue();
        assertThat(state.loginCleared()).isFalse();
        assertThat(cleared).isEqualTo(new MfaState("alice", LOGIN, Map.of(TOTP, T1), state.trust(), true));
        assertThat(cleared.withLoginCleared()).isSameAs(cleared);
    }

    @Test
    void withVerifiedThenKeepsTrustAndLoginCleared() {
        TrustedDeviceGrant grant = new TrustedDeviceGrant("device-1", T3);
        MfaState state = start.withTrust(grant).withLoginCleared();

        MfaState verified = state.withVerified(TOTP, T1);

        assertThat(verified.trust()).isEqualTo(grant);
        assertThat(verified.loginCleared()).isTrue();
        assertThat(verified.primaryAuthAt()).isEqualTo(LOGIN);
    }
}
