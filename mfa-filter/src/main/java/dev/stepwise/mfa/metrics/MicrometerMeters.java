package dev.stepwise.mfa.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import jakarta.enterprise.inject.Default;
import jakarta.enterprise.inject.Instance;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * {@link Meters} on Micrometer, the registry WildFly's {@code micrometer} subsystem gives each deployment as a CDI
 * bean (it pushes over OTLP, or serves Prometheus text on the management interface). The only class of the library
 * that names a Micrometer type: loaded only by {@link MeterBridge} once the API has been seen. No bean.
 */
final class MicrometerMeters implements Meters {

    private final MeterRegistry registry;
    /** Micrometer holds a gauge's object weakly: this keeps it as long as the application's meters live. */
    private volatile LongSupplier gauged;

    private MicrometerMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    /** The registry the server gives the deployment, or {@link Meters#NONE} when it gives none. */
    static Meters of(Instance<Object> beans) {
        Instance<MeterRegistry> registry = beans.select(MeterRegistry.class, Default.Literal.INSTANCE);
        return registry.isResolvable() ? new MicrometerMeters(registry.get()) : NONE;
    }

    @Override
    public void count(String name, String... attributes) {
        registry.counter(name, attributes).increment();
    }

    @Override
    public void time(String name, Duration took, String... attributes) {
        registry.timer(name, attributes).record(took);
    }

    @Override
    public void gauge(String name, LongSupplier value) {
        gauged = value;
        // a server-wide registry keeps the gauge of an earlier deployment, reading a class loader that is gone
        Gauge earlier = registry.find(name).gauge();
        if (earlier != null) {
            registry.remove(earlier);
        }
        registry.gauge(name, Tags.empty(), value, LongSupplier::getAsLong);
    }

    @Override
    public String api() {
        return "Micrometer";
    }
}
