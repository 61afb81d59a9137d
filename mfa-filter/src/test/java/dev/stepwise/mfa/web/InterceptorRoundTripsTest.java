package dev.stepwise.mfa.web;

import dev.stepwise.mfa.MutableClock;
import dev.stepwise.mfa.RequiresMfa;
import dev.stepwise.mfa.StepUp;
import dev.stepwise.mfa.cdi.MfaGuard;
import dev.stepwise.mfa.core.MfaState;
import dev.stepwise.mfa.factor.Factor;
import dev.stepwise.mfa.http.EnforcementPoint;
import dev.stepwise.mfa.http.MfaSession;
import dev.stepwise.mfa.runtime.MfaConfiguration;
import dev.stepwise.mfa.runtime.MfaRuntime;
import dev.stepwise.mfa.runtime.config.MfaConfig;
import dev.stepwise.mfa.store.StatementCounter;
import jakarta.enterprise.inject.Instance;
import jakarta.interceptor.InvocationContext;
import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a JAX-RS resource with {@code @RequiresMfa} or {@code @StepUp} costs behind the filter when the session
 * satisfies it, counted (not timed): no SQL statement but the step-up's enrolment-hold look-up, and no header or
 * cookie read beyond the filter's own.
 */
class InterceptorRoundTripsTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    /** The resource, as the interceptor sees it. */
    public static class Api {
        @RequiresMfa
        public String account() {
            return "ok";
        }

        @StepUp(maxAge = "PT5M")
        public String transfer() {
            return "ok";
        }
    }

    private final MutableClock clock = new MutableClock(NOW);
    private final StatementCounter statements = new StatementCounter(PageFixture.Storage.h2());
    private final MfaConfiguration configuration = MfaConfiguration.of(MfaConfig.parse(Map.<String, String>of()::get),
            clock);
    private final PageFixture.Storage storage = new PageFixture.Storage(configuration, statements.dataSource());
    private final PageFixture.TestFactor totp = new PageFixture.TestFactor("totp");
    private final MfaRuntime runtime = MfaRuntime.of(configuration, Map.<String, Factor>of("totp", totp), storage,
            event -> { });
    private final MfaFilter filter = new MfaFilter(new FilterSteps(runtime,
            new ServletRequirements(null, runtime.annotations()), new EnforcementPoint(runtime)));
    private final FakeHttp.Session browser = new FakeHttp.Session();
    private FakeHttp.Request current;
    private final MfaGuard guard = new MfaGuard(runtime, requests());
    private int calls;

    @SuppressWarnings("unchecked")
    private Instance<HttpServletRequest> requests() {
        return (Instance<HttpServletRequest>) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[]{Instance.class}, (proxy, method, args) -> current.asHttpServletRequest());
    }

    private FilterChain resource(String method) {
        InvocationContext ctx = (InvocationContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[]{InvocationContext.class}, (proxy, m, args) -> switch (m.getName()) {
                    case "getTarget" -> new Api();
                    case "getMethod" -> Api.class.getMethod(method);
                    case "proceed" -> {
                        calls++;
                        yield "ok";
                    }
                    default -> throw new UnsupportedOperationException(m.getName());
                });
        return (req, res) -> {
            try {
                guard.check(ctx);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
    }

    private FakeHttp.Request send(String resource, FilterChain chain) throws Exception {
        FakeHttp.Request request = new FakeHttp.Request("alice", browser);
        request.servletPath = "/api";
        request.pathInfo = "/" + resource;
        request.header("Sec-Fetch-Site", "same-origin").header("Accept", "application/json")
                .header("User-Agent", "Firefox");
        current = request;
        FakeHttp.Response response = new FakeHttp.Response();
        filter.doFilter(request.asHttpServletRequest(), response.asHttpServletResponse(), chain);
        assertThat(response.status).isEqualTo(200);
        return request;
    }

    @BeforeEach
    void aliceProvedHerFactorNow() throws Exception {
        totp.enrolled.add("alice");
        MfaSession.of(new FakeHttp.Request("alice", browser).asHttpServletRequest())
                .state(MfaState.start("alice", NOW.minusSeconds(60)).withVerified("totp", NOW));
        send("account", resource("account")); // warm: what the enforcement may keep of alice's facts is kept
        calls = 0;
        statements.reset();
    }

    @Test
    void aSatisfiedRequiresMfaResourceRunsNoStatement() throws Exception {
        send("account", resource("account"));

        assertThat(calls).isEqualTo(1);
        assertThat(statements.count()).as("%s", statements.sql()).isZero();
    }

    @Test
    void aSatisfiedStepUpResourceRunsNoStatementButTheHoldLookUp() throws Exception {
        send("transfer", resource("transfer"));

        assertThat(calls).isEqualTo(1);
        assertThat(statements.sql()).allMatch(sql -> sql.contains("stepwise_enrol_hold"));
        assertThat(statements.count()).isLessThanOrEqualTo(1);
    }

    @Test
    void theResourceReadsNoHeaderOrCookieBeyondTheFilters() throws Exception {
        int filterAlone = send("account", (req, res) -> { }).headerReads;

        int withResource = send("account", resource("account")).headerReads;

        assertThat(calls).isEqualTo(1);
        assertThat(withResource).isEqualTo(filterAlone);
    }
}
