package dev.stepwise.mfa.factor.totp;

import dev.stepwise.mfa.factor.Verification;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Two nodes on one credential store, node B acting between node A's read and node A's write (the two-node soak
 * found the check-then-act): an active credential is never replaced, and a confirmation activates only the
 * pending secret it verified.
 */
class TotpFactorInterleavingTest {

    private static final Instant T0 = Instant.ofEpochSecond(1_700_000_000L);
    private static final Verification WRONG = Verification.rejected(TotpFactor.ERROR_CODE);

    private final Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
    private final InMemoryTotpCredentialStore shared = new InMemoryTotpCredentialStore();
    private final InterleavingTotpStore seenByA = new InterleavingTotpStore(shared);
    private final TotpFactor nodeA = new TotpFactor(seenByA, clock, TotpSettings.defaults());
    private final TotpFactor nodeB = new TotpFactor(shared, clock, TotpSettings.defaults());

    @Test
    void beginIsRefusedWhenAnotherNodeActivatedACredentialMeanwhile() {
        TotpSecret theirs = TotpSecret.generate();
        seenByA.onceAfterNextFind(() -> nodeB.provision("alice", theirs));

        assertThatThrownBy(() -> nodeA.begin("alice", "Example")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already active");

        assertThat(shared.find("alice")).contains(new TotpCredential("alice", theirs, true, TotpCredential.NO_STEP));
    }

    @Test
    void provisionIsRefusedWhenAnotherNodeProvisionedMeanwhileAndTheirSecretStays() {
        TotpSecret theirs = TotpSecret.generate();
        seenByA.onceAfterNextFind(() -> nodeB.provision("alice", theirs));

        assertThatThrownBy(() -> nodeA.provision("alice", TotpSecret.generate()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("already active");

        assertThat(shared.find("alice")).contains(new TotpCredential("alice", theirs, true, TotpCredential.NO_STEP));
    }

    @Test
    void confirmDoesNotActivateASecretThatANewEnrolmentReplacedMeanwhile() {
        TotpEnrolment first = nodeB.begin("alice", "Example");
        TotpEnrolment[] second = new TotpEnrolment[1];
        seenByA.onceAfterNextFind(() -> second[0] = nodeB.begin("alice", "Example"));

        assertThat(nodeA.confirm("alice", codeNow(first.secret()))).isEqualTo(WRONG);

        TotpCredential stored = shared.find("alice").orElseThrow();
        assertThat(stored.active()).isFalse();
        assertThat(stored.secret()).isEqualTo(second[0].secret());
    }

    @Test
    void confirmDoesNotReplaceACredentialProvisionedMeanwhile() {
        TotpEnrolment pending = nodeB.begin("alice", "Example");
        TotpSecret theirs = TotpSecret.generate();
        seenByA.onceAfterNextFind(() -> nodeB.provision("alice", theirs));

        assertThat(nodeA.confirm("alice", codeNow(pending.secret()))).isEqualTo(WRONG);

        TotpCredential stored = shared.find("alice").orElseThrow();
        assertThat(stored.active()).isTrue();
        assertThat(stored.secret()).isEqualTo(theirs);
    }

    @Test
    void confirmWithoutInterferenceActivatesThePendingSecretWithItsStepUsed() {
        TotpEnrolment pending = nodeB.begin("alice", "Example");
        String code = codeNow(pending.secret());

        assertThat(nodeA.confirm("alice", code)).isEqualTo(Verification.accepted());

        TotpVerifier codes = new TotpVerifier(TotpSettings.defaults(), clock, shared);
        assertThat(shared.find("alice")).contains(new TotpCredential("alice", pending.secret(), true,
                codes.stepAt(T0)));
        assertThat(nodeB.verify("alice", java.util.Map.of("code", code), null)).isEqualTo(WRONG);
    }

    private String codeNow(TotpSecret secret) {
        TotpVerifier codes = new TotpVerifier(TotpSettings.defaults(), clock, new InMemoryTotpCredentialStore());
        return codes.codeAt(secret, codes.stepAt(clock.instant()));
    }
}
