package dev.stepwise.mfa.runtime.config;

import java.util.Objects;
import java.util.function.Function;

/**
 * One context parameter: its name, its default, how its text is parsed and what it does. Declared once, in
 * {@link Parameters}; README's configuration table lists the same names and defaults (a test compares them).
 *
 * <pre>{@code
 * Parameter<Duration> expiry = new Parameter<>("stepwise.mfa.challenge.expiry", "PT5M", Durations::positive,
 *         "how long a pending challenge and the request it saved stay usable");
 * }</pre>
 *
 * @param name         e.g. {@code stepwise.mfa.path}
 * @param defaultValue the text used when the parameter is not set; {@code null} when unset means "none"
 *                     (the value is then {@code null}); {@code ""} for a list that is empty by default
 * @param parser       text to value, failing with the parameter's name and the accepted format
 * @param doc          one line saying what the parameter does
 * @param <T>          the parsed value's type
 */
public record Parameter<T>(String name, String defaultValue, ValueParser<T> parser, String doc) {

    /**
     * Checks the components.
     * @param name e.g. {@code stepwise.mfa.path}
     * @param defaultValue the text used when the parameter is not set; {@code null} when unset means "none" (the value is then {@code null}); {@code ""} for a list that is empty by default
     * @param parser text to value, failing with the parameter's name and the accepted format
     * @param doc one line saying what the parameter does
     */
    public Parameter {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(parser, "parser");
        Objects.requireNonNull(doc, "doc");
    }

    /**
     * The parameter's trimmed text, or {@code null} when it is not set.
     *
     * @param source where the configuration values are read from
     * @return the parameter's trimmed text, or {@code null} when it is not set
     */
    public String raw(Function<String, String> source) {
        String v = source.apply(name);
        return v == null ? null : v.trim();
    }

    /**
     * Whether the parameter is set at all.
     *
     * @param source where the configuration values are read from
     * @return whether the parameter is set at all
     */
    public boolean isSet(Function<String, String> source) {
        return raw(source) != null;
    }

    /**
     * The parsed value, or the parsed default when the parameter is not set, or {@code null} when it is not set
     * and has no default.
     *
     * @param source where the configuration values are read from
     * @return the parsed value, or the parsed default when the parameter is not set, or {@code null} when it is not set and has no default
     */
    public T read(Function<String, String> source) {
        String v = raw(source);
        if (v == null) {
            v = defaultValue;
        }
        return v == null ? null : parse(v);
    }

    /**
     * Parses {@code value} (trimmed first) as this parameter.
     *
     * @param value the parameter's value as configured
     * @return the t
     */
    public T parse(String value) {
        return parser.parse(name, value.trim());
    }

    /** {@return the default as README's table shows it: the text, or "–" when there is none} */
    public String documentedDefault() {
        return defaultValue == null || defaultValue.isEmpty() ? "–" : defaultValue;
    }
}
