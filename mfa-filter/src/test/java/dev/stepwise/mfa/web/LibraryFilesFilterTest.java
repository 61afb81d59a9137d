package dev.stepwise.mfa.web;

import dev.stepwise.mfa.MutableClock;
import dev.stepwise.mfa.core.MfaState;
import dev.stepwise.mfa.core.UserFacts;
import dev.stepwise.mfa.event.MfaEvent;
import dev.stepwise.mfa.factor.Factor;
import dev.stepwise.mfa.factor.Verification;
import dev.stepwise.mfa.http.EnforcementPoint;
import dev.stepwise.mfa.http.MfaSession;
import dev.stepwise.mfa.runtime.MfaConfiguration;
import dev.stepwise.mfa.runtime.MfaRuntime;
import dev.stepwise.mfa.runtime.config.MfaConfig;
import dev.stepwise.mfa.runtime.config.Parameters;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.http.MappingMatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pages' stylesheet and script through the filter. The challenge page of a user in the middle of a login
 * challenge needs them, whatever {@code stepwise.mfa.path} is (the files stay at {@code /mfa/} in the jar) and
 * whatever {@code stepwise.mfa.protect} covers; they are static and the same for everyone, so they pass without a
 * session read or created, and browsers may keep them. Nothing else under the folder gets that pass.
 */
class LibraryFilesFilterTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    private final MutableClock clock = new MutableClock(NOW);
    private final List<MfaEvent> events = new ArrayList<>();
    // the library moved to /security, everything protected: /mfa/… is an application path to this configuration
    private final MfaRuntime runtime = MfaRuntime.of(MfaConfiguration.of(MfaConfig.parse(Map.of(
            Parameters.PROTECT.name(), "/*=mfa", Parameters.PATH.name(), "/security",
            Parameters.FACTORS.name(), "totp")::get), clock), Map.of("totp", new EnrolledEveryone()), null,
            events::add);
    private final UserFacts enrolledTotp = () -> Set.of("totp");
    private int stateReads;
    private int decisions;
    private final EnforcementPoint point = new EnforcementPoint(runtime,
            (request, now) -> {
                stateReads++;
                return MfaSession.of(request).state(now);
            },
            (access, facts) -> {
                decisions++;
                return runtime.gatekeeper().decide(access, enrolledTotp);
            });
    private final MfaFilter filter = new MfaFilter(
            new FilterSteps(runtime, new ServletRequirements(null, runtime.annotations()), point));

    private final FakeHttp.Session browser = new FakeHttp.Session();
    private final FakeHttp.Request request = new FakeHttp.Request("alice", browser);
    private final FakeHttp.Response response = new FakeHttp.Response();
    private int chainRuns;
    private final FilterChain chain = (req, res) -> chainRuns++;

    {
        request.mappingMatch = MappingMatch.DEFAULT; // the container's default servlet serves the jar's files
    }

    private void send() throws Exception {
        filter.doFilter(request.asHttpServletRequest(), response.asHttpServletResponse(), chain);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/mfa/stepwise.css", "/mfa/webauthn.js", "/mfa/passkey.js"})
    void aUserInTheMiddleOfTheLoginChallengeGetsTheFileCacheableWithoutASessionRead(String path) throws Exception {
        request.servletPath = path;
        MfaSession.of(request.asHttpServletRequest()).state(MfaState.start("alice", NOW));
        int readsBefore = browser.reads;

        send();

        assertThat(chainRuns).isEqualTo(1);
        assertThat(response.status).isEqualTo(200);
        assertThat(response.header("Location")).isNull();
        assertThat(response.header("Cache-Control")).isEqualTo("public, max-age=3600");
        assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(stateReads).isZero();
        assertThat(decisions).isZero();
        assertThat(browser.reads).isEqualTo(readsBefore);
        assertThat(events).isEmpty();
    }

    @Test
    void anAnonymousRequestForTheStylesheetCreatesNoSessionAndStartsNoLogin() throws Exception {
        request.principal = null;
        request.session = null;
        request.servletPath = "/mfa/stepwise.css";

        send();

        assertThat(chainRuns).isEqualTo(1);
        assertThat(request.session).isNull();
        assertThat(request.headerReads).isZero();
        assertThat(response.header("Cache-Control")).isEqualTo("public, max-age=3600");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/mfa/other.js", "/mfa/stepwise.css/x", "/mfa/stepwise.cssx", "/mfa", "/stepwise.css",
            "/mfa/STEPWISE.CSS"})
    void anythingElseUnderTheFolderIsJudgedAsUsual(String path) throws Exception {
        request.servletPath = path;

        send();

        assertThat(chainRuns).isZero();
        assertThat(response.status).isEqualTo(303);
        assertThat(response.header("Cache-Control")).isNotEqualTo("public, max-age=3600");
        assertThat(decisions).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(value = MappingMatch.class, names = {"EXACT", "EXTENSION", "PATH", "CONTEXT_ROOT"})
    void aServletOfTheApplicationAnsweringTheFilesPathIsJudgedAsUsual(MappingMatch match) throws Exception {
        // e.g. a servlet at *.js or /mfa/* (stepwise.mfa.path moved), or a front controller: not the jar's file
        request.servletPath = "/mfa/webauthn.js";
        request.mappingMatch = match;

        send();

        assertThat(chainRuns).isZero();
        assertThat(response.status).isEqualTo(303);
        assertThat(response.header("Cache-Control")).isNotEqualTo("public, max-age=3600");
        assertThat(decisions).isEqualTo(1);
    }

    @Test
    void aRequestWhoseMappingIsUnknownIsJudgedAsUsual() throws Exception {
        request.servletPath = "/mfa/stepwise.css";
        request.mappingMatch = null;

        send();

        assertThat(chainRuns).isZero();
        assertThat(decisions).isEqualTo(1);
    }

    @Test
    void aPostToTheFileIsJudgedAsUsual() throws Exception {
        request.servletPath = "/mfa/stepwise.css";
        request.method = "POST";
        request.header("Sec-Fetch-Site", "same-origin");

        send();

        assertThat(chainRuns).isZero();
        assertThat(decisions).isEqualTo(1);
    }

    @Test
    void aForwardToTheFileIsJudgedAsUsual() throws Exception {
        request.servletPath = "/mfa/webauthn.js";
        request.dispatch = DispatcherType.FORWARD;

        send();

        assertThat(decisions).isEqualTo(1);
        assertThat(response.header("Cache-Control")).isNotEqualTo("public, max-age=3600");
    }

    private static final class EnrolledEveryone implements Factor {
        @Override
        public String id() {
            return "totp";
        }

        @Override
        public boolean isEnrolled(String user) {
            return true;
        }

        @Override
        public Verification verify(String user, Map<String, String> input,
                                   dev.stepwise.mfa.factor.ChallengeContext ctx) {
            throw new UnsupportedOperationException();
        }
    }
}
