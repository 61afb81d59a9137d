package dev.stepwise.mfa.runtime.config;

import java.util.Objects;
import java.util.function.Function;

/**
 * Where the library's own pages live.
 *
 * @param path {@code stepwise.mfa.path}: context-relative, e.g. {@code /mfa} ({@code /mfa/challenge}, ...)
 */
public record PageSettings(String path) {

    public PageSettings {
        Objects.requireNonNull(path, "path");
    }

    /** Reads {@code stepwise.mfa.path}. */
    public static PageSettings read(Function<String, String> source) {
        return new PageSettings(Parameters.PATH.read(source));
    }
}
