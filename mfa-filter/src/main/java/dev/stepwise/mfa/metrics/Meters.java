package dev.stepwise.mfa.metrics;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Where the counts go: the server's metrics API, or nowhere. Attribute values are low-cardinality words only
 * (factor ids, outcomes), given as name/value pairs.
 */
interface Meters {

    /** Counts nothing: the server offers no metrics API the library knows. */
    Meters NONE = new Meters() {
        @Override
        public void count(String name, String... attributes) {
        }

        @Override
        public void time(String name, Duration took, String... attributes) {
        }

        @Override
        public void gauge(String name, LongSupplier value) {
        }

        @Override
        public String api() {
            return "none";
        }
    };

    /** Adds one to the counter {@code name} with the given name/value attribute pairs. */
    void count(String name, String... attributes);

    /** Records one duration in the timer {@code name}. */
    void time(String name, Duration took, String... attributes);

    /** Registers a value read when the metrics are read. */
    void gauge(String name, LongSupplier value);

    /** {@return the API's name, for the log line} */
    String api();
}
