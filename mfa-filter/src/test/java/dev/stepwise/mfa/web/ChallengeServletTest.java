package dev.stepwise.mfa.web;

import dev.stepwise.mfa.core.FailureCount;
import dev.stepwise.mfa.core.Requirement;
import dev.stepwise.mfa.core.risk.RiskAssessment;
import dev.stepwise.mfa.core.risk.RiskLevel;
import dev.stepwise.mfa.core.risk.RiskReason;
import dev.stepwise.mfa.event.MfaEvent;
import dev.stepwise.mfa.http.PendingChallenge;
import dev.stepwise.mfa.http.SavedRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.stepwise.mfa.web.PageFixture.GOOD_CODE;
import static dev.stepwise.mfa.web.PageFixture.NOW;
import static dev.stepwise.mfa.web.PageFixture.USER;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The challenge page with hand-written servlet fakes: alice signed in with totp enrolled, not yet verified, and
 * a pending challenge that saved her GET of {@code /account/email}.
 */
class ChallengeServletTest {

    private final PageFixture fx = new PageFixture();
    private final ChallengeServlet servlet = fx.wire(new ChallengeServlet());
    private PendingChallenge pending;

    @BeforeEach
    void aliceIsChallenged() {
        fx.totp.enrolled.add(USER);
        fx.signedIn(null);
        SavedRequest saved = new SavedRequest("GET", "/account/email", null, Map.of(), new byte[0], true);
        pending = PendingChallenge.issue(List.of("totp"), Requirement.mfa().withReason("login"), saved, NOW,
                NOW.plus(Duration.ofMinutes(10)));
        fx.session().pending(pending);
    }

    private FakeHttp.Request answer(String code) {
        return fx.post(ChallengeServlet.CHALLENGE).param("factor", "totp").param("code", code)
                .param(ChallengeServlet.CHALLENGE_ID, pending.id());
    }

    private boolean verified() {
        return fx.session().state(NOW).anyVerified();
    }

    private int failures() {
        return fx.storage.store().attempts().read(USER).failures();
    }

    @Test
    void aGetShowsThePendingChallengeWithWhatTheJspNeeds() throws Exception {
        FakeHttp.Request request = fx.request("GET", ChallengeServlet.CHALLENGE);

        FakeHttp.Response response = fx.send(servlet, request);

        assertThat(response.status).isEqualTo(200);
        assertThat(response.header("Cache-Control")).isEqualTo("no-store");
        assertThat(request.forwardedTo).isEqualTo("/mfa/challenge.jsp");
        ChallengePage page = (ChallengePage) PageFixture.model(request);
        assertThat(page.factor()).isEqualTo("totp");
        assertThat(page.factors()).containsExactly("totp");
        assertThat(page.challengeId()).isEqualTo(pending.id());
        assertThat(page.error()).isNull();
        assertThat(page.links().csrf()).isEqualTo(PageFixture.CSRF);
        assertThat(fx.totp.verifications).isZero();
    }

    @Test
    void theRiskReasonsAreShownWithTheirArgumentsInTheBrowsersLanguage() throws Exception {
        fx.session().risk(RiskAssessment.of(List.of(
                RiskReason.of("new-country", RiskLevel.MEDIUM).withArgs(RiskReason.countryArg("FR")),
                RiskReason.of("unusual-time", RiskLevel.LOW).withArgs("08:00", "19:00"))));
        FakeHttp.Request request = fx.request("GET", ChallengeServlet.CHALLENGE).header("Accept-Language", "de");

        fx.send(servlet, request);

        ChallengePage page = (ChallengePage) PageFixture.model(request);
        assertThat(page.risk()).containsExactly("stepwise.mfa.risk.new-country", "stepwise.mfa.risk.unusual-time");
        assertThat(page.riskTexts()).containsExactly("Sie melden sich normalerweise aus diesem Land an: Frankreich.",
                "Sie melden sich normalerweise zwischen 08:00 und 19:00 Uhr an.");
    }

    @Test
    void aPostWithoutTheCsrfTokenIs403AndChecksNothing() throws Exception {
        FakeHttp.Request request = answer(GOOD_CODE);
        request.parameters.remove(CsrfToken.PARAMETER);

        FakeHttp.Response response = fx.send(servlet, request);

        assertThat(response.status).isEqualTo(403);
        assertThat(fx.totp.verifications).isZero();
        assertThat(verified()).isFalse();
        assertThat(fx.session().pending(NOW)).isEqualTo(pending);
        assertThat(fx.events).isEmpty();
    }

    @Test
    void aWrongCodeShowsThePageWithAnErrorAndCountsOneAttempt() throws Exception {
        FakeHttp.Request request = answer("000000");

        FakeHttp.Response response = fx.send(servlet, request);

        assertThat(response.status).isEqualTo(200);
        assertThat(request.forwardedTo).isEqualTo("/mfa/challenge.jsp");
        assertThat(((ChallengePage) PageFixture.model(request)).error()).isEqualTo("stepwise.mfa.error.code");
        assertThat(failures()).isEqualTo(1);
        assertThat(verified()).isFalse();
        assertThat(fx.events).singleElement().isInstanceOf(MfaEvent.FactorFailed.class);
    }

    @Test
    void aLockedAccountGets429WithRetryAfterAndTheCodeIsNotChecked() throws Exception {
        fx.storage.store().attempts().replace(USER, FailureCount.NONE, new FailureCount(3, NOW));
        FakeHttp.Request request = answer(GOOD_CODE);

        FakeHttp.Response response = fx.send(servlet, request);

        assertThat(response.status).isEqualTo(429);
        assertThat(Long.parseLong(response.header("Retry-After"))).isPositive();
        assertThat(((ChallengePage) PageFixture.model(request)).retryAfter()).isPositive();
        assertThat(fx.totp.verifications).isZero();
        assertThat(verified()).isFalse();
    }

    @Test
    void aCorrectCodeRecordsTheProofRotatesTheSessionIdAndResumesTheSavedRequestOnce() throws Exception {
        String idBefore = fx.browser.id;

        FakeHttp.Response response = fx.send(servlet, answer(GOOD_CODE));

        assertThat(response.status).isEqualTo(303);
        assertThat(response.header("Location")).isEqualTo("/bank/account/email");
        assertThat(verified()).isTrue();
        assertThat(fx.browser.id).isNotEqualTo(idBefore);
        assertThat(fx.events).singleElement().isInstanceOf(MfaEvent.FactorVerified.class);
        assertThat(fx.session().pending(NOW)).isNull();
        assertThat(fx.session().takeResume("/account/email", null, NOW)).isNotNull();
        assertThat(fx.session().takeResume("/account/email", null, NOW)).isNull();
    }

    @Test
    void aSecondAnswerToTheSameChallengeResumesNothing() throws Exception {
        fx.send(servlet, answer(GOOD_CODE));
        fx.session().takeResume("/account/email", null, NOW);

        FakeHttp.Request again = answer(GOOD_CODE);
        FakeHttp.Response response = fx.send(servlet, again);

        // the challenge was taken by the first answer: the page is shown again, nothing resumed or checked
        assertThat(response.status).isEqualTo(200);
        assertThat(((ChallengePage) PageFixture.model(again)).error()).isEqualTo("stepwise.mfa.error.replaced");
        assertThat(fx.session().takeResume("/account/email", null, NOW)).isNull();
        assertThat(fx.totp.verifications).isEqualTo(1);
    }

    @Test
    void anAnswerToAReplacedChallengeShowsTheCurrentOneWithoutAnAttempt() throws Exception {
        FakeHttp.Request request = answer(GOOD_CODE).param(ChallengeServlet.CHALLENGE_ID, "an-older-challenge");

        FakeHttp.Response response = fx.send(servlet, request);

        assertThat(response.status).isEqualTo(200);
        ChallengePage page = (ChallengePage) PageFixture.model(request);
        assertThat(page.error()).isEqualTo("stepwise.mfa.error.replaced");
        assertThat(page.challengeId()).isEqualTo(pending.id());
        assertThat(fx.totp.verifications).isZero();
        assertThat(failures()).isZero();
        assertThat(verified()).isFalse();
    }

    @Test
    void aFactorTheChallengeDoesNotOfferIsABadRequest() throws Exception {
        fx.email.enrolled.add(USER);
        FakeHttp.Request request = answer(GOOD_CODE).param("factor", "email");

        FakeHttp.Response response = fx.send(servlet, request);

        assertThat(response.status).isEqualTo(400);
        assertThat(fx.email.verifications).isZero();
        assertThat(verified()).isFalse();
    }

    @Test
    void aRequestWithoutASignedInUserIsRefused() throws Exception {
        FakeHttp.Request request = answer(GOOD_CODE).header("Accept", "application/json");
        request.principal = null;

        FakeHttp.Response response = fx.send(servlet, request);

        assertThat(response.status).isEqualTo(403);
        assertThat(fx.totp.verifications).isZero();
    }

    @Test
    void aBrowserWhoseSessionEndedGoesBackToTheApplicationsStartNotToA403() throws Exception {
        for (FakeHttp.Request request : List.of(answer(GOOD_CODE), fx.request("GET", ChallengeServlet.CHALLENGE))) {
            request.principal = null;
            request.session = null;

            FakeHttp.Response response = fx.send(servlet, request);

            // the context root, which the application's login protects: fixed, never from the request, no loop
            assertThat(response.status).isEqualTo(303);
            assertThat(response.header("Location")).isEqualTo("/bank/");
            assertThat(response.header("Cache-Control")).isEqualTo("no-store");
        }
        assertThat(fx.totp.verifications).isZero();
    }

    @Test
    void logoutSignsOutEndsTheSessionAndGoesHome() throws Exception {
        FakeHttp.Request request = fx.post(ChallengeServlet.LOGOUT);

        FakeHttp.Response response = fx.send(servlet, request);

        assertThat(request.logouts).isEqualTo(1);
        assertThat(fx.browser.invalidated).isTrue();
        assertThat(response.status).isEqualTo(303);
        assertThat(response.header("Location")).isEqualTo("/bank/");
    }
}
