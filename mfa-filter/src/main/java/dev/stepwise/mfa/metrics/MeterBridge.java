package dev.stepwise.mfa.metrics;

import jakarta.enterprise.inject.Instance;

/**
 * Finds the server's metrics API without loading a class that names it while it is absent: the adapter is
 * reached through its name only after the API itself loaded in the library's class loader.
 */
final class MeterBridge {

    /** A type every MicroProfile Metrics 5 server has. */
    static final String MICROPROFILE_METRICS = "org.eclipse.microprofile.metrics.MetricRegistry";

    /** Micrometer's registry type (WildFly's {@code micrometer} subsystem). */
    static final String MICROMETER = "io.micrometer.core.instrument.MeterRegistry";

    private MeterBridge() {
    }

    /** Whether {@code type} can be loaded through {@code loader}. */
    static boolean present(String type, ClassLoader loader) {
        try {
            Class.forName(type, false, loader);
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /**
     * The server's meters: MicroProfile Metrics where the server has it (Payara Micro), else Micrometer where the
     * server gives the deployment a registry (WildFly's {@code micrometer} subsystem), else {@link Meters#NONE}.
     */
    static Meters find(Instance<Object> beans, ClassLoader loader) {
        if (present(MICROPROFILE_METRICS, loader)) {
            return MicroProfileMeters.of(beans);
        }
        if (present(MICROMETER, loader)) {
            return MicrometerMeters.of(beans);
        }
        return Meters.NONE;
    }
}
