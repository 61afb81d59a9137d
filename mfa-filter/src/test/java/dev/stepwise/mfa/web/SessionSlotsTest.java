package dev.stepwise.mfa.web;

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
        return new PendingChallenge(List.of("totp"), Requirement.stepUp(Duration.ofMinutes(5)), saved, NOW,
                NOW.plus(Duration.ofMinutes(5)));
    }

    private static SessionSlots filledFor(String user) {
        SessionSlots slots = new SessionSlots(user);
        slots.state(MfaState.start(user, NOW).withVerified("totp", NOW));
        slots.pending(pending(transfer("7")));
        slots.resume(new SessionSlots.Resume(transfer("7"), false, NOW.plusSeconds(300)));
        slots.risk(RiskAssessment.NONE);
        slots.csrfOrCreate(() -> "token-of-" + user);
        slots.firstTime(SessionSlots.Flag.RISK_AUDITED);
        slots.factorData("webauthn.challenge", "pending");
        return slots;
    }

    @Test
    void anotherPrincipalInTheSameSessionInheritsNothing() {
        SessionSlots slots = filledFor("alice");

        assertThat(slots.bind("bob")).isTrue();

        assertThat(slots.owner()).isEqualTo("bob");
        assertThat(slots.state()).isNull();
        assertThat(slots.pending(NOW)).isNull();
        assertThat(slots.takeResume("/api/transfers", null, NOW)).isNull();
        assertThat(slots.risk()).isNull();
        assertThat(slots.csrf()).isNull();
        assertThat(slots.firstTime(SessionSlots.Flag.RISK_AUDITED)).isTrue();
        assertThat(slots.factorData("webauthn.challenge")).isNull();
    }

    @Test
    void samePrincipalKeepsItsState() {
        SessionSlots slots = filledFor("alice");

        assertThat(slots.bind("alice")).isFalse();

        assertThat(slots.state().user()).isEqualTo("alice");
        assertThat(slots.csrf()).isEqualTo("token-of-alice");
    }

    @Test
    void signingOutToAnonymousClearsToo() {
        SessionSlots slots = filledFor("alice");

        assertThat(slots.bind(null)).isTrue();
        assertThat(slots.state()).isNull();
        assertThat(slots.bind("alice")).isTrue(); // back from anonymous: still nothing of before
        assertThat(slots.csrf()).isNull();
    }

    @Test
    void pendingChallengeExpiresWithTheRequestItSaved() {
        SessionSlots slots = new SessionSlots("alice");
        slots.pending(pending(transfer("7")));

        assertThat(slots.pending(NOW.plus(Duration.ofMinutes(5)).minusMillis(1))).isNotNull();
        assertThat(slots.pending(NOW.plus(Duration.ofMinutes(5)))).isNull();
        assertThat(slots.takePending(NOW)).as("wiped, not only hidden").isNull();
    }

    @Test
    void resumeIsTakenOnceAndOnlyForItsTarget() {
        SessionSlots slots = new SessionSlots("alice");
        slots.resume(new SessionSlots.Resume(transfer("7"), false, NOW.plusSeconds(300)));

        assertThat(slots.takeResume("/account/email", null, NOW)).isNull();
        assertThat(slots.takeResume("/api/transfers", null, NOW)).isNotNull();
        assertThat(slots.takeResume("/api/transfers", null, NOW)).isNull();
    }

    @Test
    void expiredResumeIsWipedNotReplayed() {
        SessionSlots slots = new SessionSlots("alice");
        slots.resume(new SessionSlots.Resume(transfer("7"), false, NOW.plusSeconds(300)));

        assertThat(slots.takeResume("/api/transfers", null, NOW.plusSeconds(300))).isNull();
        assertThat(slots.takeResume("/api/transfers", null, NOW)).isNull();
    }

    @Test
    void thirtyTwoConcurrentRequestsForTheTargetReplayItOnce() throws Exception {
        SessionSlots slots = new SessionSlots("alice");
        slots.resume(new SessionSlots.Resume(transfer("7"), false, NOW.plusSeconds(300)));
        int threads = 32;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            Callable<Boolean> take = () -> {
                start.await();
                return slots.takeResume("/api/transfers", null, NOW) != null;
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
        PendingChallenge perRequest = new PendingChallenge(List.of("totp"), Requirement.stepUp(Duration.ZERO),
                transfer("7"), NOW, NOW.plusSeconds(300));

        assertThat(perRequest.confirmsOneRequest()).isTrue();
        assertThat(pending(transfer("7")).confirmsOneRequest()).isFalse();
    }
}
