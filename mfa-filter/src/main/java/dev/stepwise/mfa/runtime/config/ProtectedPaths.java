package dev.stepwise.mfa.runtime.config;

import dev.stepwise.mfa.core.Requirement;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * URL patterns from {@code stepwise.mfa.protect} with the requirement each one sets, matched with the
 * servlet specification's precedence: exact path, then the longest {@code /prefix/*}, then {@code *.ext}.
 *
 * <pre>{@code /admin/*=mfa; /account/delete=stepup:PT2M; *.pdf=stepup}</pre>
 */
public final class ProtectedPaths {

    /** Accepted format, for error messages. */
    public static final String FORMAT =
            "pattern=mfa or pattern=stepup[:ISO-8601 duration], separated by ';', "
                    + "patterns as in web.xml (/exact, /prefix/*, *.ext)";

    private static final ProtectedPaths NONE = new ProtectedPaths(Map.of(), Map.of(), Map.of());

    private final Map<String, Requirement> exact;
    private final Map<String, Requirement> prefix;
    private final Map<String, Requirement> extension;

    private ProtectedPaths(Map<String, Requirement> exact, Map<String, Requirement> prefix,
                           Map<String, Requirement> extension) {
        this.exact = Map.copyOf(exact);
        this.prefix = Map.copyOf(prefix);
        this.extension = Map.copyOf(extension);
    }

    /** {@return whether no pattern is configured (then matching costs nothing)} */
    public boolean isEmpty() {
        return exact.isEmpty() && prefix.isEmpty() && extension.isEmpty();
    }

    /**
     * Parses the parameter value.
     *
     * @param value the parameter's value as configured
     * @param defaultMaxAge the default max age
     * @return the protected paths
     * @throws IllegalArgumentException describing the first bad entry
     */
    public static ProtectedPaths parse(String value, Duration defaultMaxAge) {
        if (value.isBlank()) {
            return NONE;
        }
        Map<String, Requirement> exact = new HashMap<>();
        Map<String, Requirement> prefix = new HashMap<>();
        Map<String, Requirement> extension = new HashMap<>();
        Map<String, Requirement> seen = new LinkedHashMap<>();
        for (String entry : value.split(";")) {
            String e = entry.trim();
            if (e.isEmpty()) {
                continue;
            }
            int eq = e.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("entry '" + e + "' has no '='");
            }
            String pattern = e.substring(0, eq).trim();
            Requirement requirement = parseRequirement(e.substring(eq + 1).trim(), defaultMaxAge, e);
            if (seen.put(pattern, requirement) != null) {
                throw new IllegalArgumentException("pattern '" + pattern + "' appears twice");
            }
            if (pattern.startsWith("*.") && pattern.length() > 2 && pattern.indexOf('/') < 0
                    && pattern.indexOf('*', 1) < 0) {
                extension.put(pattern.substring(2), requirement);
            } else if (pattern.equals("/*")) {
                prefix.put("", requirement);
            } else if (pattern.startsWith("/") && pattern.endsWith("/*") && pattern.indexOf('*') == pattern.length() - 1) {
                prefix.put(pattern.substring(0, pattern.length() - 2), requirement);
            } else if (pattern.startsWith("/") && pattern.indexOf('*') < 0) {
                exact.put(pattern, requirement);
            } else {
                throw new IllegalArgumentException("pattern '" + pattern + "' is not a servlet URL pattern");
            }
        }
        return new ProtectedPaths(exact, prefix, extension);
    }

    private static Requirement parseRequirement(String kind, Duration defaultMaxAge, String entry) {
        if (kind.equals("mfa")) {
            return Requirement.mfa();
        }
        if (kind.equals("stepup")) {
            return Requirement.stepUp(defaultMaxAge);
        }
        if (kind.startsWith("stepup:")) {
            String d = kind.substring("stepup:".length());
            try {
                Duration maxAge = Duration.parse(d);
                if (!maxAge.isNegative() && !maxAge.isZero()) {
                    return Requirement.stepUp(maxAge);
                }
            } catch (DateTimeParseException ignored) {
                // reported below
            }
            throw new IllegalArgumentException("'" + d + "' in '" + entry + "' is not a positive ISO-8601 duration");
        }
        throw new IllegalArgumentException("'" + kind + "' in '" + entry + "' is neither mfa nor stepup[:duration]");
    }

    /**
     * The requirement for a context-relative path ({@code servletPath + pathInfo}), if a pattern matches. Repeated
     * slashes count as one, and an exact pattern also matches its path with one trailing slash
     * ({@code /api/transfers} covers {@code /api/transfers/}, which JAX-RS and some servlets serve as the same
     * resource): a pattern never protects less than the resource it names.
     *
     * @param rawPath the raw path
     * @return the requirement for a context-relative path ({@code servletPath + pathInfo}), if a pattern matches
     */
    public Optional<Requirement> match(String rawPath) {
        if (isEmpty()) {
            return Optional.empty();
        }
        String path = collapseSlashes(rawPath);
        Requirement r = exact.get(path);
        if (r == null && path.length() > 1 && path.endsWith("/")) {
            r = exact.get(path.substring(0, path.length() - 1));
        }
        if (r != null) {
            return Optional.of(r);
        }
        // Longest prefix first: "/a/b/*" beats "/a/*" beats "/*".
        String p = path;
        while (true) {
            r = prefix.get(p);
            if (r != null) {
                return Optional.of(r);
            }
            int slash = p.lastIndexOf('/');
            if (slash < 0) {
                break;
            }
            p = p.substring(0, slash);
        }
        int lastSlash = path.lastIndexOf('/');
        int dot = path.lastIndexOf('.');
        if (dot > lastSlash) {
            return Optional.ofNullable(extension.get(path.substring(dot + 1)));
        }
        return Optional.empty();
    }

    /** {@code //a///b} as {@code /a/b}: containers may pass empty segments through to the servlet path. */
    private static String collapseSlashes(String path) {
        if (!path.contains("//")) {
            return path;
        }
        StringBuilder b = new StringBuilder(path.length());
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c != '/' || b.length() == 0 || b.charAt(b.length() - 1) != '/') {
                b.append(c);
            }
        }
        return b.toString();
    }
}
