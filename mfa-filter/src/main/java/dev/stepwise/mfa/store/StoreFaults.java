package dev.stepwise.mfa.store;

import java.util.concurrent.atomic.LongAdder;

/**
 * How many times the store failed to answer (each {@link StoreUnavailableException} the store raised) since this
 * copy of the library was loaded: one count per application, as the library's classes are the application's.
 * Read by the optional metrics ({@code stepwise.mfa.store.errors}, docs/operations.md); counting is one
 * {@link LongAdder} increment on the failure path only.
 */
public final class StoreFaults {

    private static final LongAdder FAULTS = new LongAdder();

    private StoreFaults() {
    }

    /** One more fault. */
    static void record() {
        FAULTS.increment();
    }

    /** {@return the faults counted so far} */
    public static long count() {
        return FAULTS.sum();
    }
}
