package dev.stepwise.mfa.store;

import dev.stepwise.mfa.MutableClock;
import dev.stepwise.mfa.core.ApprovalRules;
import dev.stepwise.mfa.core.ApprovalRules.State;
import dev.stepwise.mfa.factor.push.InMemoryPushApprovalStore;
import dev.stepwise.mfa.factor.push.PushApproval;
import dev.stepwise.mfa.factor.push.PushApprovalStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The push approval store contract, on the JDBC store of each database (its table comes from schema version 11,
 * {@code V11__push_approvals}) and on the in-memory store.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class PushApprovalStoreContractTest {

    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    static final Instant END = T0.plusSeconds(600);
    static final byte[] BOX_KEY = "0123456789abcdef0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    static final ApprovalRules.Choices CHOICES = new ApprovalRules.Choices(42, 17, 88);
    private static final SecureRandom RANDOM = new SecureRandom();

    TestDatabase db;
    FaultyDataSource dataSource;
    JdbcStore jdbc;
    PushApprovalStore store;

    /** A new, empty database of the kind under test; {@code null} for the in-memory store. */
    abstract TestDatabase newDatabase();

    @BeforeAll
    void open() {
        db = newDatabase();
        if (db == null) {
            return;
        }
        dataSource = new FaultyDataSource(db.dataSource());
        jdbc = JdbcStore.open(dataSource, new SecretBox(BOX_KEY), true, new MutableClock(T0));
        store = jdbc.pushApprovals();
    }

    @AfterAll
    void close() {
        if (db != null) {
            db.close();
        }
    }

    @BeforeEach
    void fresh() {
        if (db == null) {
            store = new InMemoryPushApprovalStore();
        } else {
            dataSource.heal();
        }
    }

    private static String user(String name) {
        return name + "-" + TestDatabase.randomSuffix();
    }

    private static String hash() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static PushApproval pending(String user, String token, String session) {
        return new PushApproval(user, token, session, CHOICES, State.PENDING, END);
    }

    @Test
    void anApprovalComesBackWholeByUserAndByToken() {
        String alice = user("alice");
        PushApproval a = pending(alice, hash(), hash());
        store.put(a);

        assertThat(store.of(alice)).contains(a);
        assertThat(store.byToken(a.tokenHash())).contains(a);
        assertThat(store.byToken(hash())).isEmpty();
        assertThat(store.of(user("bob"))).isEmpty();
    }

    @Test
    void aNewApprovalReplacesTheOldOneWhoseTokenThenFindsNothing() {
        String alice = user("alice");
        PushApproval old = pending(alice, hash(), hash());
        store.put(old);
        PushApproval fresh = pending(alice, hash(), hash());
        store.put(fresh);

        assertThat(store.of(alice)).contains(fresh);
        assertThat(store.byToken(old.tokenHash())).isEmpty();
        assertThat(store.decide(old.tokenHash(), State.APPROVED, T0)).isFalse();
    }

    @Test
    void aDecisionIsTakenOnceAndOnlyBeforeTheEnd() {
        String alice = user("alice");
        PushApproval a = pending(alice, hash(), hash());
        store.put(a);

        assertThat(store.decide(a.tokenHash(), State.DENIED, END)).isFalse();
        assertThat(store.decide(a.tokenHash(), State.APPROVED, T0)).isTrue();
        assertThat(store.decide(a.tokenHash(), State.DENIED, T0)).isFalse();
        assertThat(store.of(alice).orElseThrow().state()).isEqualTo(State.APPROVED);
    }

    @Test
    void onlyTheSessionThatStartedItUsesAnApprovedApprovalAndOnlyOnce() {
        String alice = user("alice");
        PushApproval a = pending(alice, hash(), hash());
        store.put(a);
        assertThat(store.use(alice, a.sessionHash(), T0)).as("pending is not usable").isFalse();
        store.decide(a.tokenHash(), State.APPROVED, T0);

        assertThat(store.use(alice, hash(), T0)).as("another session").isFalse();
        assertThat(store.use(user("bob"), a.sessionHash(), T0)).as("another user").isFalse();
        assertThat(store.use(alice, a.sessionHash(), END)).as("expired").isFalse();
        assertThat(store.use(alice, a.sessionHash(), T0)).isTrue();
        assertThat(store.use(alice, a.sessionHash(), T0)).as("replay").isFalse();
        assertThat(store.of(alice).orElseThrow().state()).isEqualTo(State.USED);
    }

    @Test
    void aDeniedApprovalIsNeverUsable() {
        String alice = user("alice");
        PushApproval a = pending(alice, hash(), hash());
        store.put(a);
        store.decide(a.tokenHash(), State.DENIED, T0);

        assertThat(store.use(alice, a.sessionHash(), T0)).isFalse();
        assertThat(store.decide(a.tokenHash(), State.APPROVED, T0)).isFalse();
    }

    @Test
    void ofThirtyTwoParallelDecisionsAndThirtyTwoParallelUsesExactlyOneWinsEach() throws Exception {
        String alice = user("alice");
        PushApproval a = pending(alice, hash(), hash());
        store.put(a);
        assertThat(race(i -> store.decide(a.tokenHash(), i % 2 == 0 ? State.APPROVED : State.DENIED, T0)))
                .isEqualTo(1);
        store.put(pending(alice, a.tokenHash(), a.sessionHash()));
        store.decide(a.tokenHash(), State.APPROVED, T0);
        assertThat(race(i -> store.use(alice, a.sessionHash(), T0))).isEqualTo(1);
    }

    @Test
    void ofThirtyTwoParallelStartsWithinTheCooldownExactlyOneStores() throws Exception {
        String alice = user("alice");
        Instant keepPendingAfter = END.minusSeconds(30); // a pending approval started within the last 30 s

        assertThat(race(i -> store.putUnlessPending(pending(alice, hash(), hash()), keepPendingAfter)))
                .isEqualTo(1);
        PushApproval won = store.of(alice).orElseThrow();
        assertThat(store.putUnlessPending(pending(alice, hash(), hash()), END)).as("past the cooldown").isTrue();
        assertThat(store.byToken(won.tokenHash())).as("replaced").isEmpty();
        PushApproval decided = store.of(alice).orElseThrow();
        store.decide(decided.tokenHash(), State.DENIED, T0);
        assertThat(store.putUnlessPending(pending(alice, hash(), hash()), keepPendingAfter)).as("not pending")
                .isTrue();
        assertThat(store.putUnlessPending(pending(user("bob"), hash(), hash()), keepPendingAfter)).isTrue();
    }

    private interface Attempt {
        boolean run(int i);
    }

    private static int race(Attempt attempt) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(32);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                int n = i;
                Callable<Boolean> task = () -> {
                    start.await();
                    return attempt.run(n);
                };
                results.add(pool.submit(task));
            }
            start.countDown();
            int won = 0;
            for (Future<Boolean> f : results) {
                won += f.get() ? 1 : 0;
            }
            return won;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void removalAndHousekeepingTouchOnlyWhatTheyShould() {
        String alice = user("alice");
        String bob = user("bob");
        store.put(pending(alice, hash(), hash()));
        PushApproval later = new PushApproval(bob, hash(), hash(), CHOICES, State.PENDING, END.plusSeconds(60));
        store.put(later);

        assertThat(store.purgeExpired(END)).isGreaterThanOrEqualTo(1);
        assertThat(store.of(alice)).isEmpty();
        assertThat(store.of(bob)).contains(later);
        store.remove(bob);
        assertThat(store.of(bob)).isEmpty();
    }

    @Test
    void housekeepingOfTheWholeStoreRemovesExpiredApprovals() {
        if (db == null) {
            return; // the JDBC store's housekeeping
        }
        String alice = user("alice");
        store.put(pending(alice, hash(), hash()));
        jdbc.purgeExpired(END);
        assertThat(store.of(alice)).isEmpty();
    }

    @Test
    void aDatabaseThatIsDownFailsClosed() {
        if (db == null) {
            return;   // memory cannot go down
        }
        String alice = user("alice");
        PushApproval a = pending(alice, hash(), hash());
        store.put(a);
        dataSource.goDown();

        assertThatThrownBy(() -> store.of(alice)).isInstanceOf(StoreUnavailableException.class);
        assertThatThrownBy(() -> store.byToken(a.tokenHash())).isInstanceOf(StoreUnavailableException.class);
        assertThatThrownBy(() -> store.decide(a.tokenHash(), State.APPROVED, T0))
                .isInstanceOf(StoreUnavailableException.class);
        assertThatThrownBy(() -> store.use(alice, a.sessionHash(), T0)).isInstanceOf(StoreUnavailableException.class);
        assertThatThrownBy(() -> store.put(a)).isInstanceOf(StoreUnavailableException.class);
    }
}
