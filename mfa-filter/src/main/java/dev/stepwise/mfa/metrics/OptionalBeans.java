package dev.stepwise.mfa.metrics;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;

/**
 * Adds {@link StoreReadiness} as a bean only when the server has MicroProfile Health: the class names the API, so
 * it carries no bean-defining annotation (bean discovery is {@code annotated}) and is never loaded without it.
 * Registered in {@code META-INF/services/jakarta.enterprise.inject.spi.Extension}.
 */
public class OptionalBeans implements Extension {

    /** A type every MicroProfile Health server has. */
    static final String MICROPROFILE_HEALTH = "org.eclipse.microprofile.health.HealthCheck";

    static final String STORE_READINESS = "dev.stepwise.mfa.metrics.StoreReadiness";

    void addOptional(@Observes BeforeBeanDiscovery discovery) {
        ClassLoader loader = OptionalBeans.class.getClassLoader();
        if (MeterBridge.present(MICROPROFILE_HEALTH, loader)) {
            try {
                discovery.addAnnotatedType(Class.forName(STORE_READINESS, true, loader), STORE_READINESS);
            } catch (ClassNotFoundException | LinkageError e) {
                System.getLogger(OptionalBeans.class.getName()).log(System.Logger.Level.WARNING,
                        "Stepwise MFA: no readiness check: " + e.getClass().getName());
            }
        }
    }
}
