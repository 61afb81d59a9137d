package dev.stepwise.mfa.web;

import dev.stepwise.mfa.MutableClock;
import dev.stepwise.mfa.core.Caller;
import dev.stepwise.mfa.core.Decision;
import dev.stepwise.mfa.core.MfaState;
import dev.stepwise.mfa.core.Requirement;
import dev.stepwise.mfa.core.TrustedDeviceGrant;
import dev.stepwise.mfa.core.UserFacts;
import dev.stepwise.mfa.event.MfaEvent;
import dev.stepwise.mfa.factor.Factor;
import dev.stepwise.mfa.factor.Verification;
import dev.stepwise.mfa.http.EnforcementPoint;
import dev.stepwise.mfa.http.MfaSession;
import dev.stepwise.mfa.http.PendingChallenge;
import dev.stepwise.mfa.runtime.MfaConfiguration;
import dev.stepwise.mfa.runtime.MfaRuntime;
import dev.stepwise.mfa.runtime.config.MfaConfig;
import dev.stepwise.mfa.runtime.config.Parameters;
import jakarta.servlet.FilterChain;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Location rules through the filter: the client address as the trusted proxies resolve it, the caller's roles and
 * the path decide; a refusal is the library's 403, a step-up the challenge flow with a location reason.
 */
class LocationRulesFilterTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    private final MutableClock clock = new MutableClock(NOW);
    private final List<MfaEvent> events = new ArrayList<>();
    private final MfaRuntime runtime = runtime(Map.of(Parameters.PROTECT.name(), "/account/*=mfa",
            Parameters.FACTORS.name(), "totp", Parameters.TRUSTED_PROXIES.name(), "192.0.2.10",
            Parameters.LOCATION_RULES.name(),
            "role:admin from 10.0.0.0/8 else deny; path:/reports/* from 10.0.0.0/8, 2001:db8::/32 else stepup"));
    private final UserFacts enrolledTotp = () -> Set.of("totp");
    private final MfaFilter filter = new MfaFilter(new FilterSteps(runtime,
            new ServletRequirements(null, runtime.annotations()), new EnforcementPoint(runtime,
            (request, now) -> MfaSession.of(request).state(now),
            (access, facts) -> runtime.gatekeeper().decide(access, enrolledTotp))));

    private final FakeHttp.Request request = new FakeHttp.Request("alice", new FakeHttp.Session());
    private final FakeHttp.Response response = new FakeHttp.Response();
    private int chainRuns;
    private final FilterChain chain = (req, res) -> chainRuns++;

    private MfaRuntime runtime(Map<String, String> params) {
        return MfaRuntime.of(MfaConfiguration.of(MfaConfig.parse(params::get), clock),
                Map.of("totp", new EnrolledEveryone()), null, events::add);
    }

    private void send() throws Exception {
        filter.doFilter(request.asHttpServletRequest(), response.asHttpServletResponse(), chain);
    }

    private void verifiedAgo(Duration ago) {
        MfaSession.of(request.asHttpServletRequest())
                .state(MfaState.start("alice", NOW.minus(ago)).withVerified("totp", NOW.minus(ago)));
    }

    @Test
    void anAdminFromOutsideTheOfficeIsRefusedWhateverTheSessionProved() throws Exception {
        request.roles.add("admin");
        request.servletPath = "/welcome";
        verifiedAgo(Duration.ZERO);

        send();

        assertThat(response.status).isEqualTo(403);
        assertThat(chainRuns).isZero();
        assertThat(events).singleElement().isEqualTo(new MfaEvent.LocationRuleApplied(
                ((MfaEvent.LocationRuleApplied) events.get(0)).header(), "deny", "network", "/welcome"));
        assertThat(response.bodyText()).contains("not available from your network or location")
                .doesNotContain("second factor", "10.0.0.0", "/8", "admin", "deny");
    }

    /** The refusal speaks the browser's language, and still names no rule, network or country. */
    @Test
    void theRefusalPageIsLocalizedAndRevealsNoRule() throws Exception {
        request.roles.add("admin");
        request.servletPath = "/welcome";
        request.header("Accept-Language", "de");

        send();

        assertThat(response.status).isEqualTo(403);
        assertThat(response.bodyText()).contains("lang=\"de\"", "Netzwerk")
                .doesNotContain("10.0.0.0", "admin", "zweiten Faktor");
    }

    @Test
    void anAdminInTheOfficeRuns() throws Exception {
        request.roles.add("admin");
        request.remoteAddr = "10.1.2.3";
        request.servletPath = "/welcome";
        verifiedAgo(Duration.ofMinutes(10));

        send();

        assertThat(chainRuns).isEqualTo(1);
        assertThat(events).isEmpty();
    }

    @Test
    void aForwardedForFromAnUntrustedPeerDoesNotPutAnAdminInTheOffice() throws Exception {
        request.roles.add("admin");
        request.header("X-Forwarded-For", "10.1.2.3");
        request.servletPath = "/welcome";
        verifiedAgo(Duration.ofMinutes(10));

        send();

        assertThat(response.status).isEqualTo(403);
        assertThat(chainRuns).isZero();
    }

    @Test
    void theTrustedProxysForwardedForCounts() throws Exception {
        request.roles.add("admin");
        request.remoteAddr = "192.0.2.10";
        request.header("X-Forwarded-For", "10.1.2.3");
        request.servletPath = "/welcome";
        verifiedAgo(Duration.ofMinutes(10));

        send();

        assertThat(chainRuns).isEqualTo(1);
    }

    @Test
    void anApiClientGetsA403ProblemNamingTheLocation() throws Exception {
        request.roles.add("admin");
        request.servletPath = "/welcome";
        request.header("Accept", "application/json");

        send();

        assertThat(response.status).isEqualTo(403);
        assertThat(response.contentType).startsWith("application/problem+json");
        assertThat(response.bodyText()).contains("\"type\":\"urn:stepwise:problem:location-refused\"",
                "\"status\":403", "\"why\":\"outside_location\"").doesNotContain("10.0.0.0", "admin");
    }

    @Test
    void aReportFromOutsideAsksAFreshFactorWithTheLocationReason() throws Exception {
        request.servletPath = "/reports/q3";
        verifiedAgo(Duration.ofMinutes(10));

        send();

        assertThat(chainRuns).isZero();
        assertThat(response.status).isEqualTo(303);
        PendingChallenge pending = MfaSession.of(request.asHttpServletRequest()).pending(NOW);
        assertThat(pending.requirement().reason()).isEqualTo("location-network");
        assertThat(pending.requirement().maxAge()).isEqualTo(Duration.ofMinutes(5));
        assertThat(events).extracting(e -> e.getClass().getSimpleName())
                .containsExactlyInAnyOrder("ChallengeIssued", "LocationRuleApplied");
    }

    @Test
    void aFactorProvedWithinTheStepUpMaxAgeSatisfiesTheLocationStepUp() throws Exception {
        request.servletPath = "/reports/q3";
        verifiedAgo(Duration.ofMinutes(2));

        send();

        assertThat(chainRuns).isEqualTo(1);
        assertThat(events).isEmpty();
    }

    @Test
    void theLocationStepUpIsAFreshFactorThatATrustedDeviceDoesNotSatisfy() throws Exception {
        request.servletPath = "/reports/q3";
        verifiedAgo(Duration.ofMinutes(10));

        send();

        Requirement asked = MfaSession.of(request.asHttpServletRequest()).pending(NOW).requirement();
        assertThat(asked.kind()).isEqualTo(Requirement.Kind.STEP_UP);
        assertThat(asked.trustedDeviceSatisfies()).isFalse();
        MfaState trustedOnly = MfaState.start("alice", NOW.minusSeconds(60))
                .withTrust(new TrustedDeviceGrant("device-1", NOW.plusSeconds(3600)));
        assertThat(runtime.gatekeeper().decide(asked, Caller.of("alice", Set.of()), trustedOnly, enrolledTotp))
                .isInstanceOf(Decision.ChallengeRequired.class);
    }

    @Test
    void aReportFromTheOfficeOrAnIpv4MappedOfficeAddressRunsWithoutAFactor() throws Exception {
        request.servletPath = "/reports/q3";
        request.remoteAddr = "::ffff:10.1.2.3";
        verifiedAgo(Duration.ofMinutes(10));

        send();

        assertThat(chainRuns).isEqualTo(1);
    }

    @Test
    void withoutRulesNothingIsBuiltForThem() {
        assertThat(LocationCheck.of(runtime(Map.of()))).isNull();
        assertThat(LocationCheck.of(runtime)).isNotNull();
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
