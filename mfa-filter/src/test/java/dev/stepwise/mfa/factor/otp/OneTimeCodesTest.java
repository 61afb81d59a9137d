package dev.stepwise.mfa.factor.otp;

import dev.stepwise.mfa.MutableClock;
import dev.stepwise.mfa.factor.ChallengeView;
import dev.stepwise.mfa.factor.Verification;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class OneTimeCodesTest {

    private static final Instant T0 = Instant.parse("2025-03-01T08:00:00Z");

    private final MutableClock clock = new MutableClock(T0);
    private final InMemoryOneTimeCodeStore store = new InMemoryOneTimeCodeStore();
    private final CodeHasher hasher = CodeHasher.withRandomPepper();
    private final OneTimeCodes codes = new OneTimeCodes("email", OneTimeCodeSettings.defaults(), store, hasher, clock);

    /** Delivers into a list, or fails when told to. */
    private static final class Outbox implements CodeDelivery {
        final List<String> sent = new ArrayList<>();
        boolean down;

        @Override
        public void deliver(OneTimeCode code, Duration validFor) throws CodeDeliveryException {
            if (down) {
                sent.add(code.digits());   // remember what would have gone out, to prove it does not work
                throw new CodeDeliveryException(CodeDeliveryException.Reason.CONNECT, "server down");
            }
            sent.add(code.digits());
        }

        String last() {
            return sent.get(sent.size() - 1);
        }
    }

    private final Outbox outbox = new Outbox();

    @Test
    void aSentCodeIsAcceptedOnce() {
        SendOutcome outcome = codes.send("alice", outbox);
        assertThat(outcome).isEqualTo(new SendOutcome.Sent(new CodeIssue(T0, T0.plus(Duration.ofMinutes(10)))));
        assertThat(outbox.sent).hasSize(1);
        assertThat(outbox.last()).matches("[0-9]{6}");

        assertThat(codes.verify("alice", outbox.last())).isEqualTo(Verification.accepted());
        assertThat(codes.verify("alice", outbox.last()))
                .isEqualTo(Verification.rejected(OneTimeCodes.ERROR_EXPIRED));
    }

    @Test
    void acceptsTheCodeAsTypedWithSpaces() {
        codes.send("alice", outbox);
        String c = outbox.last();
        assertThat(codes.verify("alice", " " + c.substring(0, 3) + " " + c.substring(3) + " "))
                .isEqualTo(Verification.accepted());
    }

    @Test
    void aWrongCodeIsRejectedAndLeavesTheRightOneValid() {
        codes.send("alice", outbox);
        String wrong = outbox.last().equals("000000") ? "000001" : "000000";
        assertThat(codes.verify("alice", wrong)).isEqualTo(Verification.rejected(OneTimeCodes.ERROR_CODE));
        assertThat(codes.verify("alice", outbox.last())).isEqualTo(Verification.accepted());
    }

    @Test
    void aCodeIsOnlyGoodForItsOwnUser() {
        codes.send("alice", outbox);
        codes.send("bob", outbox);
        String alices = outbox.sent.get(0);
        assertThat(codes.verify("bob", alices)).isInstanceOf(Verification.Rejected.class);
        assertThat(codes.verify("alice", alices)).isEqualTo(Verification.accepted());
    }

    @Test
    void onlyTheNewestCodeIsValidAfterAResend() {
        codes.send("alice", outbox);
        String older = outbox.last();
        clock.advance(Duration.ofSeconds(31));
        assertThat(codes.send("alice", outbox)).isInstanceOf(SendOutcome.Sent.class);
        String newer = outbox.last();
        if (!older.equals(newer)) {   // one in a million they coincide; then "older" is the newer
            assertThat(codes.verify("alice", older)).isEqualTo(Verification.rejected(OneTimeCodes.ERROR_CODE));
        }
        assertThat(codes.verify("alice", newer)).isEqualTo(Verification.accepted());
    }

    @Test
    void aResendWithinTheCooldownIsRefusedWithTheTimeLeft() {
        codes.send("alice", outbox);
        clock.advance(Duration.ofSeconds(10));
        SendOutcome outcome = codes.send("alice", outbox);
        assertThat(outcome).isInstanceOf(SendOutcome.CoolingDown.class);
        SendOutcome.CoolingDown cooling = (SendOutcome.CoolingDown) outcome;
        assertThat(cooling.remaining()).isEqualTo(Duration.ofSeconds(20));
        assertThat(cooling.remainingSeconds()).isEqualTo(20);
        assertThat(cooling.live()).contains(new CodeIssue(T0, T0.plus(Duration.ofMinutes(10))));
        assertThat(outbox.sent).hasSize(1);
        assertThat(codes.verify("alice", outbox.last())).isEqualTo(Verification.accepted());   // old one still good
    }

    @Test
    void theCooldownEndsExactlyAfterThirtySeconds() {
        codes.send("alice", outbox);
        clock.advance(Duration.ofSeconds(30).minusMillis(1));
        SendOutcome early = codes.send("alice", outbox);
        assertThat(early).isInstanceOf(SendOutcome.CoolingDown.class);
        assertThat(((SendOutcome.CoolingDown) early).remainingSeconds()).isEqualTo(1);   // rounded up
        clock.advance(Duration.ofMillis(1));
        assertThat(codes.send("alice", outbox)).isInstanceOf(SendOutcome.Sent.class);
        assertThat(codes.cooldownLeft("alice")).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void aClockThatWentBackDoesNotExtendTheCooldown() {
        codes.send("alice", outbox);
        clock.set(T0.minus(Duration.ofHours(1)));
        assertThat(codes.cooldownLeft("alice")).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void aClockThatWentBackWaitsUntilItIsPastTheReservationAndIsToldOneCooldownAtMost() {
        codes.send("alice", outbox);
        clock.set(T0.minus(Duration.ofHours(1)));
        SendOutcome early = codes.send("alice", outbox);
        assertThat(early).isInstanceOf(SendOutcome.CoolingDown.class);
        assertThat(((SendOutcome.CoolingDown) early).remaining()).isEqualTo(Duration.ofSeconds(30));
        clock.advance(Duration.ofSeconds(30));
        assertThat(codes.send("alice", outbox)).as("fail closed: the reservation stands").isInstanceOf(
                SendOutcome.CoolingDown.class);
        clock.set(T0.plusSeconds(30));
        assertThat(codes.send("alice", outbox)).isInstanceOf(SendOutcome.Sent.class);
        assertThat(outbox.sent).hasSize(2);
    }

    @Test
    void aCodeThatWasUsedEndsTheCooldownSoAStepUpRightAfterTheSignInGetsTheNextAtOnce() {
        codes.send("alice", outbox);
        clock.advance(Duration.ofSeconds(5));
        assertThat(codes.verify("alice", outbox.last())).isInstanceOf(Verification.Accepted.class);
        assertThat(codes.send("alice", outbox)).isInstanceOf(SendOutcome.Sent.class);
        assertThat(codes.send("alice", outbox)).as("and the cooldown of that one holds")
                .isInstanceOf(SendOutcome.CoolingDown.class);
        assertThat(outbox.sent).hasSize(2);
    }

    @Test
    void aRefusedSendOnANodeWhoseClockIsBehindDoesNotLetTheOtherNodeSendAgain() {
        MutableClock ahead = new MutableClock(T0.plusSeconds(30));
        OneTimeCodes nodeA = new OneTimeCodes("sms", OneTimeCodeSettings.defaults(), store, hasher, ahead);
        OneTimeCodes nodeB = new OneTimeCodes("sms", OneTimeCodeSettings.defaults(), store, hasher, clock);
        for (int second = 0; second < 10; second++) {
            nodeA.send("victim", outbox);
            nodeB.send("victim", outbox);   // refused: must not move A's reservation back to B's clock
            ahead.advance(Duration.ofSeconds(1));
            clock.advance(Duration.ofSeconds(1));
        }
        assertThat(outbox.sent).as("messages in 10 s with a 30 s cooldown").hasSize(1);
    }

    @Test
    void aRefusedSendThatReadItsClockLateDoesNotShortenTheCooldown() {
        MutableClock stale = new MutableClock(T0.minusSeconds(20));   // read 20 s before it reached the store
        OneTimeCodes slow = new OneTimeCodes("email", OneTimeCodeSettings.defaults(), store, hasher, stale);
        assertThat(codes.send("alice", outbox)).isInstanceOf(SendOutcome.Sent.class);
        assertThat(slow.send("alice", outbox)).isInstanceOf(SendOutcome.CoolingDown.class);
        clock.advance(Duration.ofSeconds(10));
        assertThat(codes.send("alice", outbox)).isInstanceOf(SendOutcome.CoolingDown.class);
        assertThat(outbox.sent).hasSize(1);
    }

    @Test
    void aTimedOutDeliveryThatMayHaveSentKeepsTheCooldownAndThePageSaysSo() {
        AtomicInteger reachedGateway = new AtomicInteger();
        CodeDelivery slowGateway = (code, validFor) -> {
            reachedGateway.incrementAndGet();
            throw new CodeDeliveryException(CodeDeliveryException.Reason.TIMEOUT, "no answer within PT10S");
        };
        SendOutcome first = codes.send("victim", slowGateway);
        for (int i = 0; i < 4; i++) {
            clock.advance(Duration.ofSeconds(1));
            codes.send("victim", slowGateway);
        }
        assertThat(reachedGateway).hasValue(1);
        assertThat(CodeChallengeView.of("v***@example.com", first, codes, Map.of()).model())
                .containsEntry(CodeChallengeView.RESEND_IN, 30L);
    }

    @Test
    void aBurstOfParallelSendsWithAZeroCooldownSendsOneMessageAtATime() throws Exception {
        OneTimeCodes eager = new OneTimeCodes("sms", new OneTimeCodeSettings(6, Duration.ofMinutes(5),
                Duration.ZERO), store, hasher, clock);
        AtomicInteger messages = new AtomicInteger();
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CodeDelivery slow = (code, validFor) -> {
            messages.incrementAndGet();
            inside.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            Future<SendOutcome> first = pool.submit(() -> eager.send("victim", slow));
            assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
            List<Future<SendOutcome>> others = new ArrayList<>();
            for (int i = 0; i < 15; i++) {
                others.add(pool.submit(() -> eager.send("victim", slow)));
            }
            for (Future<SendOutcome> f : others) {
                assertThat(f.get(10, TimeUnit.SECONDS)).isInstanceOf(SendOutcome.CoolingDown.class);
            }
            release.countDown();
            assertThat(first.get(10, TimeUnit.SECONDS)).isInstanceOf(SendOutcome.Sent.class);
        } finally {
            pool.shutdownNow();
        }
        assertThat(messages).hasValue(1);
        assertThat(eager.send("victim", outbox)).as("after it, at once").isInstanceOf(SendOutcome.Sent.class);
    }

    @Test
    void theCooldownStartedOnOneNodeHoldsOnAnotherWithTheTimeLeft() {
        OneTimeCodes nodeB = new OneTimeCodes("email", OneTimeCodeSettings.defaults(), store, hasher, clock);
        codes.send("alice", outbox);
        clock.advance(Duration.ofSeconds(12));
        SendOutcome onB = nodeB.send("alice", outbox);
        assertThat(onB).isInstanceOf(SendOutcome.CoolingDown.class);
        assertThat(((SendOutcome.CoolingDown) onB).remainingSeconds()).isEqualTo(18);
        assertThat(nodeB.cooldownLeft("alice")).isEqualTo(Duration.ofSeconds(18));
        assertThat(onB.live()).contains(new CodeIssue(T0, T0.plus(Duration.ofMinutes(10))));
        clock.advance(Duration.ofSeconds(18));
        assertThat(nodeB.send("alice", outbox)).isInstanceOf(SendOutcome.Sent.class);
        assertThat(codes.send("alice", outbox)).isInstanceOf(SendOutcome.CoolingDown.class);
        assertThat(outbox.sent).hasSize(2);
    }

    @Test
    void theChallengePageOnTheOtherNodeShowsTheTimeLeftOfTheCooldown() {
        OneTimeCodes nodeB = new OneTimeCodes("email", OneTimeCodeSettings.defaults(), store, hasher, clock);
        codes.send("alice", outbox);
        clock.advance(Duration.ofSeconds(12));

        ChallengeView looked = CodeChallengeView.look("a***@example.com", nodeB.live("alice"), nodeB, Map.of());
        ChallengeView refused = CodeChallengeView.of("a***@example.com", nodeB.send("alice", outbox), nodeB, Map.of());

        assertThat(looked.model()).containsEntry(CodeChallengeView.RESEND_IN, 18L)
                .containsEntry(CodeChallengeView.PENDING, true);
        assertThat(refused.model()).containsEntry(CodeChallengeView.RESEND_IN, 18L)
                .containsEntry(CodeChallengeView.NOTICE, CodeChallengeView.NOTICE_COOLDOWN);
        outbox.down = true;
        clock.advance(Duration.ofSeconds(18));
        ChallengeView failed = CodeChallengeView.of("a***@example.com", nodeB.send("alice", outbox), nodeB, Map.of());
        assertThat(failed.model()).containsEntry(CodeChallengeView.RESEND_IN, 0L);
        assertThat(codes.cooldownLeft("alice")).as("a failed send on B starts no cooldown on A").isZero();
    }

    @Test
    void aFailedSendOnOneNodeLetsAnotherSendAtOnce() {
        OneTimeCodes nodeB = new OneTimeCodes("email", OneTimeCodeSettings.defaults(), store, hasher, clock);
        outbox.down = true;
        assertThat(codes.send("alice", outbox)).isInstanceOf(SendOutcome.NotDelivered.class);
        assertThat(nodeB.cooldownLeft("alice")).isZero();
        outbox.down = false;
        assertThat(nodeB.send("alice", outbox)).isInstanceOf(SendOutcome.Sent.class);
    }

    @Test
    void aZeroCooldownNeverRefusesEvenAfterTheClockWentBack() {
        OneTimeCodes eager = new OneTimeCodes("email", new OneTimeCodeSettings(6, Duration.ofMinutes(5),
                Duration.ZERO), store, hasher, clock);
        assertThat(eager.send("alice", outbox)).isInstanceOf(SendOutcome.Sent.class);
        assertThat(eager.send("alice", outbox)).isInstanceOf(SendOutcome.Sent.class);
        clock.set(T0.minusSeconds(60));
        assertThat(eager.send("alice", outbox)).isInstanceOf(SendOutcome.Sent.class);
        assertThat(eager.cooldownLeft("alice")).isZero();
    }

    @Test
    void aDeliveryThatThrowsSomethingElseKeepsTheCooldown() {
        CodeDelivery broken = (code, validFor) -> {
            throw new IllegalStateException("mailer bug");
        };
        try {
            codes.send("alice", broken);
        } catch (IllegalStateException expected) {
            // whether a message went out is unknown: the cooldown holds
        }
        assertThat(codes.send("alice", outbox)).isInstanceOf(SendOutcome.CoolingDown.class);
        assertThat(outbox.sent).isEmpty();
    }

    @Test
    void anExpiredCodeIsRefused() {
        codes.send("alice", outbox);
        clock.advance(Duration.ofMinutes(10));
        assertThat(codes.verify("alice", outbox.last())).isEqualTo(Verification.rejected(OneTimeCodes.ERROR_EXPIRED));
        assertThat(codes.live("alice")).isEmpty();
    }

    @Test
    void aCodeIsAcceptedJustBeforeItExpires() {
        codes.send("alice", outbox);
        clock.advance(Duration.ofMinutes(10).minusNanos(1));
        assertThat(codes.verify("alice", outbox.last())).isEqualTo(Verification.accepted());
    }

    @Test
    void aShorterValidityIsHonoured() {
        OneTimeCodes quick = new OneTimeCodes("sms", new OneTimeCodeSettings(8, Duration.ofMinutes(2),
                Duration.ofSeconds(10)), store, hasher, clock);
        quick.send("alice", outbox);
        assertThat(outbox.last()).matches("[0-9]{8}");
        clock.advance(Duration.ofMinutes(2));
        assertThat(quick.verify("alice", outbox.last())).isInstanceOf(Verification.Rejected.class);
    }

    @Test
    void aFailedSendStoresNothingAndKeepsTheEarlierCode() {
        codes.send("alice", outbox);
        String delivered = outbox.last();
        clock.advance(Duration.ofSeconds(45));
        outbox.down = true;
        SendOutcome outcome = codes.send("alice", outbox);
        assertThat(outcome).isInstanceOf(SendOutcome.NotDelivered.class);
        assertThat(outcome.live()).contains(new CodeIssue(T0, T0.plus(Duration.ofMinutes(10))));
        String undelivered = outbox.last();
        assertThat(store.lastIssue("alice", "email")).contains(new CodeIssue(T0, T0.plus(Duration.ofMinutes(10))));
        if (!undelivered.equals(delivered)) {
            assertThat(codes.verify("alice", undelivered)).isInstanceOf(Verification.Rejected.class);
        }
        assertThat(codes.verify("alice", delivered)).isEqualTo(Verification.accepted());
    }

    @Test
    void aFailedSendStartsNoCooldown() {
        outbox.down = true;
        assertThat(codes.send("alice", outbox)).isInstanceOf(SendOutcome.NotDelivered.class);
        assertThat(store.lastIssue("alice", "email")).isEmpty();
        assertThat(codes.verify("alice", outbox.last())).isEqualTo(Verification.rejected(OneTimeCodes.ERROR_EXPIRED));
        outbox.down = false;
        assertThat(codes.send("alice", outbox)).isInstanceOf(SendOutcome.Sent.class);
    }

    @Test
    void storesOnlyTheKeyedHash() {
        codes.send("alice", outbox);
        String code = outbox.last();
        byte[] expected = hasher.hash("alice", "email", code);
        // the store holds the HMAC: consume with it works, and the code's own bytes are no hash of it
        assertThat(expected).isNotEqualTo(code.getBytes(StandardCharsets.US_ASCII));
        assertThat(store.consume("alice", "email", code.getBytes(StandardCharsets.US_ASCII), clock.instant())).isFalse();
        assertThat(store.consume("alice", "email", expected, clock.instant())).isTrue();
    }

    @Test
    void malformedInputNeverReachesTheStore() {
        AtomicInteger consumes = new AtomicInteger();
        OneTimeCodeStore counting = new OneTimeCodeStore() {
            @Override
            public void replace(PendingCode code) {
                store.replace(code);
            }

            @Override
            public boolean consume(String user, String channel, byte[] codeHash, Instant now) {
                consumes.incrementAndGet();
                return store.consume(user, channel, codeHash, now);
            }

            @Override
            public Optional<CodeIssue> lastIssue(String user, String channel) {
                return store.lastIssue(user, channel);
            }

            @Override
            public void remove(String user, String channel) {
                store.remove(user, channel);
            }

            @Override
            public int purgeExpired(Instant now) {
                return store.purgeExpired(now);
            }

            @Override
            public boolean reserveSend(String user, String channel, Instant now, Duration cooldown) {
                return store.reserveSend(user, channel, now, cooldown);
            }

            @Override
            public void releaseSend(String user, String channel, Instant reservedAt) {
                store.releaseSend(user, channel, reservedAt);
            }

            @Override
            public Optional<Instant> sendReservedUntil(String user, String channel) {
                return store.sendReservedUntil(user, channel);
            }
        };
        OneTimeCodes guarded = new OneTimeCodes("email", OneTimeCodeSettings.defaults(), counting, hasher, clock);
        guarded.send("alice", outbox);
        for (String bad : new String[] {null, "", "12345", "\u0663\u0664\u0665\u0666\u0667\u0668", "9".repeat(5000)}) {
            assertThat(guarded.verify("alice", bad)).isEqualTo(Verification.rejected(OneTimeCodes.ERROR_CODE));
        }
        assertThat(consumes).hasValue(0);
        assertThat(guarded.verify("alice", outbox.last())).isEqualTo(Verification.accepted());
        assertThat(consumes).hasValue(1);
    }

    @Test
    void aSecondSendWhileOneIsUnderWayIsRefused() {
        List<SendOutcome> inner = new ArrayList<>();
        codes.send("alice", (code, validFor) -> inner.add(codes.send("alice", outbox)));
        assertThat(inner).singleElement().isInstanceOf(SendOutcome.CoolingDown.class);
        assertThat(outbox.sent).isEmpty();
        assertThat(codes.send("bob", outbox)).isInstanceOf(SendOutcome.Sent.class);   // other users unaffected
    }

    @Test
    void forgetInvalidatesThePendingCode() {
        codes.send("alice", outbox);
        codes.forget("alice");
        assertThat(codes.verify("alice", outbox.last())).isInstanceOf(Verification.Rejected.class);
    }

    @Test
    void twoConcurrentVerificationsOfOneCodeHaveOneWinner() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 20; round++) {
                clock.advance(Duration.ofMinutes(1));
                codes.send("alice", outbox);
                String code = outbox.last();
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Verification>> results = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    Callable<Verification> attempt = () -> {
                        start.await();
                        return codes.verify("alice", code);
                    };
                    results.add(pool.submit(attempt));
                }
                start.countDown();
                int accepted = 0;
                for (Future<Verification> f : results) {
                    accepted += f.get(10, TimeUnit.SECONDS) instanceof Verification.Accepted ? 1 : 0;
                }
                assertThat(accepted).as("round %d", round).isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void thirtyTwoParallelSendsOnTwoNodesSharingOneStoreDeliverOneCode() throws Exception {
        OneTimeCodes nodeB = new OneTimeCodes("email", OneTimeCodeSettings.defaults(), store, hasher, clock);
        AtomicInteger deliveries = new AtomicInteger();
        CountDownLatch othersDone = new CountDownLatch(31);
        CodeDelivery slowMailer = (code, validFor) -> {
            deliveries.incrementAndGet();
            try {   // the message is on its way while every other send is tried (a bound, not an assertion)
                othersDone.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        AtomicInteger n = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(32);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<SendOutcome>> outcomes = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                OneTimeCodes node = n.getAndIncrement() % 2 == 0 ? codes : nodeB;
                outcomes.add(pool.submit(() -> {
                    start.await();
                    SendOutcome outcome = node.send("alice", slowMailer);
                    othersDone.countDown();
                    return outcome;
                }));
            }
            start.countDown();
            int sent = 0;
            for (Future<SendOutcome> f : outcomes) {
                SendOutcome outcome = f.get(10, TimeUnit.SECONDS);
                sent += outcome instanceof SendOutcome.Sent ? 1 : 0;
                if (outcome instanceof SendOutcome.CoolingDown cooling) {
                    assertThat(cooling.remaining()).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(30));
                }
            }
            assertThat(sent).isEqualTo(1);
            assertThat(deliveries).hasValue(1);
        } finally {
            pool.shutdownNow();
        }
    }
}
