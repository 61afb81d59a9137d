package dev.stepwise.mfa.store;

import dev.stepwise.mfa.core.SaveThrottle;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The per-user save throttle ({@link SaveThrottle}) on the JDBC store's send reservations: 32 saves of one user at
 * once, as many nodes would make them, win exactly {@value SaveThrottle#SAVES} slots; each slot frees when its
 * window ends, and another user's saves are their own.
 */
class SaveThrottleRaceTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final int SAVES_AT_ONCE = 32;

    private static TestDatabase database(String name) {
        return switch (name) {
            case "postgres" -> TestDatabase.postgres();
            case "mariadb" -> TestDatabase.mariadb();
            default -> TestDatabase.h2();
        };
    }

    private static int winners(JdbcStore store, String user, Instant at) throws Exception {
        Clock clock = Clock.fixed(at, ZoneOffset.UTC);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(SAVES_AT_ONCE);
        try {
            List<Future<Boolean>> saves = new ArrayList<>();
            for (int i = 0; i < SAVES_AT_ONCE; i++) {
                saves.add(pool.submit(() -> {
                    start.await();
                    // one throttle per request, as QuestionSettings makes it
                    return new SaveThrottle(SaveThrottle.QUESTIONS, store.oneTimeCodes()::reserveSend, clock)
                            .reserve(user);
                }));
            }
            start.countDown();
            int won = 0;
            for (Future<Boolean> save : saves) {
                won += save.get(60, TimeUnit.SECONDS) ? 1 : 0;
            }
            return won;
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres", "mariadb"})
    void thirtyTwoSavesAtOnceWinExactlyTheSlotsAndTheSlotsFree(String name) throws Exception {
        try (TestDatabase db = database(name)) {
            JdbcStore store = JdbcStore.open(db.dataSource(), new SecretBox(SecretBox.generateKey()), true,
                    Clock.fixed(NOW, ZoneOffset.UTC));

            assertThat(winners(store, "alice", NOW)).isEqualTo(SaveThrottle.SAVES);
            assertThat(winners(store, "alice", NOW.plus(SaveThrottle.WINDOW).minusMillis(1))).isZero();
            assertThat(winners(store, "bob", NOW)).isEqualTo(SaveThrottle.SAVES);
            assertThat(winners(store, "alice", NOW.plus(SaveThrottle.WINDOW))).isEqualTo(SaveThrottle.SAVES);
            assertThat(winners(store, "alice", NOW.plus(SaveThrottle.WINDOW).plus(Duration.ofMinutes(1)))).isZero();
        }
    }
}
