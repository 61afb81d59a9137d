package dev.stepwise.mfa.runtime;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Runs the store's housekeeping (deleting expired rows) now and then every {@code period}: on the container's
 * managed scheduler when it has one ({@code java:comp/DefaultManagedScheduledExecutorService}), otherwise on a
 * daemon thread of its own, which {@link #close} stops when the application undeploys. Several nodes doing it
 * at once is harmless: each delete is idempotent. A failed run is logged and the next one runs as planned.
 */
public final class Housekeeping implements AutoCloseable {

    static final String THREAD_NAME = "stepwise-mfa-housekeeping";

    private static final System.Logger LOG = System.getLogger(Housekeeping.class.getName());

    private final ScheduledFuture<?> runs;
    private final ScheduledExecutorService own;

    private Housekeeping(ScheduledFuture<?> runs, ScheduledExecutorService own) {
        this.runs = runs;
        this.own = own;
    }

    /**
     * Starts housekeeping.
     *
     * @param purge   one run (exceptions are logged, never thrown to the scheduler, which would stop it)
     * @param managed the container's scheduler, or empty (or a failure) when it has none
     * @param period  the time between two runs
     * @return the housekeeping
     */
    public static Housekeeping start(Runnable purge, Supplier<Optional<ScheduledExecutorService>> managed,
                                     Duration period) {
        Objects.requireNonNull(purge, "purge");
        Runnable guarded = () -> {
            try {
                purge.run();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "Stepwise MFA housekeeping failed: " + e.getMessage());
            }
        };
        long millis = period.toMillis();
        Optional<ScheduledExecutorService> scheduler = find(managed);
        if (scheduler.isPresent()) {
            try {
                return new Housekeeping(
                        scheduler.get().scheduleAtFixedRate(guarded, 0, millis, TimeUnit.MILLISECONDS), null);
            } catch (RuntimeException e) { // e.g. rejected: the thread of our own below
                LOG.log(System.Logger.Level.WARNING, "Stepwise MFA: the managed scheduler refused housekeeping ("
                        + e.getClass().getSimpleName() + ")");
            }
        }
        LOG.log(System.Logger.Level.INFO, "Stepwise MFA: the server has no managed scheduler "
                + "(java:comp/DefaultManagedScheduledExecutorService); housekeeping runs on its own thread "
                + THREAD_NAME + " every " + period);
        ScheduledExecutorService own = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, THREAD_NAME);
            t.setDaemon(true);
            return t;
        });
        return new Housekeeping(own.scheduleAtFixedRate(guarded, 0, millis, TimeUnit.MILLISECONDS), own);
    }

    private static Optional<ScheduledExecutorService> find(Supplier<Optional<ScheduledExecutorService>> managed) {
        try {
            return managed.get();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** {@return whether housekeeping runs on a thread of its own (the server had no managed scheduler)} */
    public boolean onOwnThread() {
        return own != null;
    }

    /** Stops further runs; a thread of its own ends (a run under way finishes its statement first). */
    @Override
    public void close() {
        runs.cancel(false);
        if (own != null) {
            own.shutdownNow();
        }
    }
}
