package dev.stepwise.mfa.runtime.geo;

import dev.stepwise.mfa.OptionalApis;
import org.junit.jupiter.api.Test;

import java.lang.reflect.InvocationTargetException;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An application without MaxMind's reader ({@code com.maxmind.geoip2:geoip2} is optional) deploys as before: only
 * {@link MaxMindLocator} names it, and setting {@code stepwise.mfa.geoip.database} without it fails with an error
 * that says which library to add, not with a {@code NoClassDefFoundError}.
 */
class GeoIpOptionalTest {

    private static URLClassLoader without() {
        return OptionalApis.without("an application without MaxMind's reader", "com.maxmind.");
    }

    @Test
    void noClassButTheLocatorNamesTheReader() throws Exception {
        try (URLClassLoader without = without()) {
            assertThat(OptionalApis.failingClasses(without, Set.of(MaxMindLocator.class.getName()),
                    "jakarta/mail", "org/eclipse/microprofile", "io/micrometer")).isEmpty();
        }
    }

    @Test
    void openingADatabaseWithoutTheReaderSaysWhatToAdd() throws Exception {
        try (URLClassLoader without = without()) {
            Class<?> geoIp = Class.forName(GeoIp.class.getName(), true, without);
            var open = geoIp.getMethod("open", Path.class);

            assertThatThrownBy(() -> open.invoke(null, GeoIpTest.city()))
                    .isInstanceOf(InvocationTargetException.class)
                    .cause().hasMessageContaining("stepwise.mfa.geoip.database")
                    .hasMessageContaining("com.maxmind.geoip2:geoip2")
                    .extracting(e -> e.getClass().getSimpleName()).isEqualTo("MfaConfigException");
        }
    }
}
