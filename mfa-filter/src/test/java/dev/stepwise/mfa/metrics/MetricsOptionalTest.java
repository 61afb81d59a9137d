package dev.stepwise.mfa.metrics;

import dev.stepwise.mfa.OptionalApis;
import dev.stepwise.mfa.event.EventHeader;
import dev.stepwise.mfa.event.MfaEvent;
import org.junit.jupiter.api.Test;

import java.net.URLClassLoader;
import java.time.Instant;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A server without MicroProfile Metrics or Health (WildFly's stock standalone.xml, a plain servlet container) must
 * deploy the library as before: only the adapters name those APIs (and Micrometer), they are no beans by discovery, and the
 * bridge and the extension see the APIs missing without loading them.
 */
class MetricsOptionalTest {

    private static final String[] HIDDEN = {"org.eclipse.microprofile.metrics.", "org.eclipse.microprofile.health.",
        "io.micrometer."};

    @Test
    void noClassButTheAdaptersNamesMetricsOrHealth() throws Exception {
        try (URLClassLoader without = without()) {
            assertThat(OptionalApis.failingClasses(without,
                    Set.of(MicroProfileMeters.class.getName(), MicrometerMeters.class.getName(),
                            StoreReadiness.class.getName()),
                    "jakarta/mail", "org/eclipse/microprofile/config")).isEmpty();
        }
    }

    @Test
    void withoutTheApisTheBridgeFindsNoMetersAndTheObserverCountsNothing() throws Exception {
        try (URLClassLoader without = without()) {
            Class<?> bridge = Class.forName(MeterBridge.class.getName(), true, without);
            Class<?> instance = Class.forName("jakarta.enterprise.inject.Instance", true, without);
            var find = bridge.getDeclaredMethod("find", instance, ClassLoader.class);
            var present = bridge.getDeclaredMethod("present", String.class, ClassLoader.class);
            find.setAccessible(true);
            present.setAccessible(true);
            Object none = find.invoke(null, null, without);
            assertThat(none.getClass().getName()).startsWith(Meters.class.getName() + "$");
            assertThat(present.invoke(null, OptionalBeans.MICROPROFILE_HEALTH, without)).isEqualTo(false);

            Class<?> observer = Class.forName(MfaMetrics.class.getName(), true, without);
            Object metrics = observer.getConstructor(instance).newInstance((Object) null);
            var on = observer.getDeclaredMethod("on", Class.forName(MfaEvent.class.getName(), true, without));
            Class<?> header = Class.forName(EventHeader.class.getName(), true, without);
            Object h = header.getConstructors()[0].newInstance("alice", Instant.EPOCH, "", "");
            Object event = Class.forName(MfaEvent.FactorVerified.class.getName(), true, without)
                    .getConstructors()[0].newInstance(h, "totp");
            on.setAccessible(true);
            on.invoke(metrics, event); // nothing thrown, nothing loaded that names the API
        }
    }

    @Test
    void whatNamesTheApisFailsToLoadWithoutThem() throws Exception {
        try (URLClassLoader without = without()) {
            Class<?> meters = Class.forName(MicroProfileMeters.class.getName(), false, without);
            assertThatThrownBy(meters::getDeclaredMethods).isInstanceOf(NoClassDefFoundError.class);
            assertThat(MicroProfileMeters.class.getAnnotations()).isEmpty();
            Class<?> micrometer = Class.forName(MicrometerMeters.class.getName(), false, without);
            assertThatThrownBy(micrometer::getDeclaredFields).isInstanceOf(NoClassDefFoundError.class);
            assertThat(MicrometerMeters.class.getAnnotations()).isEmpty();
        }
    }

    @Test
    void withTheApisTheBridgeSeesThem() {
        assertThat(MeterBridge.present(MeterBridge.MICROPROFILE_METRICS, getClass().getClassLoader())).isTrue();
        assertThat(MeterBridge.present(OptionalBeans.MICROPROFILE_HEALTH, getClass().getClassLoader())).isTrue();
    }

    private static URLClassLoader without() {
        return OptionalApis.without("a server without MicroProfile Metrics and Health", HIDDEN);
    }
}
