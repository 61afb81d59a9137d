package dev.stepwise.mfa.http;

import dev.stepwise.mfa.web.FakeHttp;

import dev.stepwise.mfa.core.MfaState;
import dev.stepwise.mfa.core.Requirement;
import dev.stepwise.mfa.core.TrustedDeviceGrant;
import dev.stepwise.mfa.core.risk.RiskAssessment;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MfaSessionTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    private final FakeHttp.Session browser = new FakeHttp.Session();

    private MfaSession as(String principal) {
        return MfaSession.of(new FakeHttp.Request(principal, browser).asHttpServletRequest());
    }

    @Test
    void readingNeverCreatesASession() {
        FakeHttp.Request request = new FakeHttp.Request("alice", null);
        MfaSession session = MfaSession.of(request.asHttpServletRequest());

        assertThat(session.state(NOW).anyVerified()).isFalse();
        assertThat(session.pending(NOW)).isNull();
        assertThat(session.takeResume("/x", null, NOW)).isNull();
        assertThat(session.csrfToken()).isNull();
        assertThat(session.risk()).isNull();
        assertThat(request.session).isNull();
    }

    @Test
    void aStateDecidedOnAnOlderCopyDoesNotOverwriteWhatAnotherRequestStoredSince() {
        MfaSession first = as("alice");
        MfaState read = first.state(NOW);                          // a request reads the state...
        MfaSession second = as("alice");
        second.update(NOW, s -> s.withVerified("totp", NOW));      // ...a parallel one verifies a factor...

        boolean cleared = first.replace(read, read.withLoginCleared()); // ...then the first clears the login

        assertThat(cleared).isFalse();
        assertThat(as("alice").state(NOW).verifiedAt()).containsKey("totp");
        assertThat(as("alice").state(NOW).loginCleared()).isFalse();
    }

    @Test
    void aStateStillAsItWasReadIsReplacedAndAnUpdateSeesTheLatest() {
        MfaSession session = as("alice");
        MfaState read = session.state(NOW);

        assertThat(session.replace(read, read.withLoginCleared())).isTrue();
        session.update(NOW, s -> s.withVerified("totp", NOW));

        assertThat(as("alice").state(NOW).loginCleared()).isTrue();
        assertThat(as("alice").state(NOW).verifiedAt()).containsKey("totp");
    }

    @Test
    void secondUserSignedInInTheSameSessionStartsFromNothing() {
        MfaSession alice = as("alice");
        alice.state(MfaState.start("alice", NOW).withVerified("totp", NOW)
                .withTrust(new TrustedDeviceGrant("device-1", NOW.plusSeconds(3600))));
        alice.risk(RiskAssessment.NONE);
        alice.pending(PendingChallenge.issue(List.of("totp"), Requirement.stepUp(Duration.ofMinutes(5)),
                new SavedRequest("POST", "/account/email", null, Map.of("email", List.of("a@example.com")),
                        "email=a%40example.com".getBytes(java.nio.charset.StandardCharsets.UTF_8), true),
                NOW, NOW.plusSeconds(300)));
        String aliceToken = alice.csrfToken(() -> "alice-token");
        alice.factorStore().put("webauthn.challenge", "abc");

        MfaSession bob = as("bob");

        assertThat(bob.state(NOW).user()).isEqualTo("bob");
        assertThat(bob.state(NOW).anyVerified()).isFalse();
        assertThat(bob.state(NOW).trust()).isNull();
        assertThat(bob.risk()).isNull();
        assertThat(bob.pending(NOW)).isNull();
        assertThat(bob.csrfToken()).isNull();
        assertThat(bob.csrfToken(() -> "bob-token")).isNotEqualTo(aliceToken);
        assertThat(bob.factorStore().get("webauthn.challenge")).isNull();
        // and alice, back in the same session later, does not find bob's things or her own old ones
        assertThat(as("alice").csrfToken()).isNull();
    }

    @Test
    void stateOfAnotherUserCannotBeStored() {
        assertThatThrownBy(() -> as("alice").state(MfaState.start("bob", NOW)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theLibraryKeepsOneSessionAttribute() {
        MfaSession alice = as("alice");
        alice.state(MfaState.start("alice", NOW));
        alice.csrfToken(() -> "t");
        alice.factorStore().put("k", "v");

        assertThat(browser.attributes).containsOnlyKeys(MfaSession.ATTRIBUTE);
    }

    @Test
    void rotatingKeepsTheStateUnderANewId() {
        FakeHttp.Request request = new FakeHttp.Request("alice", browser);
        MfaSession session = MfaSession.of(request.asHttpServletRequest());
        session.state(MfaState.start("alice", NOW).withVerified("totp", NOW));
        String before = browser.id;

        session.rotateId();

        assertThat(browser.id).isNotEqualTo(before);
        assertThat(as("alice").state(NOW).anyVerified()).isTrue();
    }
}
