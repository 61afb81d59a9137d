package dev.stepwise.mfa.http;

import dev.stepwise.mfa.core.MfaState;
import dev.stepwise.mfa.core.Requirement;
import dev.stepwise.mfa.core.risk.RiskAssessment;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class SessionSlotsTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    private static SavedRequest transfer(String amount) {
        return new SavedRequest("POST", "/api/transfers", null, Map.of("to", List.of("bob"), "amount", List.of(amount)),
                ("to=bob&amount=" + amount).getBytes(java.nio.charset.StandardCharsets.UTF_8), true);
    }

    private static PendingChallenge pending(SavedRequest saved) {
        return PendingChallenge.issue(List.of("totp"), Requirement.stepUp(Duration.ofMinutes(5)), saved, NOW,
                NOW.plus(Duration.ofMinutes(5)));
    }

    private static SessionSlots filledFor(String user) {
        SessionSlots slots = new SessionSlots(user);
        slots.state(user, MfaState.start(user, NOW).withVerified("totp", NOW));
        slots.pending(user, pending(transfer("7")));
        slots.resume(user, new SessionSlots.Resume(transfer("7"), false, NOW.plusSeconds(300)));
        slots.risk(user, RiskAssessment.NONE);
        slots.csrfOrCreate(user, () -> "token-of-" + user);
        slots.firstTime(user, SessionSlots.Flag.RISK_AUDITED);
        slots.factorData(user, "webauthn.challenge", "pending");
        return slots;
    }

    @Test
    void anotherPrincipalInTheSameSessionInheritsNothing() {
        SessionSlots slots = filledFor("alice");

        // bob's first access empties everything alice left, in the same step

        assertThat(slots.state("bob")).isNull();
        assertThat(slots.owner()).isEqualTo("bob");
        assertThat(slots.pending("bob", NOW)).isNull();
        assertThat(slots.takeResume("bob", "/api/transfers", null, NOW)).isNull();
        assertThat(slots.risk("bob")).isNull();
        assertThat(slots.csrf("bob")).isNull();
        assertThat(slots.firstTime("bob", SessionSlots.Flag.RISK_AUDITED)).isTrue();
        assertThat(slots.factorData("bob", "webauthn.challenge")).isNull();
    }

    @Test
    void samePrincipalKeepsItsState() {
        SessionSlots slots = filledFor("alice");

        assertThat(slots.bind("alice")).isFalse();

        assertThat(slots.state("alice").user()).isEqualTo("alice");
        assertThat(slots.csrf("alice")).isEqualTo("token-of-alice");
    }

    @Test
    void signingOutToAnonymousClearsToo() {
        SessionSlots slots = filledFor("alice");

        assertThat(slots.bind(null)).isTrue();
        assertThat(slots.state(null)).isNull();
        assertThat(slots.csrf("alice")).as("back from anonymous: nothing of before").isNull();
    }

    @Test
    void aWriteForOnePrincipalNeverLandsInAnothersSlots() {
        SessionSlots slots = filledFor("alice");
        slots.csrf("bob"); // bob's request took the session over in between

        slots.risk("alice", RiskAssessment.NONE); // alice's late write empties bob's slots first

        assertThat(slots.risk("bob")).as("bob does not see alice's risk").isNull();
    }

    @Test
    void pendingChallengeExpiresWithTheRequestItSaved() {
        SessionSlots slots = new SessionSlots("alice");
        PendingChallenge challenge = pending(transfer("7"));
        slots.pending("alice", challenge);

        assertThat(slots.pending("alice", NOW.plus(Duration.ofMinutes(5)).minusMillis(1))).isNotNull();
        assertThat(slots.pending("alice", NOW.plus(Duration.ofMinutes(5)))).isNull();
        assertThat(slots.takePending("alice", challenge.id(), NOW)).as("wiped, not only hidden").isNull();
    }

    @Test
    void answeringAChallengeThatWasReplacedTakesNothingAndKeepsTheNewOne() {
        SessionSlots slots = new SessionSlots("alice");
        PendingChallenge shown = pending(transfer("7"));
        slots.pending("alice", shown);
        PendingChallenge newer = pending(transfer("700")); // another tab, or another site, in between
        slots.pending("alice", newer);

        assertThat(slots.takePending("alice", shown.id(), NOW)).isNull();
        assertThat(slots.pending("alice", NOW)).isEqualTo(newer);
        assertThat(slots.takePending("alice", newer.id(), NOW)).isEqualTo(newer);
        assertThat(shown.isNamedBy(newer.id())).isFalse();
        assertThat(newer.isNamedBy(newer.id())).isTrue();
        assertThat(newer.isNamedBy(null)).isFalse();
    }

    @Test
    void resumeIsTakenOnceAndOnlyForItsTarget() {
        SessionSlots slots = new SessionSlots("alice");
        slots.resume("alice", new SessionSlots.Resume(transfer("7"), false, NOW.plusSeconds(300)));

        assertThat(slots.takeResume("alice", "/account/email", null, NOW)).isNull();
        assertThat(slots.takeResume("alice", "/api/transfers", null, NOW)).isNotNull();
        assertThat(slots.takeResume("alice", "/api/transfers", null, NOW)).isNull();
    }

    @Test
    void expiredResumeIsWipedNotReplayed() {
        SessionSlots slots = new SessionSlots("alice");
        slots.resume("alice", new SessionSlots.Resume(transfer("7"), false, NOW.plusSeconds(300)));

        assertThat(slots.takeResume("alice", "/api/transfers", null, NOW.plusSeconds(300))).isNull();
        assertThat(slots.takeResume("alice", "/api/transfers", null, NOW)).isNull();
    }

    @Test
    void thirtyTwoConcurrentRequestsForTheTargetReplayItOnce() throws Exception {
        SessionSlots slots = new SessionSlots("alice");
        slots.resume("alice", new SessionSlots.Resume(transfer("7"), false, NOW.plusSeconds(300)));
        int threads = 32;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            Callable<Boolean> take = () -> {
                start.await();
                return slots.takeResume("alice", "/api/transfers", null, NOW) != null;
            };
            List<Future<Boolean>> results = new java.util.ArrayList<>();
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(take));
            }
            start.countDown();
            int replays = 0;
            for (Future<Boolean> f : results) {
                replays += f.get(10, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(replays).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void zeroMaxAgeStepUpConfirmsOneRequest() {
        PendingChallenge perRequest = PendingChallenge.issue(List.of("totp"), Requirement.stepUp(Duration.ZERO),
                transfer("7"), NOW, NOW.plusSeconds(300));

        assertThat(perRequest.confirmsOneRequest()).isTrue();
        assertThat(pending(transfer("7")).confirmsOneRequest()).isFalse();
    }
}
