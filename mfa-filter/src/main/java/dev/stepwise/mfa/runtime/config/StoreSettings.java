package dev.stepwise.mfa.runtime.config;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;

/**
 * Where the library keeps its state.
 *
 * @param datasource   {@code stepwise.mfa.datasource}: JNDI name of the {@code DataSource}
 * @param createSchema {@code stepwise.mfa.store.create-schema}: whether the library creates its tables at startup
 * @param factsCache   {@code stepwise.mfa.store.facts-cache}: how long this node may reuse the facts the
 *                     enforcement asks of a user (zero: never)
 */
public record StoreSettings(String datasource, boolean createSchema, Duration factsCache) {

    /**
     * Checks the components.
     * @param datasource {@code stepwise.mfa.datasource}: JNDI name of the {@code DataSource}
     * @param createSchema {@code stepwise.mfa.store.create-schema}: whether the library creates its tables at startup
     * @param factsCache {@code stepwise.mfa.store.facts-cache}: how long this node may reuse the facts the enforcement asks of a user (zero: never)
     */
    public StoreSettings {
        Objects.requireNonNull(datasource, "datasource");
        Objects.requireNonNull(factsCache, "factsCache");
    }

    /**
     * Reads the store parameters.
     *
     * @param source where the configuration values are read from
     * @return the store settings
     */
    public static StoreSettings read(Function<String, String> source) {
        return new StoreSettings(Parameters.DATASOURCE.read(source), Parameters.CREATE_SCHEMA.read(source),
                Parameters.FACTS_CACHE.read(source));
    }
}
