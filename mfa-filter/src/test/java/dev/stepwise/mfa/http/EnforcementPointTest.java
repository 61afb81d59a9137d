package dev.stepwise.mfa.http;

import dev.stepwise.mfa.runtime.config.Parameters;
import dev.stepwise.mfa.MutableClock;
import dev.stepwise.mfa.core.Decision;
import dev.stepwise.mfa.core.MfaState;
import dev.stepwise.mfa.core.Requirement;
import dev.stepwise.mfa.core.Requirements;
import dev.stepwise.mfa.core.Verdict;
import dev.stepwise.mfa.core.exemption.MfaExemption;
import dev.stepwise.mfa.core.risk.RiskAssessment;
import dev.stepwise.mfa.event.MfaEvent;
import dev.stepwise.mfa.runtime.MfaConfiguration;
import dev.stepwise.mfa.runtime.MfaRuntime;
import dev.stepwise.mfa.web.FakeHttp;
import dev.stepwise.mfa.runtime.config.MfaConfig;
import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The verdict's consequences are recorded as explicit steps, each once per session where it says so. */
class EnforcementPointTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final MfaExemption EXEMPTION = new MfaExemption("alice", NOW.plusSeconds(3600), "lost phone",
            "root", NOW.minusSeconds(60));

    private final List<MfaEvent> events = new ArrayList<>();
    private final MfaRuntime runtime = MfaRuntime.of(MfaConfiguration.of(MfaConfig.parse(Map.of(
            Parameters.TRUST_DURATION.name(), "PT0S")::get), new MutableClock(NOW)), Map.of("totp", new NoFactor()), null, events::add);
    private Verdict verdict;
    private final List<dev.stepwise.mfa.core.AccessRequest> asked = new ArrayList<>();
    private final EnforcementPoint point = new EnforcementPoint(runtime,
            (request, now) -> MfaSession.of(request).state(now),
            (access, facts) -> {
                asked.add(access);
                return verdict;
            });
    private final FakeHttp.Session browser = new FakeHttp.Session();

    private Decision send(Requirements endpoint) {
        HttpServletRequest request = new FakeHttp.Request("alice", browser).asHttpServletRequest();
        return point.decide(request, new FakeHttp.Response().asHttpServletResponse(),
                RequestFacts.of(request, runtime.config()), endpoint);
    }

    private MfaState state() {
        return MfaSession.of(new FakeHttp.Request("alice", browser).asHttpServletRequest()).state(NOW);
    }

    @Test
    void aClearedLoginIsStoredInTheSession() {
        MfaSession.of(new FakeHttp.Request("alice", browser).asHttpServletRequest()).state(MfaState.start("alice", NOW));
        verdict = new Verdict(new Decision.Granted(Decision.Granted.Why.NOT_APPLICABLE), true, null, null);

        assertThat(send(Requirements.NONE).isGranted()).isTrue();

        assertThat(state().loginCleared()).isTrue();
        assertThat(asked).singleElement().satisfies(a -> assertThat(a.judgeLogin()).isTrue());
    }

    @Test
    void anExemptionUsedIsAuditedOncePerSessionWithANewSessionId() {
        MfaSession.of(new FakeHttp.Request("alice", browser).asHttpServletRequest()).state(MfaState.start("alice", NOW));
        verdict = new Verdict(new Decision.Granted(Decision.Granted.Why.EXEMPT), false, EXEMPTION, null);
        String before = browser.id;

        send(Requirements.NONE);
        String after = browser.id;
        send(Requirements.NONE);

        assertThat(after).isNotEqualTo(before);
        assertThat(browser.id).isEqualTo(after);
        assertThat(events).singleElement().isInstanceOfSatisfying(MfaEvent.ExemptionUsed.class,
                e -> assertThat(e.grantedBy()).isEqualTo("root"));
        assertThat(state().loginCleared()).isFalse();
    }

    @Test
    void anAssessedRiskIsAuditedOncePerSession() {
        MfaSession.of(new FakeHttp.Request("alice", browser).asHttpServletRequest()).state(MfaState.start("alice", NOW));
        Decision challenge = new Decision.ChallengeRequired(List.of("totp"), Decision.ChallengeRequired.Why.MISSING,
                Requirement.mfa());
        verdict = new Verdict(challenge, false, null, RiskAssessment.NONE);

        send(Requirements.NONE);
        send(Requirements.NONE);

        assertThat(events).singleElement().isInstanceOfSatisfying(MfaEvent.RiskAssessed.class,
                e -> assertThat(e.challenged()).isTrue());
    }

    @Test
    void theConfirmationOfAReplayIsTakenOnlyByAnEndpointThatAsksOne() {
        verdict = Verdict.of(new Decision.Granted(Decision.Granted.Why.FACTOR_VERIFIED));
        FakeHttp.Request replay = new FakeHttp.Request("alice", browser);
        HttpServletRequest request = replay.asHttpServletRequest();
        RequestMarks.markConfirmed(request);
        RequestFacts facts = RequestFacts.of(request, runtime.config());

        point.decide(request, new FakeHttp.Response().asHttpServletResponse(), facts,
                Requirements.of(Requirement.mfa()));
        assertThat(asked.get(0).confirmedReplay()).isFalse();

        point.decide(request, new FakeHttp.Response().asHttpServletResponse(), facts,
                Requirements.of(Requirement.stepUp(Duration.ZERO)));
        assertThat(asked.get(1).confirmedReplay()).isTrue();
        assertThat(RequestMarks.takeConfirmed(request)).isFalse();
    }

    /** A factor nobody has; these tests never verify one. */
    private static final class NoFactor implements dev.stepwise.mfa.factor.Factor {
        @Override
        public String id() {
            return "totp";
        }

        @Override
        public boolean isEnrolled(String user) {
            return false;
        }

        @Override
        public dev.stepwise.mfa.factor.Verification verify(String user, Map<String, String> input,
                                                           dev.stepwise.mfa.factor.ChallengeContext ctx) {
            throw new UnsupportedOperationException();
        }
    }
}
