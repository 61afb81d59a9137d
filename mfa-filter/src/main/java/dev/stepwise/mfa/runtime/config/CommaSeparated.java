package dev.stepwise.mfa.runtime.config;

import java.util.Arrays;
import java.util.List;

/** The entries of a comma-separated parameter value, each trimmed. */
final class CommaSeparated {

    private CommaSeparated() {
    }

    /**
     * Every entry, blank ones included ({@code "a,,b"} has three; trailing commas are ignored): for lists where a
     * blank entry is a mistake.
     */
    static List<String> entries(String value) {
        return Arrays.stream(value.split(",")).map(String::trim).toList();
    }

    /** The entries that are not blank: for lists where {@code ""} means none. */
    static List<String> nonBlank(String value) {
        return entries(value).stream().filter(e -> !e.isEmpty()).toList();
    }
}
