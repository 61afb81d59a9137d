package dev.stepwise.mfa.runtime.config;

import java.util.Objects;
import java.util.function.Function;

/**
 * Where the library keeps its state.
 *
 * @param datasource   {@code stepwise.mfa.datasource}: JNDI name of the {@code DataSource}
 * @param createSchema {@code stepwise.mfa.store.create-schema}: whether the library creates its tables at startup
 */
public record StoreSettings(String datasource, boolean createSchema) {

    public StoreSettings {
        Objects.requireNonNull(datasource, "datasource");
    }

    /** Reads the store parameters. */
    public static StoreSettings read(Function<String, String> source) {
        return new StoreSettings(Parameters.DATASOURCE.read(source), Parameters.CREATE_SCHEMA.read(source));
    }
}
