package dev.stepwise.mfa.metrics;

import dev.stepwise.mfa.event.MfaEvent;
import dev.stepwise.mfa.event.MfaStarted;
import dev.stepwise.mfa.runtime.MfaStorage;
import dev.stepwise.mfa.store.StoreFaults;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import static dev.stepwise.mfa.metrics.MetricNames.FACTOR;
import static dev.stepwise.mfa.metrics.MetricNames.OUTCOME;

/**
 * Counts the library's audit events into the server's metrics API, if it has one (docs/operations.md). Works only
 * when an event fires, never on a request that fires none. Fails open: a metrics API that throws is logged once
 * (class name only) and not called again; the caller never sees it.
 */
@ApplicationScoped
public class MfaMetrics {

    private static final System.Logger LOG = System.getLogger(MfaMetrics.class.getName());

    private final Instance<Object> beans;
    private volatile Meters meters;

    /**
     * Creates the observer; the metrics API is looked up at the first event.
     *
     * @param beans where the metrics API's registry is looked up
     */
    @Inject
    public MfaMetrics(@Any Instance<Object> beans) {
        this.beans = beans;
    }

    /** For CDI's proxy only. */
    protected MfaMetrics() {
        this.beans = null;
    }

    /**
     * Connects at the library's start, so the metrics (the store's gauge at least) are there before any event, and
     * hands the store to the readiness check.
     */
    void start(@Observes MfaStarted started, MfaStorage storage) {
        StoreProbe.use(storage);
        meters();
    }

    void on(@Observes MfaEvent event) {
        Meters m = meters();
        if (m == Meters.NONE) {
            return;
        }
        try {
            record(m, event);
        } catch (RuntimeException | LinkageError e) {
            off("recording a " + event.getClass().getSimpleName(), e);
        }
    }

    /** The meters, found (and the store's gauge registered) at the first event. */
    Meters meters() {
        Meters m = meters;
        if (m == null) {
            synchronized (this) {
                m = meters;
                if (m == null) {
                    m = connect();
                    meters = m;
                }
            }
        }
        return m;
    }

    /** Uses {@code m} from now on (tests). */
    void use(Meters m) {
        meters = m;
    }

    private Meters connect() {
        try {
            Meters found = MeterBridge.find(beans, MfaMetrics.class.getClassLoader());
            found.gauge(MetricNames.STORE_ERRORS, StoreFaults::count);
            LOG.log(System.Logger.Level.INFO, "Stepwise MFA: metrics through " + found.api());
            return found;
        } catch (RuntimeException | LinkageError e) {
            LOG.log(System.Logger.Level.WARNING, "Stepwise MFA: no metrics, the metrics API failed: "
                    + e.getClass().getName());
            return Meters.NONE;
        }
    }

    private void off(String what, Throwable e) {
        meters = Meters.NONE;
        LOG.log(System.Logger.Level.WARNING, "Stepwise MFA: metrics switched off, the metrics API failed "
                + what + ": " + e.getClass().getName());
    }

    /** One event into the meters. */
    static void record(Meters m, MfaEvent event) {
        if (event instanceof MfaEvent.ChallengeIssued) {
            m.count(MetricNames.CHALLENGES_ISSUED);
        } else if (event instanceof MfaEvent.FactorVerified e) {
            m.count(MetricNames.FACTORS_VERIFIED, FACTOR, e.factorId());
        } else if (event instanceof MfaEvent.FactorFailed e) {
            m.count(MetricNames.FACTORS_FAILED, FACTOR, e.factorId());
        } else if (event instanceof MfaEvent.LockedOut e) {
            m.count(MetricNames.LOCKOUTS, FACTOR, e.factorId());
        } else if (event instanceof MfaEvent.TrustedDeviceUsed) {
            m.count(MetricNames.TRUSTED_DEVICE_SIGN_INS);
        } else if (event instanceof MfaEvent.FactorChecked e) {
            m.time(MetricNames.VERIFICATION_TIME, e.took(), FACTOR, e.factorId(), OUTCOME, e.outcome());
        }
    }
}
