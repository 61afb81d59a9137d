package dev.stepwise.mfa.runtime.config;

import java.util.Objects;
import java.util.function.Function;

/**
 * Where the library's own pages live.
 *
 * @param path {@code stepwise.mfa.path}: context-relative, e.g. {@code /mfa} ({@code /mfa/challenge}, ...)
 */
public record PageSettings(String path) {

    /**
     * Checks the components.
     * @param path {@code stepwise.mfa.path}: context-relative, e.g. {@code /mfa} ({@code /mfa/challenge}, ...)
     */
    public PageSettings {
        Objects.requireNonNull(path, "path");
    }

    /**
     * Reads {@code stepwise.mfa.path}.
     *
     * @param source where the configuration values are read from
     * @return the page settings
     */
    public static PageSettings read(Function<String, String> source) {
        return new PageSettings(Parameters.PATH.read(source));
    }
}
