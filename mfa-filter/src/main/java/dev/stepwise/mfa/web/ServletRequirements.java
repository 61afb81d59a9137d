package dev.stepwise.mfa.web;

import dev.stepwise.mfa.core.AnnotatedRequirements;
import dev.stepwise.mfa.core.Requirement;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The requirements of each registered servlet, per HTTP method, read from {@code @RequiresMfa} /
 * {@code @StepUp} on the servlet class and its {@code doXxx} methods. Resolved once per servlet (all of them
 * at deployment, so a bad {@code maxAge} fails it), then a map lookup per request: no reflection on the
 * request path.
 */
final class ServletRequirements {

    private static final Map<String, String> HANDLERS = Map.of(
            "GET", "doGet", "HEAD", "doHead", "POST", "doPost", "PUT", "doPut",
            "DELETE", "doDelete", "OPTIONS", "doOptions", "TRACE", "doTrace");

    /** Per servlet: HTTP method → requirement; key {@code "*"} for methods without their own handler. */
    private record PerMethod(Map<String, Requirement> byMethod) {
        static final PerMethod NONE = new PerMethod(Map.of());

        Requirement forMethod(String method) {
            if (byMethod.isEmpty()) {
                return null;
            }
            Requirement r = byMethod.get(method);
            return r != null ? r : byMethod.get("*");
        }
    }

    private final ServletContext context;
    private final AnnotatedRequirements annotations;
    private final ConcurrentHashMap<String, PerMethod> byServlet = new ConcurrentHashMap<>();

    ServletRequirements(ServletContext context, AnnotatedRequirements annotations) {
        this.context = context;
        this.annotations = annotations;
    }

    /** Resolves every servlet registered so far; throws for a bad annotation value. */
    void resolveAll() {
        for (String name : context.getServletRegistrations().keySet()) {
            byServlet.computeIfAbsent(name, this::resolve);
        }
    }

    /** The requirement the target servlet's annotations set for this request's method, or {@code null}. */
    Requirement forRequest(HttpServletRequest request) {
        jakarta.servlet.http.HttpServletMapping mapping = request.getHttpServletMapping();
        if (request.getDispatcherType() == jakarta.servlet.DispatcherType.INCLUDE && request.getAttribute(
                jakarta.servlet.RequestDispatcher.INCLUDE_MAPPING) instanceof jakarta.servlet.http.HttpServletMapping m) {
            mapping = m; // an include keeps the request's own mapping; the included servlet's is this attribute
        }
        String name = mapping == null ? null : mapping.getServletName();
        if (name == null) {
            return null;
        }
        return byServlet.computeIfAbsent(name, this::resolve).forMethod(request.getMethod());
    }

    private PerMethod resolve(String servletName) {
        ServletRegistration registration = context.getServletRegistration(servletName);
        String className = registration == null ? null : registration.getClassName();
        if (className == null) {
            return PerMethod.NONE;
        }
        Class<?> type;
        try {
            type = Class.forName(className, false, context.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return PerMethod.NONE; // container servlets (JSP, default, JAX-RS) are not ours to read
        }
        if (!HttpServlet.class.isAssignableFrom(type)) {
            return annotations.resolve(type, null).map(r -> new PerMethod(Map.of("*", r))).orElse(PerMethod.NONE);
        }
        Map<String, Requirement> byMethod = new HashMap<>();
        annotations.resolve(type, null).ifPresent(r -> byMethod.put("*", r));
        for (Map.Entry<String, String> h : HANDLERS.entrySet()) {
            Method handler = findHandler(type, h.getValue());
            Optional<Requirement> r = annotations.resolve(type, handler);
            r.ifPresent(req -> byMethod.put(h.getKey(), req));
        }
        // HttpServlet.doHead runs doGet: a HEAD without its own handler follows GET's requirement.
        if (findHandler(type, "doHead") == null && byMethod.containsKey("GET")) {
            byMethod.put("HEAD", byMethod.get("GET"));
        }
        return byMethod.isEmpty() ? PerMethod.NONE : new PerMethod(Map.copyOf(byMethod));
    }

    private static Method findHandler(Class<?> type, String name) {
        for (Class<?> c = type; c != null && c != HttpServlet.class; c = c.getSuperclass()) {
            try {
                return c.getDeclaredMethod(name, HttpServletRequest.class, HttpServletResponse.class);
            } catch (NoSuchMethodException e) {
                // look in the superclass
            }
        }
        return null;
    }
}
