package dev.stepwise.mfa.web;

import dev.stepwise.mfa.MutableClock;
import dev.stepwise.mfa.core.MfaState;
import dev.stepwise.mfa.core.exemption.MfaExemption;
import dev.stepwise.mfa.event.MfaEvent;
import dev.stepwise.mfa.factor.Factor;
import dev.stepwise.mfa.http.EnforcementPoint;
import dev.stepwise.mfa.http.MfaSession;
import dev.stepwise.mfa.runtime.MfaConfiguration;
import dev.stepwise.mfa.runtime.MfaRuntime;
import dev.stepwise.mfa.runtime.config.MfaConfig;
import dev.stepwise.mfa.runtime.config.Parameters;
import jakarta.servlet.FilterChain;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A step-up decided while the settings POST that enrolled a factor under an exemption is still running (the
 * request arrives as the enrolment event fires): the hold saved by that POST binds it, whether or not the node
 * keeps users' facts. With the holds kept like the other facts, the step-up endpoint ran. Now the POST's own
 * verification carries the hold (read after the code was checked), so the step-up is refused without the store.
 */
class HeldFactorRaceTest {

    static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    @ParameterizedTest
    @ValueSource(strings = {"PT5S", "PT0S"})
    void stepUpDuringEnrolmentUnderExemption(String ttl) throws Exception {
        MutableClock clock = new MutableClock(NOW);
        MfaConfiguration configuration = MfaConfiguration.of(MfaConfig.parse(Map.of(
                Parameters.FACTORS.name(), "totp,email",
                Parameters.PROTECT.name(), "/account/*=stepup:PT5M",
                Parameters.FACTS_CACHE.name(), ttl)::get), clock);
        PageFixture.Storage storage = new PageFixture.Storage(configuration);
        PageFixture.TestFactor totp = new PageFixture.TestFactor("totp");
        PageFixture.TestFactor email = new PageFixture.TestFactor("email");
        email.enrolled.add("alice"); // the victim's own factor (lost / not available)
        Map<String, Factor> factors = new LinkedHashMap<>();
        factors.put("totp", totp);
        factors.put("email", email);
        FakeHttp.Session browser = new FakeHttp.Session();
        int[] chainRuns = {0};
        FilterChain chain = (req, res) -> chainRuns[0]++;
        List<Integer> concurrent = new ArrayList<>();
        MfaFilter[] filter = new MfaFilter[1];
        MfaRuntime runtime = MfaRuntime.of(configuration, factors, storage, event -> {
            if (event instanceof MfaEvent.FactorEnrolled) {
                // a request of the same session that reaches the filter now, before the POST has returned
                try {
                    FakeHttp.Request r = new FakeHttp.Request("alice", browser);
                    r.servletPath = "/account/email";
                    r.header("Accept", "application/json");
                    FakeHttp.Response res = new FakeHttp.Response();
                    filter[0].doFilter(r.asHttpServletRequest(), res.asHttpServletResponse(), chain);
                    concurrent.add(res.status);
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            }
        });
        filter[0] = new MfaFilter(new FilterSteps(runtime, new ServletRequirements(null, runtime.annotations()),
                new EnforcementPoint(runtime)));
        MfaEnforcement enforcement = new MfaEnforcement(runtime);
        storage.exemptions().save(MfaExemption.grant("alice", "root", "lost phone", Duration.ofHours(4), NOW,
                MfaExemption.DEFAULT_MAX_DURATION));

        FakeHttp.Request any = new FakeHttp.Request("alice", browser);
        MfaSession.of(any.asHttpServletRequest()).csrfToken(() -> PageFixture.CSRF);
        MfaSession.of(any.asHttpServletRequest()).state(MfaState.start("alice", NOW.minusSeconds(60)));

        // 1. priming: a step-up request (not satisfied) reads the holds: none
        FakeHttp.Request prime = new FakeHttp.Request("alice", browser);
        prime.servletPath = "/account/email";
        prime.header("Accept", "application/json");
        FakeHttp.Response primed = new FakeHttp.Response();
        filter[0].doFilter(prime.asHttpServletRequest(), primed.asHttpServletResponse(), chain);
        assertThat(primed.status).isEqualTo(401);

        // 2. the attacker (password + exemption) enrols an app key: the hold is saved, the key verified
        SettingsServlet settings = new SettingsServlet();
        settings.enforcement = enforcement;
        settings.storage = storage;
        FakeHttp.Request post = new FakeHttp.Request("alice", browser);
        post.method = "POST";
        post.servletPath = "/mfa/settings/totp";
        post.param(CsrfToken.PARAMETER, PageFixture.CSRF).param("code", PageFixture.GOOD_CODE);
        settings.service(post.asHttpServletRequest(), new FakeHttp.Response().asHttpServletResponse());
        assertThat(storage.store().enrolmentHolds().find("alice")).as("hold saved").isNotEmpty();

        assertThat(concurrent).as("the request during the enrolment was decided").containsExactly(401);
        assertThat(chainRuns[0]).as("the step-up endpoint must not run on a held factor").isZero();
    }
}
