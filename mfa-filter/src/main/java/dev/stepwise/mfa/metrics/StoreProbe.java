package dev.stepwise.mfa.metrics;

import dev.stepwise.mfa.runtime.MfaStorage;

import java.util.function.Supplier;

/**
 * The library's store as the readiness check reaches it. The check is added by an extension and the server calls
 * it from its own health endpoint, where neither injection from the library's archive nor {@code CDI.current()}
 * is certain to see the application; so the library hands its store over when it starts ({@link MfaMetrics}).
 * One per application: the library's classes are the application's.
 */
final class StoreProbe {

    private static volatile Supplier<MfaStorage> storage;

    private StoreProbe() {
    }

    /** The store to check from now on. */
    static void use(MfaStorage started) {
        storage = () -> started;
    }

    /** {@return the store the library started with} */
    static MfaStorage storage() {
        Supplier<MfaStorage> s = storage;
        if (s == null) {
            throw new IllegalStateException("Stepwise MFA has not started");
        }
        return s.get();
    }
}
