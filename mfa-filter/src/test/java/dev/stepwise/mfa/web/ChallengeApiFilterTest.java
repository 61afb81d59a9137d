package dev.stepwise.mfa.web;

import dev.stepwise.mfa.MutableClock;
import dev.stepwise.mfa.core.MfaState;
import dev.stepwise.mfa.event.MfaEvent;
import dev.stepwise.mfa.http.EnforcementPoint;
import dev.stepwise.mfa.http.MfaSession;
import dev.stepwise.mfa.runtime.MfaConfiguration;
import dev.stepwise.mfa.runtime.MfaRuntime;
import dev.stepwise.mfa.runtime.config.MfaConfig;
import dev.stepwise.mfa.runtime.config.Parameters;
import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The filter in front of the JSON challenge API, with every path protected ({@code /*=mfa}): the API's paths are the
 * library's own, so they are not challenged themselves, and the API's own 401 reaches the script as it is, never
 * turned into a 303 to the challenge page, with no challenge issued or saved on top.
 */
class ChallengeApiFilterTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final String CSRF = "filter-csrf";

    private final MutableClock clock = new MutableClock(NOW);
    private final List<MfaEvent> events = new ArrayList<>();
    private final PageFixture.TestFactor totp = new PageFixture.TestFactor("totp");
    private final MfaConfiguration configuration = MfaConfiguration.of(MfaConfig.parse(Map.of(
            Parameters.PROTECT.name(), "/*=mfa", Parameters.FACTORS.name(), "totp")::get), clock);
    private final PageFixture.Storage storage = new PageFixture.Storage(configuration);
    private final MfaRuntime runtime = MfaRuntime.of(configuration, Map.of("totp", totp), storage, events::add);
    private final MfaFilter filter = new MfaFilter(
            new FilterSteps(runtime, new ServletRequirements(null, runtime.annotations()), new EnforcementPoint(runtime)));
    private final ChallengeApiServlet api = new ChallengeApiServlet();
    private final FakeHttp.Session browser = new FakeHttp.Session();
    private int apiRuns;
    private final FilterChain toApi = (req, res) -> {
        apiRuns++;
        api.service((HttpServletRequest) req, (HttpServletResponse) res);
    };

    @BeforeEach
    void aliceSignedInWithoutASecondFactor() {
        totp.enrolled.add("alice");
        api.enforcement = new MfaEnforcement(runtime);
        api.storage = storage;
        MfaSession session = MfaSession.of(new FakeHttp.Request("alice", browser).asHttpServletRequest());
        session.state(MfaState.start("alice", NOW.minus(Duration.ofHours(1))));
        session.csrfToken(() -> CSRF);
    }

    private FakeHttp.Response send(FakeHttp.Request request, FilterChain chain) throws Exception {
        FakeHttp.Response response = new FakeHttp.Response();
        filter.doFilter(request.asHttpServletRequest(), response.asHttpServletResponse(), chain);
        return response;
    }

    private FakeHttp.Request toApi(String method, String path) {
        FakeHttp.Request request = new FakeHttp.Request("alice", browser);
        request.method = method;
        request.servletPath = "/mfa/api";
        request.pathInfo = path;
        return request;
    }

    @Test
    void theApisOwn401ReachesTheScriptUnchangedAndIssuesNoChallenge() throws Exception {
        FakeHttp.Request request = toApi("POST", "/verify").header("Accept", "application/json")
                .header("Sec-Fetch-Site", "same-origin").header("Sec-Fetch-Mode", "cors")
                .header("X-CSRF-Token", CSRF).body("application/json",
                        "{\"factor\":\"totp\",\"code\":\"000000\"}".getBytes(StandardCharsets.UTF_8));

        FakeHttp.Response response = send(request, toApi);

        assertThat(apiRuns).isEqualTo(1);
        assertThat(response.status).isEqualTo(401);
        assertThat(response.header("Location")).isNull();
        assertThat(response.bodyText()).contains("urn:stepwise:problem:factor-rejected");
        assertThat(MfaSession.of(request.asHttpServletRequest()).pending(NOW)).isNull();
        assertThat(events).noneMatch(MfaEvent.ChallengeIssued.class::isInstance);
    }

    @Test
    void aBrowserOpeningTheStatusIsNotSentToTheChallengePage() throws Exception {
        FakeHttp.Request request = toApi("GET", "/status").header("Accept", "text/html")
                .header("Sec-Fetch-Mode", "navigate");

        FakeHttp.Response response = send(request, toApi);

        assertThat(apiRuns).isEqualTo(1);
        assertThat(response.status).isEqualTo(200);
        assertThat(events).noneMatch(MfaEvent.ChallengeIssued.class::isInstance);
    }

    @Test
    void everythingElseIsProtectedByThePattern() throws Exception {
        FakeHttp.Request request = new FakeHttp.Request("alice", browser).header("Accept", "text/html");
        request.servletPath = "/mfa-api-lookalike";

        FakeHttp.Response response = send(request, toApi);

        assertThat(apiRuns).isZero();
        assertThat(response.status).isEqualTo(303);
        assertThat(response.header("Location")).isEqualTo("/bank/mfa/challenge");
    }
}
