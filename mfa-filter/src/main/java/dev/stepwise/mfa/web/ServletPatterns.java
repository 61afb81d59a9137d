package dev.stepwise.mfa.web;

import java.util.Map;
import java.util.Optional;

/**
 * Which servlet a context-relative path maps to, by the Servlet specification's rules (chapter "Mapping Requests
 * to Servlets"): an exact pattern, then the longest path prefix ({@code /a/*}), then an extension
 * ({@code *.jsp}, on the last segment), then the default servlet ({@code /}); the empty pattern is the context
 * root.
 *
 * <p>Used for includes: the container names the included servlet in the request attribute
 * {@code jakarta.servlet.include.mapping}, but not every container names the right one (WildFly 38's Undertow
 * names the including servlet), so the library also works out the target from the included path itself.
 *
 * <pre>{@code
 * ServletPatterns patterns = new ServletPatterns(Map.of("/it/protected", "Protected", "/", "default"));
 * patterns.servletFor("/it/protected");  // Optional[Protected]
 * }</pre>
 */
final class ServletPatterns {

    private final Map<String, String> servletByPattern;

    /** @param servletByPattern URL pattern → servlet name, as the servlet registrations declare them */
    ServletPatterns(Map<String, String> servletByPattern) {
        this.servletByPattern = Map.copyOf(servletByPattern);
    }

    /** The servlet {@code path} (servlet path plus path info, e.g. {@code /it/protected}) maps to, if any. */
    Optional<String> servletFor(String path) {
        if (path == null || !path.startsWith("/")) {
            return Optional.empty();
        }
        // exact: the empty pattern is the context root; "/" is the default servlet and "/x/*" a prefix, never exact
        String exact = path.equals("/") ? servletByPattern.get("")
                : path.endsWith("/*") ? null : servletByPattern.get(path);
        if (exact != null) {
            return Optional.of(exact);
        }
        for (String prefix = path; ; prefix = prefix.substring(0, prefix.lastIndexOf('/'))) {
            String name = servletByPattern.get(prefix + "/*");
            if (name != null) {
                return Optional.of(name);
            }
            if (prefix.isEmpty()) {
                break;
            }
        }
        String last = path.substring(path.lastIndexOf('/') + 1);
        int dot = last.lastIndexOf('.');
        if (dot >= 0) {
            String name = servletByPattern.get("*" + last.substring(dot));
            if (name != null) {
                return Optional.of(name);
            }
        }
        return Optional.ofNullable(servletByPattern.get("/"));
    }
}
