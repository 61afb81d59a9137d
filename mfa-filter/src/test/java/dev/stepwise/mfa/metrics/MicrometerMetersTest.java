package dev.stepwise.mfa.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.enterprise.inject.Instance;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Constructor;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The Micrometer adapter: names, attributes and the store gauge as a Micrometer registry sees them. */
class MicrometerMetersTest {

    @Test
    void countsTimesAndGaugesUnderTheSameNames() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Meters m = adapter(registry);
        long[] faults = {3};

        m.count(MetricNames.FACTORS_FAILED, MetricNames.FACTOR, "totp");
        m.count(MetricNames.FACTORS_FAILED, MetricNames.FACTOR, "totp");
        m.time(MetricNames.VERIFICATION_TIME, Duration.ofMillis(12), MetricNames.FACTOR, "totp",
                MetricNames.OUTCOME, "rejected");
        m.gauge(MetricNames.STORE_ERRORS, () -> faults[0]);
        System.gc(); // the adapter keeps the gauge's supplier: Micrometer holds it weakly

        assertThat(registry.get("stepwise.mfa.factors.failed").tag("factor", "totp").counter().count()).isEqualTo(2);
        assertThat(registry.get("stepwise.mfa.verification.time").tags("factor", "totp", "outcome", "rejected")
                .timer().totalTime(TimeUnit.MILLISECONDS)).isEqualTo(12);
        assertThat(registry.get("stepwise.mfa.store.errors").gauge().value()).isEqualTo(3);
        assertThat(m.api()).isEqualTo("Micrometer");
    }

    @Test
    void aRedeployedApplicationsGaugeReplacesTheEarlierOne() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        adapter(registry).gauge(MetricNames.STORE_ERRORS, () -> 1);
        Meters again = adapter(registry);
        again.gauge(MetricNames.STORE_ERRORS, () -> 7);

        assertThat(registry.get("stepwise.mfa.store.errors").gauges()).singleElement()
                .satisfies(g -> assertThat(g.value()).isEqualTo(7));
    }

    @Test
    void withoutARegistryBeanThereAreNoMeters() {
        @SuppressWarnings("unchecked")
        Instance<Object> none = (Instance<Object>) java.lang.reflect.Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {Instance.class}, (proxy, method, args) ->
                        switch (method.getName()) {
                            case "select" -> proxy;
                            case "isResolvable" -> false;
                            default -> throw new AssertionError(method.getName());
                        });
        assertThat(MicrometerMeters.of(none)).isSameAs(Meters.NONE);
    }

    private static Meters adapter(MeterRegistry registry) throws Exception {
        Constructor<MicrometerMeters> c = MicrometerMeters.class.getDeclaredConstructor(MeterRegistry.class);
        c.setAccessible(true);
        return c.newInstance(registry);
    }
}
