package dev.stepwise.mfa.metrics;

import jakarta.enterprise.inject.Default;
import jakarta.enterprise.inject.Instance;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * {@link Meters} on MicroProfile Metrics 5 (Payara Micro 6 and 7 serve it at {@code /metrics}, application scope).
 * The only class of the library that names a MicroProfile Metrics type: loaded only by {@link MeterBridge} once the
 * API has been seen. No bean (no annotation): bean discovery is {@code annotated}.
 */
final class MicroProfileMeters implements Meters {

    private final MetricRegistry registry;

    private MicroProfileMeters(MetricRegistry registry) {
        this.registry = registry;
    }

    /** The application's registry from CDI. */
    static Meters of(Instance<Object> beans) {
        // @Default: the application's registry (base and vendor ones are qualified)
        return new MicroProfileMeters(beans.select(MetricRegistry.class, Default.Literal.INSTANCE).get());
    }

    @Override
    public void count(String name, String... attributes) {
        registry.counter(name, tags(attributes)).inc();
    }

    @Override
    public void time(String name, Duration took, String... attributes) {
        registry.timer(name, tags(attributes)).update(took);
    }

    @Override
    public void gauge(String name, LongSupplier value) {
        registry.gauge(name, value::getAsLong);
    }

    @Override
    public String api() {
        return "MicroProfile Metrics";
    }

    private static Tag[] tags(String... attributes) {
        Tag[] tags = new Tag[attributes.length / 2];
        for (int i = 0; i < tags.length; i++) {
            tags[i] = new Tag(attributes[2 * i], attributes[2 * i + 1]);
        }
        return tags;
    }
}
