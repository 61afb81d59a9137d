package dev.stepwise.mfa.runtime.config;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.ConfigValue;

import java.util.Objects;
import java.util.Set;

/**
 * The {@code stepwise.mfa.*} parameters as MicroProfile Config (2.0 or later) resolves them, each with the name of
 * the config source that gave it ({@code ConfigValue.getSourceName()}, e.g. {@code SysPropConfigSource},
 * {@code EnvConfigSource}, or Payara's {@code SystemProperty} and {@code Environment}). Only the parameters of
 * {@link Parameters#ALL} are asked for: never the secret key, which has rules of its own.
 *
 * <p>The only class of the library naming MicroProfile types. Not a bean, and loaded only by {@link
 * MicroProfileConfig} once it has seen the API.
 */
final class MicroProfileSource {

    private static final Set<String> NAMES = Set.copyOf(Parameters.names());

    private MicroProfileSource() {
    }

    /** The configuration of the application whose class loader is {@code application}. */
    static ParameterSource of(ClassLoader application) {
        Config config = ConfigProvider.getConfig(application);
        config.getConfigValue(Parameters.LOGIN.name()); // MicroProfile Config 1.x has no getConfigValue: fail now
        return of(config);
    }

    /** The parameters {@code config} sets. */
    static ParameterSource of(Config config) {
        Objects.requireNonNull(config, "config");
        return name -> NAMES.contains(name) ? lookup(config, name) : null;
    }

    private static ParameterSource.Sourced lookup(Config config, String name) {
        ConfigValue found;
        try {
            found = config.getConfigValue(name);
        } catch (RuntimeException e) { // e.g. an expression naming a property that does not exist
            throw new MfaConfigException(name, "(from MicroProfile Config, not shown)",
                    "a value MicroProfile Config can resolve (" + e.getClass().getSimpleName() + ")");
        }
        if (found == null || found.getValue() == null) {
            return null;
        }
        String source = found.getSourceName();
        return new ParameterSource.Sourced(found.getValue(),
                "MicroProfile Config source " + (source == null ? "(unnamed)" : source));
    }
}
