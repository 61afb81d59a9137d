package dev.stepwise.mfa.web;

import dev.stepwise.mfa.MutableClock;
import dev.stepwise.mfa.core.MfaState;
import dev.stepwise.mfa.core.Requirement;
import dev.stepwise.mfa.core.exemption.EnrolmentHold;
import dev.stepwise.mfa.core.exemption.MfaExemption;
import dev.stepwise.mfa.factor.Factor;
import dev.stepwise.mfa.factor.recovery.RecoveryFactor;
import dev.stepwise.mfa.factor.totp.TotpCredential;
import dev.stepwise.mfa.factor.totp.TotpFactor;
import dev.stepwise.mfa.factor.totp.TotpSecret;
import dev.stepwise.mfa.factor.totp.TotpSettings;
import dev.stepwise.mfa.factor.totp.TotpCodesForTests;
import dev.stepwise.mfa.factor.webauthn.WebAuthnByOrigin;
import dev.stepwise.mfa.http.EnforcementPoint;
import dev.stepwise.mfa.http.MfaSession;
import dev.stepwise.mfa.http.PendingChallenge;
import dev.stepwise.mfa.http.SavedRequest;
import dev.stepwise.mfa.runtime.MfaConfiguration;
import dev.stepwise.mfa.runtime.MfaRuntime;
import dev.stepwise.mfa.runtime.config.MfaConfig;
import dev.stepwise.mfa.runtime.config.Parameters;
import dev.stepwise.mfa.store.StatementCounter;
import jakarta.servlet.FilterChain;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Round trips to the database per request, counted on the real store (H2) with the default factors: none for a
 * request the session satisfies (a step-up included: the enrolment holds were kept with the verification), at
 * most one while a challenge is pending (the lockout, never cached), two for a step-up whose verification is stale
 * (the holds, to choose what to offer, and the lockout), none for a sessionless caller's repeated requests within
 * the facts' staleness bound, and two for a code check of an account that signed in before: count the attempt and
 * read the key with its hold (kept with the verification), then use the code's step and end the failures. What the
 * enforcement keeps of a user's facts on this node never hides a change made through the library on it, nor the
 * lockout.
 */
class RoundTripsTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final String CSRF = "test-csrf-token";

    private final MutableClock clock = new MutableClock(NOW);
    private final StatementCounter statements = new StatementCounter(PageFixture.Storage.h2());
    private final MfaConfiguration configuration = MfaConfiguration.of(MfaConfig.parse(Map.of(
            Parameters.PROTECT.name(), "/account/*=mfa; /transfer/*=stepup:PT5M")::get), clock);
    private final PageFixture.Storage storage = new PageFixture.Storage(configuration, statements.dataSource());
    private final TotpSecret secret = TotpSecret.generate();
    private final MfaRuntime runtime = MfaRuntime.of(configuration, factors(), storage, event -> { });
    private final MfaFilter filter = new MfaFilter(new FilterSteps(runtime,
            new ServletRequirements(null, runtime.annotations()), new EnforcementPoint(runtime)));
    private final FakeHttp.Session browser = new FakeHttp.Session();
    private int chainRuns;
    private final FilterChain chain = (req, res) -> chainRuns++;

    private Map<String, Factor> factors() {
        Map<String, Factor> factors = new LinkedHashMap<>();
        factors.put("totp", new TotpFactor(storage.store().totpCredentials(), clock, TotpSettings.defaults()));
        factors.put("webauthn", new WebAuthnByOrigin(null, "Bank", storage.store().webAuthnCredentials(), w -> { }));
        factors.put("recovery", new RecoveryFactor(storage.store().recoveryCodes(), used -> { }));
        return factors;
    }

    @BeforeEach
    void aliceHasAnAuthenticatorApp() {
        long step = TotpCodesForTests.stepAt(NOW);
        storage.store().totpCredentials().save(TotpCredential.pending("alice", secret).activated(step - 10));
        MfaSession.of(request("alice", "/").asHttpServletRequest()).csrfToken(() -> CSRF);
    }

    private FakeHttp.Request request(String user, String path) {
        FakeHttp.Request request = new FakeHttp.Request(user, browser);
        request.servletPath = path;
        return request;
    }

    private FakeHttp.Response send(FakeHttp.Request request) throws Exception {
        FakeHttp.Response response = new FakeHttp.Response();
        filter.doFilter(request.asHttpServletRequest(), response.asHttpServletResponse(), chain);
        return response;
    }

    private MfaSession session() {
        return MfaSession.of(request("alice", "/").asHttpServletRequest());
    }

    @Test
    void aProtectedRequestTheSessionSatisfiesRunsNoStatement() throws Exception {
        session().state(MfaState.start("alice", NOW.minusSeconds(60)).withVerified("totp", NOW));
        statements.reset();

        FakeHttp.Response response = send(request("alice", "/account/email"));

        assertThat(response.status).isEqualTo(200);
        assertThat(chainRuns).isEqualTo(1);
        assertThat(statements.count()).as("%s", statements.sql()).isZero();
    }

    /** Alice answers a challenge with her authenticator app's code of {@code at} (the library's own page). */
    private void verifiedTotpOnTheChallengePage(Instant at) throws Exception {
        SavedRequest saved = new SavedRequest("GET", "/transfer/new", null, Map.of(), new byte[0], true);
        PendingChallenge pending = PendingChallenge.issue(List.of("totp"),
                Requirement.stepUp(Duration.ofMinutes(5)).withReason("transfer"), saved, at,
                at.plus(Duration.ofMinutes(10)));
        session().pending(pending);
        ChallengeServlet page = new ChallengeServlet();
        page.enforcement = new MfaEnforcement(runtime);
        page.storage = storage;
        FakeHttp.Request post = request("alice", "/mfa" + ChallengeServlet.CHALLENGE);
        post.method = "POST";
        post.param(CsrfToken.PARAMETER, CSRF).param("factor", "totp")
                .param("code", TotpCodesForTests.codeAt(secret, at))
                .param(ChallengeServlet.CHALLENGE_ID, pending.id());
        FakeHttp.Response response = new FakeHttp.Response();
        page.service(post.asHttpServletRequest(), response.asHttpServletResponse());
        assertThat(response.status).isEqualTo(303);
    }

    @Test
    void aStepUpTheSessionSatisfiesRunsNoStatement() throws Exception {
        session().state(MfaState.start("alice", NOW.minusSeconds(60)));
        verifiedTotpOnTheChallengePage(NOW);
        clock.advance(Duration.ofMinutes(1));
        statements.reset();

        FakeHttp.Response response = send(request("alice", "/transfer/new"));

        assertThat(response.status).isEqualTo(200);
        assertThat(chainRuns).isEqualTo(1);
        assertThat(statements.count()).as("%s", statements.sql()).isZero();
    }

    @Test
    void aStepUpWhoseVerificationIsStaleReadsTheHoldsAndTheLockoutOnly() throws Exception {
        session().state(MfaState.start("alice", NOW.minusSeconds(60)));
        verifiedTotpOnTheChallengePage(NOW);
        assertThat(send(apiCall("alice", browser, "/transfer/new")).status).isEqualTo(200);
        clock.advance(Duration.ofMinutes(6));
        assertThat(send(apiCall("alice", browser, "/transfer/new")).status).isEqualTo(401);
        statements.reset();

        FakeHttp.Response response = send(apiCall("alice", browser, "/transfer/new"));

        assertThat(response.status).isEqualTo(401);
        assertThat(chainRuns).isEqualTo(1);
        assertThat(statements.sql()).as("the holds (what may be offered) and the lockout (a challenge)")
                .containsExactlyInAnyOrder(
                        "SELECT factor_id, enrolled_at, until_at FROM stepwise_enrol_hold WHERE user_id = ?",
                        "SELECT failures, last_failure_at FROM stepwise_attempt WHERE user_id = ?");
    }

    @Test
    void aRequestWhileAChallengeIsPendingRunsAtMostOneStatement() throws Exception {
        session().state(MfaState.start("alice", NOW.minusSeconds(60)));
        assertThat(send(request("alice", "/account/email")).status).isEqualTo(303);

        for (int i = 0; i < 3; i++) {
            statements.reset();
            assertThat(send(request("alice", "/account/email")).status).isEqualTo(303);
            assertThat(statements.count()).as("%s", statements.sql()).isLessThanOrEqualTo(1);
        }
        assertThat(chainRuns).isZero();
    }

    @Test
    void aSessionlessCallersRepeatedRequestRunsNoStatement() throws Exception {
        FakeHttp.Request first = new FakeHttp.Request("bob", null);
        first.servletPath = "/hello";
        send(first);
        assertThat(chainRuns).isEqualTo(1);
        statements.reset();

        FakeHttp.Request again = new FakeHttp.Request("bob", null);
        again.servletPath = "/hello";
        send(again);

        assertThat(chainRuns).isEqualTo(2);
        assertThat(again.session).as("no session is made for a sessionless caller").isNull();
        assertThat(statements.count()).as("%s", statements.sql()).isZero();
    }

    @Test
    void aRightCodeRunsTwoStatementsCountAndReadKeyAndHoldThenUseAndEnd() throws Exception {
        storage.throttle().reserve("alice"); // what an earlier sign-in left: a count at zero
        storage.throttle().recordSuccess("alice");

        FakeHttp.Response response = checkCode(TotpCodesForTests.codeAt(secret, NOW));

        assertThat(response.status).isEqualTo(303);
        assertThat(session().state(NOW).anyVerified()).isTrue();
        assertThat(statements.sql()).as("%s", statements.sql()).hasSize(2);
        // the hold comes with the key, so that a step-up the verification satisfies reads nothing
        assertThat(statements.sql().get(0)).startsWith("SELECT t.secret_box, t.active, t.last_step, h.until_at FROM"
                + " FINAL TABLE (MERGE INTO stepwise_attempt").contains("stepwise_enrol_hold");
        assertThat(statements.sql().get(1)).startsWith("SELECT COUNT(*) FROM FINAL TABLE (MERGE INTO stepwise_attempt")
                .contains("UPDATE stepwise_totp SET last_step = ? WHERE user_id = ? AND last_step < ?");
        assertThat(session().state(NOW).holdAtVerification()).containsEntry("totp", NOW);
        assertThat(storage.throttle().check("alice").failures()).isZero();
    }

    @Test
    void aHeldAuthenticatorsCodeKeepsItsHoldReadWithTheKey() throws Exception {
        Instant until = NOW.plus(Duration.ofDays(1));
        storage.store().enrolmentHolds().save(new EnrolmentHold("alice", "totp", NOW.minusSeconds(60), until));

        FakeHttp.Response response = checkCode(TotpCodesForTests.codeAt(secret, NOW));

        assertThat(response.status).isEqualTo(303);
        assertThat(statements.sql()).as("%s", statements.sql()).hasSize(2)
                .noneMatch(sql -> sql.startsWith("SELECT factor_id"));
        assertThat(session().state(NOW).holdAtVerification()).containsEntry("totp", until);
    }

    @Test
    void aWrongCodeRunsOneStatementAndStaysCounted() throws Exception {
        FakeHttp.Response response = checkCode(wrong(TotpCodesForTests.codeAt(secret, NOW)));

        assertThat(response.status).isNotEqualTo(303);
        assertThat(session().state(NOW).anyVerified()).isFalse();
        assertThat(statements.sql()).hasSizeLessThanOrEqualTo(2);
        assertThat(storage.throttle().check("alice").failures()).isEqualTo(1);
    }

    @Test
    void anAccountWithFailuresRunsFourStatementsTryFromNoneReadCountAndReadKeyAndHoldThenUseAndEnd()
            throws Exception {
        storage.throttle().reserve("alice"); // one earlier wrong code, its delay over
        clock.set(NOW.plus(Duration.ofMinutes(5)));
        Instant now = NOW.plus(Duration.ofMinutes(5));

        FakeHttp.Response response = checkCode(TotpCodesForTests.codeAt(secret, now), now);

        assertThat(response.status).isEqualTo(303);
        assertThat(statements.sql()).as("%s", statements.sql()).hasSize(4);
        // the one-statement first count finds a failure and changes nothing; then the count is judged as always
        assertThat(statements.sql().get(0)).contains("MERGE INTO stepwise_attempt").contains("x.failures = 0");
        assertThat(statements.sql().get(1))
                .isEqualTo("SELECT failures, last_failure_at FROM stepwise_attempt WHERE user_id = ?");
        assertThat(statements.sql().get(2)).startsWith("SELECT t.secret_box, t.active, t.last_step, h.until_at FROM"
                + " FINAL TABLE (UPDATE stepwise_attempt SET failures = ?, last_failure_at = ? WHERE user_id = ?"
                + " AND failures = ? AND last_failure_at = ?)");
        assertThat(statements.sql().get(3)).startsWith("SELECT COUNT(*) FROM FINAL TABLE (MERGE INTO stepwise_attempt")
                .contains("UPDATE stepwise_totp SET last_step = ? WHERE user_id = ? AND last_step < ?");
        assertThat(session().state(now).holdAtVerification()).containsEntry("totp", now);
        assertThat(storage.throttle().check("alice").failures()).isZero();
    }

    private static String wrong(String code) {
        return code.charAt(0) == '0' ? "1" + code.substring(1) : "0" + code.substring(1);
    }

    private FakeHttp.Response checkCode(String code) throws Exception {
        return checkCode(code, NOW);
    }

    /** Posts {@code code} on the challenge page of a fresh login challenge, counting the statements of the post. */
    private FakeHttp.Response checkCode(String code, Instant now) throws Exception {
        session().state(MfaState.start("alice", now.minusSeconds(60)));
        SavedRequest saved = new SavedRequest("GET", "/account/email", null, Map.of(), new byte[0], true);
        PendingChallenge pending = PendingChallenge.issue(List.of("totp"), Requirement.mfa().withReason("login"),
                saved, now, now.plus(Duration.ofMinutes(10)));
        session().pending(pending);
        ChallengeServlet page = new ChallengeServlet();
        page.enforcement = new MfaEnforcement(runtime);
        page.storage = storage;
        FakeHttp.Request post = request("alice", "/mfa" + ChallengeServlet.CHALLENGE);
        post.method = "POST";
        post.param(CsrfToken.PARAMETER, CSRF).param("factor", "totp").param("code", code)
                .param(ChallengeServlet.CHALLENGE_ID, pending.id());
        statements.reset();
        FakeHttp.Response response = new FakeHttp.Response();
        page.service(post.asHttpServletRequest(), response.asHttpServletResponse());
        return response;
    }

    private FakeHttp.Request apiCall(String user, FakeHttp.Session session, String path) {
        FakeHttp.Request request = new FakeHttp.Request(user, session);
        request.servletPath = path;
        request.header("Accept", "application/json");
        return request;
    }

    @Test
    void aFactorProvisionedOnThisNodeIsAskedOfTheNextSessionlessRequestAtOnce() throws Exception {
        assertThat(send(apiCall("bob", null, "/hello")).status).isEqualTo(200);

        new dev.stepwise.mfa.cdi.MfaAccounts(storage, runtime)
                .provisionTotp("bob", "GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ");

        assertThat(send(apiCall("bob", null, "/hello")).status).isEqualTo(401);
        assertThat(chainRuns).isEqualTo(1);
    }

    @Test
    void anExemptionEndedOnThisNodeEndsAtOnce() throws Exception {
        session().state(MfaState.start("alice", NOW.minusSeconds(60)));
        storage.exemptions().save(MfaExemption.grant("alice", "root", "lost phone", Duration.ofHours(1), NOW,
                MfaExemption.DEFAULT_MAX_DURATION));
        runtime.factsChanged();
        assertThat(send(apiCall("alice", browser, "/account/email")).status).isEqualTo(200);

        storage.exemptions().revoke("alice");
        runtime.factsChanged();

        assertThat(send(apiCall("alice", browser, "/account/email")).status).isEqualTo(401);
    }

    @Test
    void theLockoutIsNeverTakenFromWhatIsKept() throws Exception {
        session().state(MfaState.start("alice", NOW.minusSeconds(60)));
        assertThat(send(apiCall("alice", browser, "/account/email")).status).isEqualTo(401);

        for (int i = 0; i < 10; i++) {
            clock.advance(Duration.ofMinutes(6)); // past each attempt's delay
            assertThat(storage.throttle().reserve("alice"))
                    .isInstanceOf(dev.stepwise.mfa.core.AttemptReservation.Reserved.class);
        }

        FakeHttp.Response locked = send(apiCall("alice", browser, "/account/email"));
        assertThat(locked.status).isEqualTo(429);
        assertThat(locked.header("Retry-After")).isNotNull();
    }
}
