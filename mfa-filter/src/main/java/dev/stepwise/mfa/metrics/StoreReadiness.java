package dev.stepwise.mfa.metrics;

import dev.stepwise.mfa.runtime.MfaStorage;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The readiness check {@value #NAME}: UP when the store's database answers a driver validity check within
 * {@link #TIMEOUT}, DOWN otherwise (no connection, no answer in time, the store not opened). No data beside the
 * status: nothing about the database, its address or its user. The only class that names MicroProfile Health; it
 * carries no bean-defining annotation and becomes a bean only through {@link OptionalBeans}, once the API is seen.
 */
@Readiness
public class StoreReadiness implements HealthCheck {

    /** The check's name. */
    public static final String NAME = "stepwise-mfa-store";

    /** How long the database may take to answer. */
    static final Duration TIMEOUT = Duration.ofSeconds(2);

    private static final System.Logger LOG = System.getLogger(StoreReadiness.class.getName());

    private final Supplier<MfaStorage> storage;

    /** Creates the check on the store the library started with (see {@link StoreProbe}). */
    public StoreReadiness() {
        this(StoreProbe::storage);
    }

    StoreReadiness(Supplier<MfaStorage> storage) {
        this.storage = storage;
    }

    /** {@return UP when the store answered in time, else DOWN} */
    @Override
    public HealthCheckResponse call() {
        boolean up;
        try {
            up = storage.get().store().ping(TIMEOUT);
        } catch (RuntimeException e) {
            // the message may name the data source; the class is enough here, the store logs its own faults
            LOG.log(System.Logger.Level.WARNING, "Stepwise MFA: readiness check: the store is unavailable ("
                    + e.getClass().getName() + ")");
            up = false;
        }
        return new HealthCheckResponse(NAME, up ? HealthCheckResponse.Status.UP : HealthCheckResponse.Status.DOWN,
                Optional.empty());
    }
}
