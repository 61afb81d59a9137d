package dev.stepwise.mfa.web;

import dev.stepwise.mfa.runtime.config.ProtectedPaths;
import dev.stepwise.mfa.RequiresMfa;
import dev.stepwise.mfa.StepUp;
import dev.stepwise.mfa.core.AnnotatedRequirements;
import dev.stepwise.mfa.core.Requirement;
import dev.stepwise.mfa.core.Requirements;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The requirements of each registered servlet, per HTTP method, read from {@code @RequiresMfa} /
 * {@code @StepUp} on the servlet class, its {@code doXxx} methods and its
 * {@code service(HttpServletRequest, HttpServletResponse)}. Resolved once per servlet (all of them at deployment,
 * so a bad annotation fails it), then a map lookup per request: no reflection on the request path.
 *
 * <ul>
 *   <li>{@code doGet}, {@code doPost}, …: for their HTTP method; the class's annotation where a method has
 *       none (and for HTTP methods without a handler of their own);</li>
 *   <li>{@code service(HttpServletRequest, HttpServletResponse)}: for every HTTP method, in addition to the
 *       above (it runs before every handler, so both hold);</li>
 *   <li>anywhere else — a method of an interface the servlet implements, a helper method, a handler that a
 *       subclass overrides without an annotation of its own, any method of a servlet that is not an
 *       {@code HttpServlet} — the annotation would be ignored: the deployment fails with a message naming class
 *       and method. (An overriding handler with its own annotation is read instead, as a method's annotation is
 *       read instead of its class's.)</li>
 * </ul>
 */
final class ServletRequirements {

    private static final Map<String, String> HANDLERS = Map.of(
            "GET", "doGet", "HEAD", "doHead", "POST", "doPost", "PUT", "doPut",
            "DELETE", "doDelete", "OPTIONS", "doOptions", "TRACE", "doTrace");
    private static final String SERVICE = "service";
    /** Where a method-level annotation is honoured. */
    private static final String HONOURED = "only on doGet, doPost, doPut, doDelete, doHead, doOptions, doTrace or "
            + "service(HttpServletRequest, HttpServletResponse) of an HttpServlet, or on the servlet class";

    /** Per servlet: HTTP method → requirements; key {@code "*"} for methods without their own handler. */
    record PerMethod(Map<String, Requirements> byMethod) {
        static final PerMethod NONE = new PerMethod(Map.of());

        Requirements forMethod(String method) {
            Requirements r = byMethod.get(method);
            return r != null ? r : byMethod.getOrDefault("*", Requirements.NONE);
        }
    }

    private final ServletContext context;
    private final AnnotatedRequirements annotations;
    private final ConcurrentHashMap<String, PerMethod> byServlet = new ConcurrentHashMap<>();
    private volatile ServletPatterns patterns;

    ServletRequirements(ServletContext context, AnnotatedRequirements annotations) {
        this.context = context;
        this.annotations = annotations;
    }

    /** Where the start-up listener leaves the resolved requirements for the filter (an application attribute). */
    private static final String CONTEXT_ATTRIBUTE = ServletRequirements.class.getName();

    /** Resolves every servlet registered in {@code context} and keeps the result there for the filter. */
    static ServletRequirements resolveAndPublish(ServletContext context, AnnotatedRequirements annotations) {
        ServletRequirements servlets = new ServletRequirements(context, annotations);
        servlets.resolveAll();
        context.setAttribute(CONTEXT_ATTRIBUTE, servlets);
        return servlets;
    }

    /** The requirements the start-up listener resolved for {@code context}. */
    static ServletRequirements of(ServletContext context) {
        if (context.getAttribute(CONTEXT_ATTRIBUTE) instanceof ServletRequirements servlets) {
            return servlets;
        }
        throw new IllegalStateException("Stepwise MFA is not configured (its listener did not run)");
    }

    /**
     * What this request's endpoint asks: the servlet's annotations (handler and {@code service}), then the protect
     * pattern matching {@code path}; empty when it is not protected. All of them must hold.
     */
    Requirements forEndpoint(HttpServletRequest request, String path, ProtectedPaths protect) {
        return forRequest(request).and(protect.match(path).orElse(null));
    }

    /** Resolves every servlet registered so far; throws for a bad or misplaced annotation. */
    void resolveAll() {
        for (String name : context.getServletRegistrations().keySet()) {
            byServlet.computeIfAbsent(name, this::resolve);
        }
    }

    /** The requirements the target servlet's annotations set for this request's method (none: empty). */
    Requirements forRequest(HttpServletRequest request) {
        if (request.getDispatcherType() == jakarta.servlet.DispatcherType.INCLUDE) {
            return forInclude(request);
        }
        jakarta.servlet.http.HttpServletMapping mapping = request.getHttpServletMapping();
        return forServlet(mapping == null ? null : mapping.getServletName(), request.getMethod());
    }

    /**
     * An include keeps the request's own mapping. The included servlet is the one the container names in
     * {@code jakarta.servlet.include.mapping} and the one the included path maps to: both are asked, so a container
     * that names the wrong one (Undertow names the including servlet) cannot leave the target unchecked.
     */
    private Requirements forInclude(HttpServletRequest request) {
        Requirements named = request.getAttribute(jakarta.servlet.RequestDispatcher.INCLUDE_MAPPING)
                instanceof jakarta.servlet.http.HttpServletMapping m
                ? forServlet(m.getServletName(), request.getMethod()) : Requirements.NONE;
        String target = patterns().servletFor(dev.stepwise.mfa.http.RequestFacts.pathOf(request)).orElse(null);
        return named.and(forServlet(target, request.getMethod()));
    }

    private Requirements forServlet(String name, String method) {
        if (name == null) {
            return Requirements.NONE;
        }
        return byServlet.computeIfAbsent(name, this::resolve).forMethod(method);
    }

    /** The URL patterns of the servlets registered now (read once; servlets are registered before requests). */
    private ServletPatterns patterns() {
        ServletPatterns known = patterns;
        if (known == null) {
            Map<String, String> byPattern = new HashMap<>();
            if (context != null) { // without a context (the filter's unit tests) no servlet is registered
                context.getServletRegistrations().forEach((name, registration) ->
                        registration.getMappings().forEach(pattern -> byPattern.putIfAbsent(pattern, name)));
            }
            known = new ServletPatterns(byPattern);
            patterns = known;
        }
        return known;
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
        return of(type, annotations);
    }

    /**
     * The requirements of servlet class {@code type}, per HTTP method.
     *
     * @throws IllegalArgumentException for an annotation that would be ignored, or a bad {@code maxAge}; the
     *                                  message names the class and the method
     */
    static PerMethod of(Class<?> type, AnnotatedRequirements annotations) {
        requireHonouredPlacement(type);
        Requirements onClass = Requirements.of(annotations.resolve(type, null).orElse(null));
        if (!HttpServlet.class.isAssignableFrom(type)) {
            return onClass.isEmpty() ? PerMethod.NONE : new PerMethod(Map.of("*", onClass));
        }
        Method service = findHandler(type, SERVICE);
        Requirement onService = service == null ? null : annotations.declaredOn(service).orElse(null);
        Map<String, Requirements> byMethod = new HashMap<>();
        byMethod.put("*", onClass.and(onService));
        for (Map.Entry<String, String> h : HANDLERS.entrySet()) {
            Method handler = findHandler(type, h.getValue());
            if (handler != null) {
                byMethod.put(h.getKey(), Requirements.of(annotations.resolve(type, handler).orElse(null), onService));
            }
        }
        // HttpServlet.doHead runs doGet: a HEAD without its own handler follows GET's requirements.
        if (!byMethod.containsKey("HEAD") && byMethod.containsKey("GET")) {
            byMethod.put("HEAD", byMethod.get("GET"));
        }
        byMethod.values().removeIf(Requirements::isEmpty);
        return byMethod.isEmpty() ? PerMethod.NONE : new PerMethod(Map.copyOf(byMethod));
    }

    /**
     * Fails on an annotation the filter would never read: on a method of an interface {@code type} implements (Java
     * does not inherit method annotations from interfaces), on a method that is neither a handler nor
     * {@code service}, or on a handler that a subclass overrides without an annotation (the override runs, and
     * nothing would guard it).
     */
    private static void requireHonouredPlacement(Class<?> type) {
        boolean httpServlet = HttpServlet.class.isAssignableFrom(type);
        for (Class<?> c = type; c != null && c != HttpServlet.class && c != Object.class; c = c.getSuperclass()) {
            for (Method m : c.getDeclaredMethods()) {
                if (m.isSynthetic() || !isAnnotated(m)) {
                    continue;
                }
                if (!httpServlet || !isHandler(m)) {
                    throw misplaced(type, m, "is not read there; " + HONOURED);
                }
                Method runs = findHandler(type, m.getName());
                if (!m.equals(runs) && !isAnnotated(runs)) {
                    throw misplaced(type, m, "is not read: " + runs.getDeclaringClass().getName() + "#"
                            + runs.getName() + " overrides it; annotate the overriding method");
                }
            }
        }
        for (Class<?> i : interfacesOf(type)) {
            for (Method m : i.getDeclaredMethods()) {
                if (isAnnotated(m)) {
                    throw misplaced(type, m, "is on an interface method, which Java does not pass on to the servlet; "
                            + "annotate " + HONOURED);
                }
            }
        }
    }

    private static IllegalArgumentException misplaced(Class<?> servlet, Method m, String why) {
        return new IllegalArgumentException("Stepwise MFA: the @RequiresMfa/@StepUp annotation on "
                + m.getDeclaringClass().getName() + "#" + m.getName() + " (servlet " + servlet.getName() + ") " + why);
    }

    private static boolean isAnnotated(Method m) {
        return m.isAnnotationPresent(RequiresMfa.class) || m.isAnnotationPresent(StepUp.class);
    }

    private static boolean isHandler(Method m) {
        return !Modifier.isStatic(m.getModifiers())
                && (HANDLERS.containsValue(m.getName()) || m.getName().equals(SERVICE))
                && Arrays.equals(m.getParameterTypes(), new Class<?>[]{HttpServletRequest.class,
                        HttpServletResponse.class});
    }

    /** Every interface {@code type} implements, directly or through its superclasses and superinterfaces. */
    private static Set<Class<?>> interfacesOf(Class<?> type) {
        Set<Class<?>> all = new LinkedHashSet<>();
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Class<?> i : c.getInterfaces()) {
                addWithSuperinterfaces(i, all);
            }
        }
        return all;
    }

    private static void addWithSuperinterfaces(Class<?> i, Set<Class<?>> all) {
        if (all.add(i)) {
            for (Class<?> parent : i.getInterfaces()) {
                addWithSuperinterfaces(parent, all);
            }
        }
    }

    /** The most derived declaration of handler {@code name}, below {@link HttpServlet}; {@code null} if none. */
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
