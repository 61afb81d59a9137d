package dev.stepwise.mfa.web;

import dev.stepwise.mfa.runtime.config.MfaConfig;
import dev.stepwise.mfa.runtime.config.Parameters;
import dev.stepwise.mfa.MutableClock;
import dev.stepwise.mfa.core.Decision;
import dev.stepwise.mfa.core.MfaRequiredException;
import dev.stepwise.mfa.core.MfaState;
import dev.stepwise.mfa.core.Requirement;
import dev.stepwise.mfa.core.UserFacts;
import dev.stepwise.mfa.event.MfaEvent;
import dev.stepwise.mfa.factor.Factor;
import dev.stepwise.mfa.factor.Verification;
import dev.stepwise.mfa.http.EnforcementPoint;
import dev.stepwise.mfa.http.MfaSession;
import dev.stepwise.mfa.http.PendingChallenge;
import dev.stepwise.mfa.runtime.MfaConfiguration;
import dev.stepwise.mfa.runtime.MfaRuntime;
import dev.stepwise.mfa.factor.otp.CapturedLogs;
import dev.stepwise.mfa.store.StoreUnavailableException;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A protected request through the filter with hand-written fakes: one read of the session's MfaState and one
 * gatekeeper decision per request, whatever the outcome.
 */
class MfaFilterTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    private final MutableClock clock = new MutableClock(NOW);
    private final List<MfaEvent> events = new ArrayList<>();
    private final MfaRuntime runtime = MfaRuntime.of(MfaConfiguration.of(MfaConfig.parse(Map.of(
            Parameters.PROTECT.name(), "/account/*=mfa", Parameters.FACTORS.name(), "totp")::get), clock),
            Map.of("totp", new EnrolledEveryone()), null, events::add);
    private final UserFacts enrolledTotp = () -> Set.of("totp");
    private int stateReads;
    private int decisions;
    private Throwable failure;
    private final EnforcementPoint point = new EnforcementPoint(runtime,
            (request, now) -> {
                stateReads++;
                return MfaSession.of(request).state(now);
            },
            (access, facts) -> {
                decisions++;
                if (failure instanceof RuntimeException e) {
                    throw e;
                }
                if (failure instanceof Error e) {
                    throw e;
                }
                return runtime.gatekeeper().decide(access, enrolledTotp);
            });
    private final MfaFilter filter = new MfaFilter(
            new FilterSteps(runtime, new ServletRequirements(null, runtime.annotations()), point));

    private final FakeHttp.Session browser = new FakeHttp.Session();
    private final FakeHttp.Request request = new FakeHttp.Request("alice", browser);
    private final FakeHttp.Response response = new FakeHttp.Response();
    private int chainRuns;
    private final FilterChain chain = (req, res) -> chainRuns++;

    private void send(FilterChain through) throws Exception {
        filter.doFilter(request.asHttpServletRequest(), response.asHttpServletResponse(), through);
    }

    @Test
    void aProtectedRequestWithoutAFactorReadsTheStateOnceDecidesOnceAndIsChallenged() throws Exception {
        request.servletPath = "/account/email";

        send(chain);

        assertThat(stateReads).isEqualTo(1);
        assertThat(decisions).isEqualTo(1);
        assertThat(chainRuns).isZero();
        assertThat(response.status).isEqualTo(303);
        assertThat(response.header("Location")).isEqualTo("/bank/mfa/challenge");
        PendingChallenge pending = MfaSession.of(request.asHttpServletRequest()).pending(NOW);
        assertThat(pending.saved().target()).isEqualTo("/account/email");
        assertThat(events).singleElement().isInstanceOf(MfaEvent.ChallengeIssued.class);
    }

    @Test
    void aProtectedRequestOfAVerifiedSessionReadsTheStateOnceDecidesOnceAndRuns() throws Exception {
        request.servletPath = "/account/email";
        MfaSession.of(request.asHttpServletRequest()).state(MfaState.start("alice", NOW).withVerified("totp", NOW));

        send(chain);

        assertThat(stateReads).isEqualTo(1);
        assertThat(decisions).isEqualTo(1);
        assertThat(chainRuns).isEqualTo(1);
        assertThat(response.status).isEqualTo(200);
        assertThat(events).isEmpty();
    }

    @Test
    void anAnonymousRequestToAnUnprotectedPageIsNotJudged() throws Exception {
        request.principal = null;
        request.session = null;
        request.servletPath = "/welcome";

        send(chain);

        assertThat(chainRuns).isEqualTo(1);
        assertThat(stateReads).isZero();
        assertThat(decisions).isZero();
        assertThat(request.session).isNull();
        assertThat(request.headerReads).as("no header or cookie read for a request that is not ours").isZero();
    }

    @Test
    void aCrossSitePostToAProtectedEndpointIsRefusedBeforeAnythingIsReadDecidedOrSaved() throws Exception {
        request.servletPath = "/account/email";
        request.method = "POST";
        request.header("Sec-Fetch-Site", "cross-site").header("Origin", "https://evil.example");

        send(chain);

        assertThat(response.status).isEqualTo(403);
        assertThat(response.bodyText()).contains("Request refused");
        assertThat(stateReads).isZero();
        assertThat(decisions).isZero();
        assertThat(MfaSession.of(request.asHttpServletRequest()).pending(NOW)).isNull();
        assertThat(events).singleElement().isInstanceOf(MfaEvent.CrossSiteRefused.class);
    }

    @Test
    void aCrossSiteFetchIsAnApiClientButStillRefusedFirstWith403AndNothingSaved() throws Exception {
        request.servletPath = "/account/email";
        request.method = "POST";
        request.header("Sec-Fetch-Site", "cross-site").header("Origin", "https://evil.example")
                .header("Sec-Fetch-Mode", "cors").header("Sec-Fetch-Dest", "empty").header("Accept", "*/*");

        send(chain);

        assertThat(response.status).isEqualTo(403);
        assertThat(response.contentType).isEqualTo("application/problem+json");
        assertThat(response.bodyText()).contains("\"error\":\"cross_site_request\"");
        assertThat(response.header("WWW-Authenticate")).isNull();
        assertThat(chainRuns).isZero();
        assertThat(decisions).isZero();
        assertThat(MfaSession.of(request.asHttpServletRequest()).pending(NOW)).isNull();
    }

    @Test
    void aDefaultFetchGetsA401ProblemNotA303() throws Exception {
        request.servletPath = "/account/email";
        request.header("Accept", "*/*").header("Sec-Fetch-Site", "same-origin").header("Sec-Fetch-Mode", "cors")
                .header("Sec-Fetch-Dest", "empty");

        send(chain);

        assertThat(response.status).isEqualTo(401);
        assertThat(response.contentType).isEqualTo("application/problem+json");
        assertThat(response.header("WWW-Authenticate")).contains("acr_values=\"urn:stepwise:mfa\"");
        assertThat(response.bodyText()).contains("\"type\":\"urn:stepwise:problem:mfa-required\"");
        assertThat(chainRuns).isZero();
    }

    @Test
    void aRefusalFromABeanGetsTheFiltersAnswer() throws Exception {
        request.servletPath = "/statement";
        request.header("Accept", "application/json");
        MfaSession.of(request.asHttpServletRequest()).state(MfaState.start("alice", NOW).withVerified("totp", NOW));
        Decision stepUp = new Decision.ChallengeRequired(List.of("totp"), Decision.ChallengeRequired.Why.EXPIRED,
                Requirement.stepUp(Duration.ofMinutes(5)));

        send((req, res) -> {
            throw new MfaRequiredException(stepUp);
        });

        assertThat(decisions).isEqualTo(1);
        assertThat(response.status).isEqualTo(401);
        assertThat(response.header("WWW-Authenticate")).contains("insufficient_user_authentication");
    }

    @Test
    void theStoreBeingUnreachableWhileDecidingFailsClosedWith503() throws Exception {
        request.servletPath = "/account/email";
        failure = new StoreUnavailableException("the MFA store could not read (SQLState 08001, error 0)",
                new SQLException("connection refused", "08001"));

        try (CapturedLogs logs = CapturedLogs.start()) {
            send(chain);

            assertThat(response.status).isEqualTo(503);
            assertThat(response.bodyText()).contains("<link rel=\"stylesheet\" href=\"/bank/mfa/stepwise.css\">");
            assertThat(chainRuns).isZero();
            assertThat(severe(logs)).singleElement().asString().contains("store unavailable", "/account/email");
        }
    }

    @Test
    void aLibraryFailureWhileDecidingFailsClosedWithTheErrorPageAnd500() throws Exception {
        request.servletPath = "/account/email";
        failure = new IllegalStateException("the gatekeeper is confused");

        try (CapturedLogs logs = CapturedLogs.start()) {
            send(chain);

            assertThat(response.status).isEqualTo(500);
            assertThat(request.forwardedTo).isEqualTo(LibraryFailure.PAGE);
            assertThat(chainRuns).isZero();
            assertThat(message(severe(logs).get(0))).contains("java.lang.IllegalStateException")
                    .doesNotContain("the gatekeeper is confused"); // not the library's own exception type
        }
    }

    @Test
    void aPathWithLineBreaksAndControlsCannotForgeALogLine() throws Exception {
        request.servletPath = "/account/x\r\nSEVERE forged\u0085NEL\u001b[31mESC\u2028LS\u202eRLO";
        failure = new StoreUnavailableException("the MFA store could not read (SQLState 08001, error 0)",
                new SQLException("connection refused", "08001"));

        try (CapturedLogs logs = CapturedLogs.start()) {
            send(chain);

            assertThat(response.status).isEqualTo(503);
            String line = message(severe(logs).get(0));
            assertThat(line).doesNotContain("\r", "\n", "\u0085", "\u001b", "\u2028", "\u202e")
                    .contains("/account/x\\r\\nSEVERE forged\\u0085NEL\\u001b[31mESC\\u2028LS\\u202eRLO")
                    .contains("could not read (SQLState 08001"); // the library's own message stays
        }
    }

    @Test
    void theMessageOfAnExceptionThatIsNotTheLibrarysIsNotLogged() throws Exception {
        request.servletPath = "/account/email";
        // an application's factor or code sender that puts what the user typed into its message
        failure = new IllegalArgumentException("code 493817 is not valid for alice@example.com");

        try (CapturedLogs logs = CapturedLogs.start()) {
            send(chain);

            assertThat(response.status).isEqualTo(500);
            assertThat(message(severe(logs).get(0))).contains("java.lang.IllegalArgumentException")
                    .doesNotContain("493817").doesNotContain("alice@example.com");
        }
    }

    @Test
    void aFailureInAnIncludeLeavesThePartOutWithoutResettingOrForwardingTheIncludingPage() throws Exception {
        request.servletPath = "/account/email";
        request.dispatch = DispatcherType.INCLUDE;
        response.body.writeBytes("<p>the including page</p>".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        failure = new IllegalStateException("the gatekeeper is confused");

        try (CapturedLogs logs = CapturedLogs.start()) {
            send(chain);

            assertThat(chainRuns).isZero();
            assertThat(response.status).isEqualTo(200);
            assertThat(request.forwardedTo).isNull();
            assertThat(response.bodyText()).isEqualTo("<p>the including page</p>");
            assertThat(severe(logs)).hasSize(1);
        }
    }

    /** A captured line without the stack trace, which is attached (the logger is at DEBUG in tests). */
    private static String message(String line) {
        int trace = line.indexOf(" | ");
        return trace < 0 ? line : line.substring(0, trace);
    }

    @Test
    void aLinkageErrorWhileDecidingFailsClosedAndAnApiClientGetsA500JsonWithoutDetails() throws Exception {
        request.servletPath = "/account/email";
        request.header("Accept", "application/json");
        failure = new NoSuchMethodError("'boolean com.fasterxml.jackson.annotation.JsonProperty.isRequired()'");

        try (CapturedLogs logs = CapturedLogs.start()) {
            send(chain);

            assertThat(response.status).isEqualTo(500);
            assertThat(response.bodyText()).isEqualTo("{\"error\":\"mfa_error\"}");
            assertThat(chainRuns).isZero();
            assertThat(severe(logs)).singleElement().asString().contains("java.lang.NoSuchMethodError");
        }
    }

    @Test
    void aFailureInTheFiltersOwnStepsOutsideTheDecisionFailsClosedToo() throws Exception {
        request.servletPath = "/account/email";
        HttpServletRequest failing = new HttpServletRequestWrapper(request.asHttpServletRequest()) {
            @Override
            public String getQueryString() { // read with the request's facts, before any decision
                throw new ExceptionInInitializerError("a static setup failed");
            }
        };

        try (CapturedLogs logs = CapturedLogs.start()) {
            filter.doFilter(failing, response.asHttpServletResponse(), chain);

            assertThat(response.status).isEqualTo(500);
            assertThat(request.forwardedTo).isEqualTo(LibraryFailure.PAGE);
            assertThat(chainRuns).isZero();
            assertThat(decisions).isZero();
            assertThat(severe(logs)).singleElement().asString().contains("java.lang.ExceptionInInitializerError");
        }
    }

    @Test
    void whatTheApplicationThrowsDownstreamPassesOnUnchangedAndIsNotLogged() throws Exception {
        request.servletPath = "/account/email";
        IllegalStateException own = new IllegalStateException("the application's own bug");
        MfaSession.of(request.asHttpServletRequest()).state(MfaState.start("alice", NOW).withVerified("totp", NOW));

        try (CapturedLogs logs = CapturedLogs.start()) {
            assertThatThrownBy(() -> send((req, res) -> {
                throw own;
            })).isSameAs(own);
            assertThat(response.status).isEqualTo(200);
            assertThat(severe(logs)).isEmpty();
        }
    }

    @Test
    void theStoreDownWhenTheApplicationCallsTheLibraryGetsTheLibrarys503NotTheServers500() throws Exception {
        request.servletPath = "/account/password";
        MfaSession.of(request.asHttpServletRequest()).state(MfaState.start("alice", NOW).withVerified("totp", NOW));

        try (CapturedLogs logs = CapturedLogs.start()) {
            send((req, res) -> {   // e.g. MfaAccounts.revokeTrustedDevices while the database is away
                throw new StoreUnavailableException("the MFA store could not write (SQLState 57P01, error 0)",
                        new SQLException("terminating connection due to administrator command", "57P01"));
            });

            assertThat(response.status).isEqualTo(503);
            assertThat(severe(logs)).singleElement().asString().contains("store unavailable", "/account/password");
        }
    }

    @Test
    void whatTheApplicationsLoginThrowsPassesOnUnchangedAndIsNotLogged() throws Exception {
        FakeHttp.Request anonymous = new FakeHttp.Request(null, browser);
        anonymous.servletPath = "/account/email";
        IllegalStateException own = new IllegalStateException("the identity store is down");
        anonymous.onAuthenticate = () -> {
            throw own; // the application's HttpAuthenticationMechanism or IdentityStore
        };

        try (CapturedLogs logs = CapturedLogs.start()) {
            assertThatThrownBy(() -> filter.doFilter(anonymous.asHttpServletRequest(), response.asHttpServletResponse(),
                    chain)).isSameAs(own);
            assertThat(response.status).isEqualTo(200);
            assertThat(anonymous.forwardedTo).isNull();
            assertThat(chainRuns).isZero();
            assertThat(severe(logs)).isEmpty();
        }
    }

    @Test
    void aFailureOfApplicationCodeCalledWhileDecidingFailsClosedAndTheLogNamesWhoseCodeThrew() throws Exception {
        request.servletPath = "/account/email";
        IllegalStateException observer = new IllegalStateException("audit sink full");
        observer.setStackTrace(new StackTraceElement[]{
                new StackTraceElement("java.util.Objects", "requireNonNull", "Objects.java", 1),
                new StackTraceElement("com.acme.AuditObserver", "onEvent", "AuditObserver.java", 12)});
        failure = observer;

        try (CapturedLogs logs = CapturedLogs.start()) {
            send(chain);

            assertThat(response.status).isEqualTo(500);
            assertThat(chainRuns).isZero();
            assertThat(message(severe(logs).get(0)))
                    .contains("java.lang.IllegalStateException thrown in com.acme.AuditObserver");
        }
    }

    @Test
    void theForwardToTheErrorPagePassesUntouched() throws Exception {
        request.dispatch = DispatcherType.FORWARD;
        request.servletPath = LibraryFailure.PAGE;
        failure = new IllegalStateException("would fail again");

        send(chain);

        assertThat(chainRuns).isEqualTo(1);
        assertThat(decisions).isZero();
    }

    private static List<String> severe(CapturedLogs logs) {
        return logs.lines().stream().filter(l -> l.contains(" SEVERE ")).toList();
    }

    @Test
    void aDirectRequestForALibraryJspIsNotFound() throws Exception {
        request.servletPath = ChallengeServlet.PAGES + "challenge.jsp";

        send(chain);

        assertThat(response.status).isEqualTo(404);
        assertThat(chainRuns).isZero();
    }

    /** A factor every user has. */
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
