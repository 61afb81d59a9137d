package dev.stepwise.mfa.web;

import dev.stepwise.mfa.MutableClock;
import dev.stepwise.mfa.core.MfaState;
import dev.stepwise.mfa.core.exemption.MfaExemption;
import dev.stepwise.mfa.event.MfaEvent;
import dev.stepwise.mfa.factor.ChallengeContext;
import dev.stepwise.mfa.factor.Factor;
import dev.stepwise.mfa.factor.KeyEnrolment;
import dev.stepwise.mfa.factor.Verification;
import dev.stepwise.mfa.http.EnforcementPoint;
import dev.stepwise.mfa.http.MfaSession;
import dev.stepwise.mfa.runtime.MfaConfiguration;
import dev.stepwise.mfa.runtime.MfaRuntime;
import dev.stepwise.mfa.runtime.config.MfaConfig;
import dev.stepwise.mfa.runtime.config.Parameters;
import dev.stepwise.mfa.store.StatementCounter;
import jakarta.servlet.FilterChain;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The attacker of issue 10 against the holds kept with a verification (issue 14): they have alice's password
 * and she has an administrator's exemption (lost phone), so they can sign in and enrol an authenticator app of
 * their own. That app is on hold for {@code stepwise.mfa.exemption.enrol-hold}: no step-up endpoint may run on
 * it, in the session that enrolled it, in another session, or in requests racing the enrolment. A satisfied
 * step-up reads nothing from the store.
 */
class HeldFactorStepUpAttackTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final int PARALLEL = 32;

    private final MutableClock clock = new MutableClock(NOW);
    private final StatementCounter statements = new StatementCounter(PageFixture.Storage.h2());
    private final AttackerKey totp = new AttackerKey();
    private final PageFixture.TestFactor email = new PageFixture.TestFactor("email");
    private final List<Runnable> onEvent = new ArrayList<>();
    private final ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
    private final AtomicInteger chainRuns = new AtomicInteger();
    private final FilterChain chain = (req, res) -> chainRuns.incrementAndGet();
    private final FakeHttp.Session attacker = new FakeHttp.Session();
    private MfaRuntime runtime;
    private PageFixture.Storage storage;
    private MfaFilter filter;

    @AfterEach
    void stopThreads() {
        pool.shutdownNow();
    }

    /** The app, protected paths with a step-up of five minutes, alice's exemption, the attacker signed in. */
    private void deployed(String enrolHold) {
        MfaConfiguration configuration = MfaConfiguration.of(MfaConfig.parse(Map.of(
                Parameters.FACTORS.name(), "totp,email",
                Parameters.PROTECT.name(), "/account/*=stepup:PT5M",
                Parameters.EXEMPTION_ENROL_HOLD.name(), enrolHold)::get), clock);
        storage = new PageFixture.Storage(configuration, statements.dataSource());
        email.enrolled.add("alice"); // her own factor, lost with the phone
        Map<String, Factor> factors = new LinkedHashMap<>();
        factors.put("totp", totp);
        factors.put("email", email);
        runtime = MfaRuntime.of(configuration, factors, storage, event -> {
            if (event instanceof MfaEvent.FactorEnrolled) {
                onEvent.forEach(Runnable::run);
            }
        });
        filter = new MfaFilter(new FilterSteps(runtime, new ServletRequirements(null, runtime.annotations()),
                new EnforcementPoint(runtime)));
        storage.exemptions().save(MfaExemption.grant("alice", "root", "lost phone", Duration.ofHours(4), NOW,
                MfaExemption.DEFAULT_MAX_DURATION));
        signIn(attacker);
    }

    private void signIn(FakeHttp.Session browser) {
        FakeHttp.Request any = new FakeHttp.Request("alice", browser);
        MfaSession.of(any.asHttpServletRequest()).csrfToken(() -> PageFixture.CSRF);
        MfaSession.of(any.asHttpServletRequest()).state(MfaState.start("alice", clock.instant()));
    }

    private int stepUp(FakeHttp.Session browser) {
        return stepUp(browser, "alice");
    }

    private int stepUp(FakeHttp.Session browser, String user) {
        try {
            FakeHttp.Request request = new FakeHttp.Request(user, browser);
            request.servletPath = "/account/email";
            request.header("Accept", "application/json");
            FakeHttp.Response response = new FakeHttp.Response();
            filter.doFilter(request.asHttpServletRequest(), response.asHttpServletResponse(), chain);
            return response.status;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The settings page's POST that confirms the attacker's key with a code. */
    private void enrolTheAttackersKey() throws Exception {
        SettingsServlet settings = new SettingsServlet();
        settings.enforcement = new MfaEnforcement(runtime);
        settings.storage = storage;
        FakeHttp.Request post = new FakeHttp.Request("alice", attacker);
        post.method = "POST";
        post.servletPath = "/mfa/settings/totp";
        post.param(CsrfToken.PARAMETER, PageFixture.CSRF).param("code", PageFixture.GOOD_CODE);
        settings.service(post.asHttpServletRequest(), new FakeHttp.Response().asHttpServletResponse());
        assertThat(totp.isEnrolled("alice")).as("the key was enrolled").isTrue();
        assertThat(storage.store().enrolmentHolds().find("alice")).as("and held").isNotEmpty();
    }

    /** {@value #PARALLEL} step-ups of {@code browser} at once; their statuses. */
    private List<Integer> inParallel(FakeHttp.Session browser) {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 0; i < PARALLEL; i++) {
            Callable<Integer> call = () -> {
                start.await();
                return stepUp(browser);
            };
            results.add(pool.submit(call));
        }
        start.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> f : results) {
            try {
                statuses.add(f.get());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return statuses;
    }

    @Test
    void theAttackerCannotStepUpInTheSessionThatEnrolledTheirKey() throws Exception {
        deployed("P1D");
        assertThat(stepUp(attacker)).as("before").isEqualTo(401);

        enrolTheAttackersKey();

        assertThat(MfaSession.of(new FakeHttp.Request("alice", attacker).asHttpServletRequest()).state(NOW)
                .verifiedAt()).as("the enrolment verified the key").containsKey("totp");
        assertThat(stepUp(attacker)).isEqualTo(401);
        clock.advance(Duration.ofMinutes(4));
        assertThat(stepUp(attacker)).isEqualTo(401);
        assertThat(chainRuns).hasValue(0);
    }

    @Test
    void theAttackerCannotStepUpInASecondSessionWhereTheyProveTheirKey() throws Exception {
        deployed("P1D");
        enrolTheAttackersKey();
        clock.advance(Duration.ofMinutes(10));
        FakeHttp.Session second = new FakeHttp.Session();
        signIn(second);
        assertThat(stepUp(second)).isEqualTo(401);

        FakeHttp.Request answered = new FakeHttp.Request("alice", second);
        new MfaEnforcement(runtime).recordVerified(answered.asHttpServletRequest(), "alice", "totp");

        assertThat(stepUp(second)).isEqualTo(401);
        assertThat(stepUp(attacker)).isEqualTo(401);
        assertThat(chainRuns).hasValue(0);
    }

    @Test
    void stepUpsRacingTheEnrolmentNeverRunTheEndpoint() throws Exception {
        deployed("P1D");
        stepUp(attacker); // the session's attributes exist before requests share it
        Map<String, List<Integer>> during = new ConcurrentHashMap<>();
        totp.onActivated = () -> during.put("key active, not yet verified", inParallel(attacker));
        onEvent.add(() -> during.put("verified, enrolment being recorded", inParallel(attacker)));

        enrolTheAttackersKey();
        List<Integer> after = inParallel(attacker);

        assertThat(during).hasSize(2);
        during.forEach((when, statuses) -> assertThat(statuses).as(when).hasSize(PARALLEL).containsOnly(401));
        assertThat(after).containsOnly(401);
        assertThat(chainRuns).hasValue(0);
    }

    @Test
    void aHoldThatHasEndedLetsTheVerificationKeptWithItCountWithoutAStatement() throws Exception {
        deployed("PT2M");
        enrolTheAttackersKey();

        clock.advance(Duration.ofMinutes(1));
        assertThat(stepUp(attacker)).as("held").isEqualTo(401);
        clock.advance(Duration.ofMinutes(1)); // the hold ends exclusively at its end
        statements.reset();

        assertThat(stepUp(attacker)).isEqualTo(200);
        assertThat(statements.count()).as("%s", statements.sql()).isZero();
        assertThat(chainRuns).hasValue(1);
    }

    @Test
    void aSatisfiedStepUpReadsNothingAndAHeldOneReadsOnlyWhatTheChallengeNeeds() throws Exception {
        deployed("P1D");
        enrolTheAttackersKey();
        clock.advance(Duration.ofSeconds(30));
        stepUp(attacker);
        statements.reset();

        assertThat(stepUp(attacker)).isEqualTo(401);

        assertThat(statements.sql()).as("the verification's own hold decided; the store only for the answer")
                .containsOnlyOnce("SELECT factor_id, enrolled_at, until_at FROM stepwise_enrol_hold WHERE user_id = ?");
    }

    @Test
    void anotherUsersVerificationInTheSameBrowserIsNeverUsed() throws Exception {
        deployed("P1D");
        totp.enrolled.add("bob");
        FakeHttp.Session browser = new FakeHttp.Session();
        FakeHttp.Request bobs = new FakeHttp.Request("bob", browser);
        MfaSession.of(bobs.asHttpServletRequest()).state(MfaState.start("bob", NOW));
        new MfaEnforcement(runtime).recordVerified(bobs.asHttpServletRequest(), "bob", "totp");
        assertThat(stepUp(browser, "bob")).as("bob's own step-up").isEqualTo(200);

        assertThat(stepUp(browser, "alice")).isEqualTo(401);
        assertThat(chainRuns).hasValue(1);
    }

    /** An authenticator app the attacker enrols: accepts {@link PageFixture#GOOD_CODE}. */
    static final class AttackerKey implements Factor, KeyEnrolment {
        final Set<String> enrolled = ConcurrentHashMap.newKeySet();
        /** Runs once the key is active, before the enrolment is recorded. */
        volatile Runnable onActivated = () -> { };

        @Override
        public String id() {
            return "totp";
        }

        @Override
        public boolean isEnrolled(String user) {
            return enrolled.contains(user);
        }

        @Override
        public Verification verify(String user, Map<String, String> input, ChallengeContext ctx) {
            return enrolled.contains(user) && PageFixture.GOOD_CODE.equals(input.get("code"))
                    ? Verification.accepted() : Verification.rejected("stepwise.mfa.error.code");
        }

        @Override
        public KeyOffer offerKey(String user, String issuer) {
            return new KeyOffer("<svg/>", "ABCD EFGH", "otpauth://totp/x");
        }

        @Override
        public Verification confirmKey(String user, String code) {
            if (!PageFixture.GOOD_CODE.equals(code)) {
                return Verification.rejected("stepwise.mfa.error.code");
            }
            enrolled.add(user);
            onActivated.run();
            return Verification.accepted();
        }

        @Override
        public void provisionKey(String user, String encodedKey) {
            throw new UnsupportedOperationException();
        }
    }
}
