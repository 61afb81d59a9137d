package dev.stepwise.mfa.runtime.config;

import dev.stepwise.mfa.store.SchemaMode;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;

/**
 * Where the library keeps its state.
 *
 * @param datasource   {@code stepwise.mfa.datasource}: JNDI name of the {@code DataSource}
 * @param createSchema {@code stepwise.mfa.store.create-schema}: migrate the schema at startup ({@code true}), check
 *                     every version and script ({@code validate}), or check the highest version ({@code false})
 * @param factsCache   {@code stepwise.mfa.store.facts-cache}: how long this node may reuse the facts the
 *                     enforcement asks of a user (zero: never)
 */
public record StoreSettings(String datasource, SchemaMode createSchema, Duration factsCache) {

    /**
     * @param datasource   {@code stepwise.mfa.datasource}
     * @param createSchema {@code stepwise.mfa.store.create-schema}
     * @param factsCache   {@code stepwise.mfa.store.facts-cache}
     */
    public StoreSettings {
        Objects.requireNonNull(datasource, "datasource");
        Objects.requireNonNull(createSchema, "createSchema");
        Objects.requireNonNull(factsCache, "factsCache");
    }

    /**
     * Reads the store parameters.
     *
     * @param source the parameters by name ({@code null} when not set)
     * @return the settings
     */
    public static StoreSettings read(Function<String, String> source) {
        return new StoreSettings(Parameters.DATASOURCE.read(source), Parameters.CREATE_SCHEMA.read(source),
                Parameters.FACTS_CACHE.read(source));
    }
}
