package dev.stepwise.mfa.web;

import dev.stepwise.mfa.event.MfaEvent;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static dev.stepwise.mfa.web.ApiFixture.CSRF;
import static dev.stepwise.mfa.web.ApiFixture.USER;
import static dev.stepwise.mfa.web.ApiFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JSON challenge API with the servlet fakes: alice signed in, TOTP enrolled, a step-up pending for a transfer.
 * Every answer is checked for what it says and for what it left behind (counted failures, proofs, events).
 */
class ChallengeApiServletTest {

    private final ApiFixture fx = new ApiFixture().aliceChallenged();

    private FakeHttp.Response verify(String code) throws Exception {
        return fx.send(fx.post("/verify", "{\"factor\":\"totp\",\"code\":\"" + code + "\",\"challenge\":\""
                + fx.pending.id() + "\"}"));
    }

    /** An answer without the challenge id (the pending one lapses while the test waits out the delays). */
    private FakeHttp.Response guess(String code) throws Exception {
        return fx.send(fx.post("/verify", "{\"factor\":\"totp\",\"code\":\"" + code + "\"}"));
    }

    private static void assertProblem(FakeHttp.Response response, int status, String type) {
        assertThat(response.status).isEqualTo(status);
        assertThat(response.contentType).isEqualTo("application/problem+json");
        assertThat(response.header("Cache-Control")).isEqualTo("no-store");
        JsonObject problem = json(response);
        assertThat(problem.getString("type")).isEqualTo("urn:stepwise:problem:" + type);
        assertThat(problem.getInt("status")).isEqualTo(status);
        assertThat(problem.getString("title")).isNotBlank();
        assertThat(problem.getString("detail")).isNotBlank();
    }

    @Test
    void statusTellsThePendingStepUpTheFactorsAndTheCsrfToken() throws Exception {
        FakeHttp.Response response = fx.send(fx.get("/status"));

        assertThat(response.status).isEqualTo(200);
        assertThat(response.contentType).isEqualTo("application/json");
        assertThat(response.header("Cache-Control")).isEqualTo("no-store");
        JsonObject status = json(response);
        assertThat(status.getJsonArray("verified")).isEmpty();
        JsonObject pending = status.getJsonObject("pending");
        assertThat(pending.getString("id")).isEqualTo(fx.pending.id());
        assertThat(pending.getString("kind")).isEqualTo("step-up");
        assertThat(pending.getString("reason")).isEqualTo("transfer");
        assertThat(pending.getString("reasonText")).isNotBlank();
        assertThat(pending.getInt("maxAge")).isEqualTo(120);
        assertThat(pending.getString("expiresAt")).isEqualTo("2026-12-01T10:10:00Z");
        assertThat(pending.getJsonArray("factors").getString(0)).isEqualTo("totp");
        assertThat(status.getJsonArray("offered").toString()).isEqualTo("[\"totp\",\"webauthn\"]");
        assertThat(status.getJsonArray("enrolled").toString()).isEqualTo("[\"totp\"]");
        assertThat(status.getString("csrfToken")).isEqualTo(CSRF);
        assertThat(status.getString("begin")).isEqualTo("/bank/mfa/api/begin");
        assertThat(status.getString("verify")).isEqualTo("/bank/mfa/api/verify");
        assertThat(fx.events).isEmpty();
    }

    @Test
    void statusGivesTheCsrfTokenOnlyToItsOwnOrigin() throws Exception {
        FakeHttp.Request request = ApiFixture.request(USER, fx.browser, "GET", "/status")
                .header("Sec-Fetch-Site", "cross-site");

        JsonObject status = json(fx.send(request));

        assertThat(status.containsKey("csrfToken")).isFalse();
        assertThat(status.getJsonObject("pending").getString("id")).isEqualTo(fx.pending.id());
    }

    @Test
    void aRightTotpCodeVerifiesTakesTheChallengeAndNamesWhereToGoBack() throws Exception {
        String sessionId = fx.browser.id;

        FakeHttp.Response response = verify(fx.code());

        assertThat(response.status).isEqualTo(200);
        JsonObject proof = json(response);
        assertThat(proof.getString("verified")).isEqualTo("totp");
        assertThat(proof.getString("at")).isEqualTo("2026-12-01T10:00:00Z");
        assertThat(proof.getString("kind")).isEqualTo("step-up");
        assertThat(proof.getString("reason")).isEqualTo("transfer");
        assertThat(proof.getString("resume")).isEqualTo("/bank/transfer");
        assertThat(fx.verified()).isTrue();
        assertThat(fx.browser.id).isNotEqualTo(sessionId);
        assertThat(fx.session().pending(fx.clock.instant())).isNull();
        assertThat(fx.session().takeResume("/transfer", null, fx.clock.instant())).as("nothing replayed").isNull();
        assertThat(fx.events).singleElement().isInstanceOf(MfaEvent.FactorVerified.class);
        assertThat(fx.checks).as("timed for the metrics, as on the page").singleElement()
                .extracting(MfaEvent.FactorChecked::outcome).isEqualTo("verified");
        JsonObject status = json(fx.send(fx.get("/status")));
        assertThat(status.getJsonArray("verified").getJsonObject(0).getString("factor")).isEqualTo("totp");
        assertThat(status.isNull("pending")).isTrue();
    }

    @Test
    void trustIsIgnoredOnAStepUpAndHonouredForSessionMfaAsOnThePage() throws Exception {
        FakeHttp.Response stepUp = fx.send(fx.post("/verify", "{\"factor\":\"totp\",\"code\":\"" + fx.code()
                + "\",\"trust\":true}"));

        assertThat(stepUp.status).isEqualTo(200);
        assertThat(fx.session().state(fx.clock.instant()).trust()).as("a step-up offers no trust").isNull();
        assertThat(stepUp.headers.keySet()).noneMatch(h -> h.equalsIgnoreCase("Set-Cookie"));

        fx.clock.advance(Duration.ofMinutes(1)); // the next time step: a new code
        fx.pending = dev.stepwise.mfa.http.PendingChallenge.issue(java.util.List.of("totp"),
                dev.stepwise.mfa.core.Requirement.mfa().withReason("login"), null, fx.clock.instant(),
                fx.clock.instant().plus(Duration.ofMinutes(10)));
        fx.session().pending(fx.pending);
        FakeHttp.Response login = fx.send(fx.post("/verify", "{\"factor\":\"totp\",\"code\":\"" + fx.code()
                + "\",\"trust\":true}"));

        assertThat(login.status).isEqualTo(200);
        assertThat(fx.session().state(fx.clock.instant()).trust()).as("session MFA offers it").isNotNull();
    }

    @Test
    void beginOfTotpPreparesNothing() throws Exception {
        FakeHttp.Response response = fx.send(fx.post("/begin", "{\"factor\":\"totp\"}"));

        assertThat(response.status).isEqualTo(200);
        JsonObject begun = json(response);
        assertThat(begun.getString("factor")).isEqualTo("totp");
        assertThat(begun.getString("challenge")).isEqualTo(fx.pending.id());
        assertThat(begun.getJsonObject("view")).isEmpty();
        assertThat(fx.failures()).isZero();
    }

    @Test
    void aWrongCodeIs401WithTheAttemptsLeftAndTheTenthLocksWith429() throws Exception {
        for (int failure = 1; failure < 10; failure++) {
            FakeHttp.Response response = guess(fx.wrongCode());

            assertProblem(response, 401, "factor-rejected");
            assertThat(json(response).getInt("attemptsLeft")).isEqualTo(10 - failure);
            assertThat(response.header("WWW-Authenticate"))
                    .startsWith("Bearer error=\"insufficient_user_authentication\"")
                    .contains("acr_values=\"urn:stepwise:mfa\"");
            fx.clock.advance(Duration.ofMinutes(6)); // past the growing delay
        }
        FakeHttp.Response tenth = guess(fx.wrongCode());

        assertProblem(tenth, 429, "mfa-locked-out");
        assertThat(Long.parseLong(tenth.header("Retry-After"))).isEqualTo(900);
        assertThat(json(tenth).getInt("retryAfter")).isEqualTo(900);
        assertThat(fx.failures()).isEqualTo(10);
        assertThat(fx.events).filteredOn(MfaEvent.LockedOut.class::isInstance).hasSize(1);
        assertThat(fx.events).filteredOn(MfaEvent.FactorFailed.class::isInstance).hasSize(10);

        FakeHttp.Response right = guess(fx.code());
        assertProblem(right, 429, "mfa-locked-out");
        assertThat(fx.verified()).isFalse();
    }

    @Test
    void aRejectedAnswerToTheStepUpRepeatsItsChallengeHeader() throws Exception {
        FakeHttp.Response response = verify(fx.wrongCode());

        assertProblem(response, 401, "factor-rejected");
        assertThat(response.header("WWW-Authenticate")).endsWith("max_age=120");
        assertThat(json(response).getJsonArray("factors").getString(0)).isEqualTo("totp");
        assertThat(fx.session().pending(fx.clock.instant())).as("still pending").isEqualTo(fx.pending);
    }

    @Test
    void withoutTheCsrfHeaderOrWithAnotherTokenNothingIsChecked() throws Exception {
        FakeHttp.Request none = fx.post("/verify", "{\"factor\":\"totp\",\"code\":\"" + fx.code() + "\"}");
        none.headers.remove("x-csrf-token");
        FakeHttp.Request wrong = ApiFixture.post(USER, fx.browser, "another-token", "/verify",
                "{\"factor\":\"totp\",\"code\":\"" + fx.code() + "\"}");

        assertProblem(fx.send(none), 403, "csrf");
        assertProblem(fx.send(wrong), 403, "csrf");
        assertThat(fx.failures()).isZero();
        assertThat(fx.verified()).isFalse();
        assertThat(fx.events).isEmpty();
    }

    @Test
    void anotherOriginOrACrossSiteFetchIsRefusedAndNothingCounted() throws Exception {
        FakeHttp.Request evil = fx.post("/verify", "{\"factor\":\"totp\",\"code\":\"" + fx.wrongCode() + "\"}");
        evil.headers.put("origin", new java.util.ArrayList<>(java.util.List.of("https://evil.example")));
        FakeHttp.Request crossSite = fx.post("/begin", "{\"factor\":\"totp\"}");
        crossSite.headers.put("sec-fetch-site", new java.util.ArrayList<>(java.util.List.of("cross-site")));

        assertProblem(fx.send(evil), 403, "cross-origin");
        assertProblem(fx.send(crossSite), 403, "cross-origin");
        assertThat(fx.failures()).isZero();
        assertThat(fx.events).hasSize(2).allMatch(MfaEvent.CrossSiteRefused.class::isInstance);
    }

    @Test
    void anUnknownOrNotOfferedFactorIs400AndNotCounted() throws Exception {
        assertProblem(fx.send(fx.post("/verify", "{\"factor\":\"hwtoken\",\"code\":\"123456\"}")), 400,
                "unknown-factor");
        // offered, but the pending challenge asks for totp
        assertProblem(fx.send(fx.post("/verify", "{\"factor\":\"webauthn\",\"credential\":{}}")), 400,
                "unknown-factor");
        assertThat(fx.failures()).isZero();
        assertThat(fx.events).isEmpty();
    }

    @Test
    void anAnswerToAReplacedChallengeIs409AndNotCounted() throws Exception {
        FakeHttp.Response response = fx.send(fx.post("/verify",
                "{\"factor\":\"totp\",\"code\":\"" + fx.code() + "\",\"challenge\":\"an-older-one\"}"));

        assertProblem(response, 409, "challenge-replaced");
        assertThat(fx.failures()).isZero();
        assertThat(fx.verified()).isFalse();
        assertThat(fx.session().pending(fx.clock.instant())).isEqualTo(fx.pending);
    }

    @Test
    void withoutASignedInUserItIs403NotA401() throws Exception {
        FakeHttp.Request request = fx.get("/status");
        request.principal = null;

        assertProblem(fx.send(request), 403, "not-signed-in");
    }

    @Test
    void otherMethodsAndPathsAre405() throws Exception {
        assertProblem(fx.send(ApiFixture.request(USER, fx.browser, "POST", "/status")), 405, "method-not-allowed");
        assertProblem(fx.send(fx.get("/verify")), 405, "method-not-allowed");
        assertProblem(fx.send(fx.get("/elsewhere")), 405, "method-not-allowed");
    }

    @Test
    void aStoreThatIsDownIs503AndGrantsNothing() throws Exception {
        fx.storeDown = true;

        FakeHttp.Response response = verify(fx.code());

        assertProblem(response, 503, "mfa-unavailable");
        assertThat(fx.verified()).isFalse();
        assertThat(fx.session().pending(fx.clock.instant())).isEqualTo(fx.pending);
        assertThat(fx.events).noneMatch(MfaEvent.FactorVerified.class::isInstance);
    }

    @Test
    void anotherUserSignedIntoTheSameSessionSeesNothingOfTheFirst() throws Exception {
        fx.send(fx.post("/begin", "{\"factor\":\"totp\"}"));
        FakeHttp.Request asBob = ApiFixture.request("bob", fx.browser, "GET", "/status")
                .header("Sec-Fetch-Site", "same-origin");

        JsonObject status = json(fx.send(asBob));

        assertThat(status.isNull("pending")).isTrue();
        assertThat(status.getJsonArray("verified")).isEmpty();
        assertThat(status.getJsonArray("enrolled")).isEmpty();
        assertThat(status.getString("csrfToken")).isNotEqualTo(CSRF);
        FakeHttp.Response withAlicesToken = fx.send(ApiFixture.post("bob", fx.browser, CSRF, "/verify",
                "{\"factor\":\"totp\",\"code\":\"" + fx.code() + "\"}"));
        assertProblem(withAlicesToken, 403, "csrf");
        assertThat(fx.session().pending(fx.clock.instant())).as("alice's challenge is gone for good").isNull();
    }
}
