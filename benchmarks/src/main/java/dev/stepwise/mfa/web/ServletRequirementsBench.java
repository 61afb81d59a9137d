package dev.stepwise.mfa.web;

import dev.stepwise.mfa.RequiresMfa;
import dev.stepwise.mfa.StepUp;
import dev.stepwise.mfa.core.AnnotatedRequirements;
import dev.stepwise.mfa.core.Requirements;
import dev.stepwise.mfa.runtime.config.MfaConfig;
import dev.stepwise.mfa.runtime.config.ProtectedPaths;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.MappingMatch;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What the filter asks per request to learn what the endpoint requires ({@code ServletRequirements#forEndpoint},
 * package-private, hence this package): the target servlet's annotations for the HTTP method (resolved at
 * deployment, a map look-up per request) and the protect pattern of the path, ten patterns configured
 * ({@code bench.micro.ProtectedPathsBench#PATTERNS}). The request answers only what the method reads.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
public class ServletRequirementsBench {

    private static final String PATTERNS = "/admin/*=mfa; /admin/users/*=stepup:PT2M; /account/delete=stepup:PT2M; "
            + "/account/password=stepup; /api/transfers=stepup:PT5M; /api/payments/*=stepup; /reports/*=mfa; "
            + "*.pdf=stepup; *.csv=mfa; /settings/security=mfa";

    /** An annotated servlet: MFA for every method, a step-up for POST. */
    @RequiresMfa
    public static class AccountServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        @StepUp(maxAge = "PT10M")
        protected void doPost(HttpServletRequest req, HttpServletResponse resp) {
        }
    }

    /** GET of the annotated servlet (one requirement), POST to a protected path (two), GET of a plain page. */
    @Param({"GET /account/overview", "POST /account/delete", "GET /products/list"})
    public String request;

    private ServletRequirements servlets;
    private ProtectedPaths protect;
    private HttpServletRequest http;
    private String path;

    @Setup
    public void setUp() {
        protect = MfaConfig.parse(Map.of("stepwise.mfa.protect", PATTERNS)::get).policy().protect();
        String[] parts = request.split(" ");
        path = parts[1];
        String servlet = path.startsWith("/account/") ? "account" : "default";
        servlets = new ServletRequirements(context(), new AnnotatedRequirements(Duration.ofMinutes(5)));
        servlets.resolveAll();
        http = request(parts[0], servlet);
        Requirements r = forEndpoint();
        int expected = path.equals("/account/delete") ? 2 : path.startsWith("/account/") ? 1 : 0;
        if (r.all().size() != expected) {
            throw new IllegalStateException(request + " should have " + expected + " requirements: " + r);
        }
    }

    @Benchmark
    public Requirements forEndpoint() {
        return servlets.forEndpoint(http, path, protect);
    }

    /** A request of {@code method} mapped to {@code servlet}; anything else it is asked fails. */
    private static HttpServletRequest request(String method, String servlet) {
        HttpServletMapping mapping = new HttpServletMapping() {
            @Override
            public String getMatchValue() {
                return "";
            }

            @Override
            public String getPattern() {
                return "/";
            }

            @Override
            public String getServletName() {
                return servlet;
            }

            @Override
            public MappingMatch getMappingMatch() {
                return MappingMatch.DEFAULT;
            }
        };
        return new HttpServletRequestWrapper(unsupported(HttpServletRequest.class)) {
            @Override
            public HttpServletMapping getHttpServletMapping() {
                return mapping;
            }

            @Override
            public DispatcherType getDispatcherType() {
                return DispatcherType.REQUEST;
            }

            @Override
            public String getMethod() {
                return method;
            }
        };
    }

    /** Two servlets: "account" ({@link AccountServlet}) and "default" (a container servlet, not read). */
    private static ServletContext context() {
        Map<String, ServletRegistration> registrations = Map.of(
                "account", registration(AccountServlet.class.getName()),
                "default", registration("org.example.container.DefaultServlet"));
        return (ServletContext) Proxy.newProxyInstance(ServletRequirementsBench.class.getClassLoader(),
                new Class<?>[]{ServletContext.class}, (proxy, m, args) -> switch (m.getName()) {
                    case "getServletRegistrations" -> registrations;
                    case "getServletRegistration" -> registrations.get((String) args[0]);
                    case "getClassLoader" -> ServletRequirementsBench.class.getClassLoader();
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }

    private static ServletRegistration registration(String className) {
        return (ServletRegistration) Proxy.newProxyInstance(ServletRequirementsBench.class.getClassLoader(),
                new Class<?>[]{ServletRegistration.class}, (proxy, m, args) -> {
                    if (m.getName().equals("getClassName")) {
                        return className;
                    }
                    throw new UnsupportedOperationException(m.getName());
                });
    }

    private static <T> T unsupported(Class<T> type) {
        return type.cast(Proxy.newProxyInstance(ServletRequirementsBench.class.getClassLoader(),
                new Class<?>[]{type}, (proxy, m, args) -> {
                    throw new UnsupportedOperationException(m.getName());
                }));
    }
}
