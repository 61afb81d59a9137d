package dev.stepwise.mfa.web;

import dev.stepwise.mfa.MutableClock;
import dev.stepwise.mfa.StepUp;
import dev.stepwise.mfa.cdi.MfaGuard;
import dev.stepwise.mfa.core.MfaCheckFailedException;
import dev.stepwise.mfa.core.MfaState;
import dev.stepwise.mfa.factor.Factor;
import dev.stepwise.mfa.factor.otp.CapturedLogs;
import dev.stepwise.mfa.http.EnforcementPoint;
import dev.stepwise.mfa.http.MfaAnswer;
import dev.stepwise.mfa.http.MfaSession;
import dev.stepwise.mfa.runtime.MfaConfiguration;
import dev.stepwise.mfa.runtime.MfaRuntime;
import dev.stepwise.mfa.runtime.config.MfaConfig;
import jakarta.enterprise.inject.Instance;
import jakarta.interceptor.InvocationContext;
import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletRequest;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The store goes down while the interceptor decides a bean's {@code @StepUp}: the bean does not run, and the user
 * gets the library's 503, not the server's error page as if the application had failed.
 */
class GuardFailureTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    /** The bean, as the interceptor sees it. */
    public static class Payments {
        @StepUp(maxAge = "PT5M")
        public String transfer() {
            return "ok";
        }
    }

    private final JdbcDataSource h2 = PageFixture.Storage.h2();
    private boolean down;
    private final DataSource dataSource = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[]{DataSource.class}, (proxy, method, args) -> {
                if (down && method.getName().equals("getConnection")) {
                    throw new SQLException("connection refused", "08001");
                }
                try {
                    return method.invoke(h2, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            });
    private final MutableClock clock = new MutableClock(NOW);
    private final MfaConfiguration configuration = MfaConfiguration.of(MfaConfig.parse(Map.<String, String>of()::get),
            clock);
    private final PageFixture.TestFactor totp = new PageFixture.TestFactor("totp");
    private final MfaRuntime runtime = MfaRuntime.of(configuration, Map.<String, Factor>of("totp", totp),
            new PageFixture.Storage(configuration, dataSource), event -> { });
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

    private InvocationContext transfer() {
        return (InvocationContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[]{InvocationContext.class}, (proxy, m, args) -> switch (m.getName()) {
                    case "getTarget" -> new Payments();
                    case "getMethod" -> Payments.class.getMethod("transfer");
                    case "proceed" -> {
                        calls++;
                        yield "ok";
                    }
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }

    /** The servlet that calls the bean; the container wraps what it throws, as servlets' callers do. */
    private FilterChain servlet() {
        return (req, res) -> {
            try {
                guard.check(transfer());
            } catch (Exception e) {
                throw new jakarta.servlet.ServletException(e);
            }
        };
    }

    private FakeHttp.Response send(FakeHttp.Request request, FilterChain chain) throws Exception {
        current = request;
        FakeHttp.Response response = new FakeHttp.Response();
        filter.doFilter(request.asHttpServletRequest(), response.asHttpServletResponse(), chain);
        return response;
    }

    private FakeHttp.Request request(boolean api) {
        FakeHttp.Request request = new FakeHttp.Request("alice", browser);
        request.servletPath = "/pay";
        request.header("Sec-Fetch-Site", "same-origin").header("User-Agent", "Firefox");
        if (api) {
            request.header("Accept", "application/json");
        }
        return request;
    }

    private void aliceProvedHerFactorAndTheStoreGoesDown() throws Exception {
        totp.enrolled.add("alice");
        MfaSession.of(new FakeHttp.Request("alice", browser).asHttpServletRequest())
                .state(MfaState.start("alice", NOW.minusSeconds(60)).withVerified("totp", NOW));
        send(request(true), (req, res) -> { }); // the filter's own reads are done and kept
        down = true;
    }

    @Test
    void theStoreDownWhileTheInterceptorDecidesGivesTheLibrarys503AndTheBeanDoesNotRun() throws Exception {
        aliceProvedHerFactorAndTheStoreGoesDown();

        try (CapturedLogs logs = CapturedLogs.start()) {
            FakeHttp.Response response = send(request(true), servlet());

            assertThat(calls).isZero();
            assertThat(response.status).isEqualTo(503);
            assertThat(response.bodyText()).isEqualTo("{\"error\":\"mfa_unavailable\"}");
            assertThat(logs.lines().stream().filter(l -> l.contains(" SEVERE "))).singleElement().asString()
                    .contains("protected bean method: store unavailable");
        }
    }

    @Test
    void aJaxRsResourceGetsTheSameAnswerFromTheMapper() throws Exception {
        aliceProvedHerFactorAndTheStoreGoesDown();
        current = request(true);

        assertThatThrownBy(() -> guard.check(transfer())).isInstanceOfSatisfying(MfaCheckFailedException.class, e -> {
            try (CapturedLogs logs = CapturedLogs.start()) {
                MfaAnswer answer = MfaCheckFailedExceptionMapper.answer(e, current.asHttpServletRequest());

                assertThat(answer.status()).isEqualTo(503);
                assertThat(answer.body()).isEqualTo("{\"error\":\"mfa_unavailable\"}");
                assertThat(logs.lines().stream().filter(l -> l.contains(" SEVERE "))).hasSize(1);
            }
        });
        assertThat(calls).isZero();
    }
}
