package dev.stepwise.mfa.runtime.config;

import java.util.Objects;
import java.util.function.Function;

/**
 * Where the library's own pages live, and the application's texts on them.
 *
 * @param path         {@code stepwise.mfa.path}: context-relative, e.g. {@code /mfa} ({@code /mfa/challenge}, ...)
 * @param reasonBundle {@code stepwise.mfa.reason-bundle}: the base name of the application's resource bundle whose
 *                     {@code stepwise.mfa.reason.<reason>} texts come first, or {@code null} for none
 */
public record PageSettings(String path, String reasonBundle) {

    /**
     * Checks the components.
     *
     * @param path         {@code stepwise.mfa.path}: context-relative, e.g. {@code /mfa}
     * @param reasonBundle the application's reason bundle's base name, or {@code null}
     */
    public PageSettings {
        Objects.requireNonNull(path, "path");
    }

    /**
     * The pages at {@code path}, with the library's texts only.
     *
     * @param path {@code stepwise.mfa.path}: context-relative, e.g. {@code /mfa}
     */
    public PageSettings(String path) {
        this(path, null);
    }

    /**
     * Reads {@code stepwise.mfa.path} and {@code stepwise.mfa.reason-bundle}.
     *
     * @param source where the configuration values are read from
     * @return the page settings
     */
    public static PageSettings read(Function<String, String> source) {
        return new PageSettings(Parameters.PATH.read(source), Parameters.REASON_BUNDLE.read(source));
    }
}
