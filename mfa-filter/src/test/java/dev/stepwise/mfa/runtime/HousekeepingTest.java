package dev.stepwise.mfa.runtime;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class HousekeepingTest {

    @Test
    void withoutAManagedSchedulerItRunsOnADaemonThreadOfItsOwnThatStopsOnClose() throws Exception {
        CountDownLatch ran = new CountDownLatch(1);
        AtomicReference<Thread> on = new AtomicReference<>();
        Housekeeping housekeeping = Housekeeping.start(() -> {
            on.set(Thread.currentThread());
            ran.countDown();
        }, Optional::empty, Duration.ofHours(6));
        try {
            assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue(); // the first run is at once
            assertThat(housekeeping.onOwnThread()).isTrue();
            assertThat(on.get().getName()).isEqualTo(Housekeeping.THREAD_NAME);
            assertThat(on.get().isDaemon()).isTrue(); // never keeps a JVM alive
        } finally {
            housekeeping.close();
        }
        on.get().join(10_000);
        assertThat(on.get().isAlive()).isFalse();
    }

    @Test
    void aFailingLookUpIsTheSameAsNoScheduler() throws Exception {
        CountDownLatch ran = new CountDownLatch(1);
        try (Housekeeping housekeeping = Housekeeping.start(ran::countDown, () -> {
            throw new IllegalStateException("no naming context");
        }, Duration.ofHours(6))) {
            assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(housekeeping.onOwnThread()).isTrue();
        }
    }

    @Test
    void theManagedSchedulerIsUsedWhenThereIsOne() throws Exception {
        ScheduledExecutorService managed = Executors.newSingleThreadScheduledExecutor();
        CountDownLatch ran = new CountDownLatch(1);
        AtomicReference<Thread> on = new AtomicReference<>();
        try (Housekeeping housekeeping = Housekeeping.start(() -> {
            on.set(Thread.currentThread());
            ran.countDown();
        }, () -> Optional.of(managed), Duration.ofHours(6))) {
            assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(housekeeping.onOwnThread()).isFalse();
            assertThat(on.get().getName()).isNotEqualTo(Housekeeping.THREAD_NAME);
        } finally {
            managed.shutdownNow();
        }
        assertThat(managed.isShutdown()).isTrue();
    }

    @Test
    void aSchedulerThatRefusesFallsBackToAThreadOfItsOwn() throws Exception {
        ScheduledThreadPoolExecutor refusing = new ScheduledThreadPoolExecutor(1);
        refusing.shutdown(); // every schedule is rejected from now on
        CountDownLatch ran = new CountDownLatch(1);
        try (Housekeeping housekeeping = Housekeeping.start(ran::countDown, () -> Optional.of(refusing),
                Duration.ofHours(6))) {
            assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(housekeeping.onOwnThread()).isTrue();
        }
    }

    @Test
    void aFailedRunDoesNotStopTheNextOne() throws Exception {
        CountDownLatch twice = new CountDownLatch(2);
        try (Housekeeping housekeeping = Housekeeping.start(() -> {
            twice.countDown();
            throw new RejectedExecutionException("the database went away");
        }, Optional::empty, Duration.ofMillis(20))) {
            assertThat(twice.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(housekeeping.onOwnThread()).isTrue();
        }
    }
}
