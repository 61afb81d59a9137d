package dev.stepwise.mfa.runtime.config;

import java.util.Objects;
import java.util.function.Function;

/**
 * Where parameter values come from: a parameter's name to its text and the place that text was found, so a
 * deployment error can say where to fix it. {@code web.xml} context parameters are one source; MicroProfile Config
 * ({@link MicroProfileConfig}) is another, layered over them with {@link #over}.
 *
 * <pre>{@code
 * ParameterSource source = ParameterSource.of(Map.of("stepwise.mfa.trust.duration", "P7D"), "test")
 *         .over(ParameterSource.contextParameters(servletContext::getInitParameter));
 * source.lookup("stepwise.mfa.trust.duration");  // Sourced[value=P7D, origin=test]
 * }</pre>
 */
@FunctionalInterface
public interface ParameterSource {

    /** The origin of a value read from {@code web.xml} (or a web fragment). */
    String CONTEXT_PARAMETER = "web.xml context parameter";

    /**
     * @param name a parameter's name
     * @return its text and origin, or {@code null} when this source does not set it
     */
    Sourced lookup(String name);

    /**
     * One parameter's text and where it was found.
     *
     * @param value  the text, untrimmed, never {@code null}
     * @param origin where it was found, e.g. {@code web.xml context parameter}; never the value itself
     */
    record Sourced(String value, String origin) {
        /**
         * Checks the components.
         * @param value the text, untrimmed, never {@code null}
         * @param origin where it was found, e.g. {@code web.xml context parameter}; never the value itself
         */
        public Sourced {
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(origin, "origin");
        }
    }

    /** {@return a source that sets nothing} */
    static ParameterSource none() {
        return name -> null;
    }

    /**
     * The application's context parameters, e.g. {@code servletContext::getInitParameter}.
     *
     * @param params the params
     * @return the application's context parameters, e.g. {@code servletContext::getInitParameter}
     */
    static ParameterSource contextParameters(Function<String, String> params) {
        return of(params, CONTEXT_PARAMETER);
    }

    /**
     * Values from {@code params} ({@code null} when not set), all with the same origin.
     *
     * @param params the params
     * @param origin where it was found, e.g. {@code web.xml context parameter}; never the value itself
     * @return the parameter source
     */
    static ParameterSource of(Function<String, String> params, String origin) {
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(origin, "origin");
        return name -> {
            String value = params.apply(name);
            return value == null ? null : new Sourced(value, origin);
        };
    }

    /**
     * This source where it sets a parameter, {@code fallback} where it does not.
     *
     * @param fallback the fallback
     * @return this source where it sets a parameter, {@code fallback} where it does not
     */
    default ParameterSource over(ParameterSource fallback) {
        Objects.requireNonNull(fallback, "fallback");
        return name -> {
            Sourced found = lookup(name);
            return found != null ? found : fallback.lookup(name);
        };
    }

    /** {@return the values alone, as the settings records read them} */
    default Function<String, String> values() {
        return name -> {
            Sourced found = lookup(name);
            return found == null ? null : found.value();
        };
    }

    /**
     * Where {@code name}'s value comes from; "the library's default" when no source sets it.
     *
     * @param name a parameter's name
     * @return where {@code name}'s value comes from; "the library's default" when no source sets it
     */
    default String originOf(String name) {
        Sourced found = lookup(name);
        return found == null ? "the library's default" : found.origin();
    }
}
