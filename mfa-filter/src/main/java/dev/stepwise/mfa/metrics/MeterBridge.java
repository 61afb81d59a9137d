package dev.stepwise.mfa.metrics;

import jakarta.enterprise.inject.Instance;

/**
 * Finds the server's metrics API without loading a class that names it while it is absent: the adapter is
 * reached through its name only after the API itself loaded in the library's class loader.
 */
final class MeterBridge {

    /** A type every MicroProfile Metrics 5 server has. */
    static final String MICROPROFILE_METRICS = "org.eclipse.microprofile.metrics.MetricRegistry";

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

    /** The server's meters, or {@link Meters#NONE} when it offers no metrics API (or no registry for it). */
    static Meters find(Instance<Object> beans, ClassLoader loader) {
        if (!present(MICROPROFILE_METRICS, loader)) {
            return Meters.NONE;
        }
        return MicroProfileMeters.of(beans);
    }
}
