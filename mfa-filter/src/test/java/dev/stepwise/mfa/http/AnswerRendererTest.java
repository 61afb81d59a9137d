package dev.stepwise.mfa.http;

import dev.stepwise.mfa.core.Decision;
import dev.stepwise.mfa.core.Decision.ChallengeRequired;
import dev.stepwise.mfa.core.Decision.Denied;
import dev.stepwise.mfa.core.Requirement;
import dev.stepwise.mfa.core.net.ClientAddress;
import dev.stepwise.mfa.web.FakeHttp;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.entry;

class AnswerRendererTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    private final AnswerRenderer renderer = new AnswerRenderer("/mfa");

    private static RequestFacts browser() {
        return RequestFacts.of(new FakeHttp.Request("alice", null).asHttpServletRequest(), ClientAddress.parse(""),
                Set.of());
    }

    private static RequestFacts script() {
        return RequestFacts.of(new FakeHttp.Request("alice", null).header("Accept", "application/json")
                .asHttpServletRequest(), ClientAddress.parse(""), Set.of());
    }

    private static ChallengeRequired stepUp(Duration maxAge) {
        return new ChallengeRequired(List.of("totp", "webauthn"), ChallengeRequired.Why.MISSING,
                Requirement.stepUp(maxAge));
    }

    @Test
    void aBrowserIsSentToTheChallengePage() {
        MfaAnswer answer = renderer.render(stepUp(Duration.ofMinutes(5)), browser(), NOW);

        assertThat(answer.status()).isEqualTo(303);
        assertThat(answer.location()).isEqualTo("/bank/mfa/challenge");
        assertThat(answer.body()).isNull();
        assertThat(answer.wwwAuthenticate()).isNull();
    }

    private static RequestFacts defaultFetch() {
        return RequestFacts.of(new FakeHttp.Request("alice", null).header("Accept", "*/*")
                .header("Sec-Fetch-Mode", "cors").header("Sec-Fetch-Dest", "empty").asHttpServletRequest(),
                ClientAddress.parse(""), Set.of());
    }

    @Test
    void aScriptGets401WithRfc9470ChallengeAndProblemDetails() {
        MfaAnswer answer = renderer.render(stepUp(Duration.ofMinutes(5)), script(), NOW);

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.wwwAuthenticate()).isEqualTo("Bearer error=\"insufficient_user_authentication\", "
                + "error_description=\"A second factor is required\", acr_values=\"urn:stepwise:mfa\", max_age=300");
        assertThat(answer.contentType()).isEqualTo("application/problem+json");
        assertThat(answer.body()).isEqualTo("{\"type\":\"urn:stepwise:problem:mfa-required\","
                + "\"title\":\"Second factor required\",\"status\":401,"
                + "\"detail\":\"Verify a second factor (within the last 300 seconds), then send the request again.\","
                + "\"error\":\"insufficient_user_authentication\",\"why\":\"missing\","
                + "\"factors\":[\"totp\",\"webauthn\"],\"acrValues\":\"urn:stepwise:mfa\","
                + "\"challenge\":\"/bank/mfa/challenge\",\"challengeApi\":\"/bank/mfa/api\","
                + "\"maxAge\":300,\"max_age\":300}");
    }

    @Test
    void aDefaultFetchGetsThe401NotA303() {
        MfaAnswer answer = renderer.render(stepUp(Duration.ofMinutes(5)), defaultFetch(), NOW);

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.location()).isNull();
    }

    @Test
    void namedFactorsAreNamedInAcrValuesAndMaxAgeIsWholeSecondsRoundedDown() {
        ChallengeRequired named = new ChallengeRequired(List.of("webauthn", "totp"), ChallengeRequired.Why.EXPIRED,
                Requirement.stepUp(Duration.ofMillis(90_999)).withFactors(Set.of("totp", "webauthn")));

        MfaAnswer answer = renderer.render(named, script(), NOW);

        assertThat(answer.wwwAuthenticate()).isEqualTo("Bearer error=\"insufficient_user_authentication\", "
                + "error_description=\"A second factor is required\", "
                + "acr_values=\"urn:stepwise:factor:webauthn urn:stepwise:factor:totp\", max_age=90");
        assertThat(answer.body()).contains("\"acrValues\":\"urn:stepwise:factor:webauthn urn:stepwise:factor:totp\"")
                .contains("\"why\":\"expired\"").contains("\"maxAge\":90,\"max_age\":90");
    }

    @Test
    void sessionMfaSendsNoMaxAgeAndThisRequestOnlySendsZero() {
        MfaAnswer session = renderer.render(new ChallengeRequired(List.of("totp"), ChallengeRequired.Why.MISSING,
                Requirement.mfa()), script(), NOW);
        assertThat(session.wwwAuthenticate()).endsWith("acr_values=\"urn:stepwise:mfa\"").doesNotContain("max_age");
        assertThat(session.body()).doesNotContain("maxAge").doesNotContain("max_age");

        MfaAnswer once = renderer.render(stepUp(Duration.ZERO), script(), NOW);
        assertThat(once.wwwAuthenticate()).endsWith(", max_age=0");
        assertThat(once.body()).contains("\"maxAge\":0").contains("a script cannot give");
    }

    @Test
    void enrolmentIsAPageForBrowsersAnd403ForScripts() {
        Decision enrol = new Decision.EnrollmentRequired(List.of("totp"), Requirement.mfa());

        assertThat(renderer.render(enrol, browser(), NOW).location()).isEqualTo("/bank/mfa/enroll");
        MfaAnswer api = renderer.render(enrol, script(), NOW);
        assertThat(api.status()).isEqualTo(403);
        assertThat(api.body()).isEqualTo(
                "{\"error\":\"mfa_enrollment_required\",\"factors\":[\"totp\"],\"enroll\":\"/bank/mfa/enroll\"}");
    }

    @Test
    void aLockedAccountSendsBrowsersToTheChallengePageAndTellsScriptsWhenToRetry() {
        Denied locked = new Denied(Denied.Why.LOCKED_OUT, NOW.plusSeconds(90).plusMillis(1));

        MfaAnswer page = renderer.render(locked, browser(), NOW);
        assertThat(page.status()).isEqualTo(303);
        assertThat(page.location()).isEqualTo("/bank/mfa/challenge");

        MfaAnswer api = renderer.render(locked, script(), NOW);
        assertThat(api.status()).isEqualTo(429);
        assertThat(api.retryAfter()).isEqualTo(91L);
        assertThat(api.contentType()).isEqualTo("application/problem+json");
        assertThat(api.body()).isEqualTo("{\"type\":\"urn:stepwise:problem:mfa-locked-out\","
                + "\"title\":\"Too many attempts\",\"status\":429,"
                + "\"detail\":\"Too many failed attempts: the second factor cannot be tried now.\","
                + "\"error\":\"mfa_locked_out\",\"retryAfter\":91}");
        assertThat(renderer.render(new Denied(Denied.Why.LOCKED_OUT), script(), NOW).retryAfter()).isNull();
    }

    @Test
    void crossSiteIsA403PageOrProblemJson() {
        Denied crossSite = new Denied(Denied.Why.CROSS_SITE);

        MfaAnswer page = renderer.render(crossSite, browser(), NOW);
        assertThat(page.status()).isEqualTo(403);
        assertThat(page.contentType()).isEqualTo("text/html;charset=UTF-8");
        assertThat(page.body()).contains("<title>Request refused</title>");

        MfaAnswer api = renderer.render(crossSite, script(), NOW);
        assertThat(api.status()).isEqualTo(403);
        assertThat(api.contentType()).isEqualTo("application/problem+json");
        assertThat(api.body()).contains("\"error\":\"cross_site_request\"");
    }

    @Test
    void otherDenialsAre403() {
        MfaAnswer page = renderer.render(new Denied(Denied.Why.FACTOR_ON_HOLD), browser(), NOW);
        assertThat(page.status()).isEqualTo(403);
        assertThat(page.body()).contains("Access denied");

        MfaAnswer api = renderer.render(new Denied(Denied.Why.NO_CALLER), script(), NOW);
        assertThat(api.body()).isEqualTo("{\"error\":\"mfa_denied\",\"why\":\"no_caller\"}");
    }

    @Test
    void unavailableIs503() {
        assertThat(AnswerRenderer.unavailable(true).body()).isEqualTo("{\"error\":\"mfa_unavailable\"}");
        assertThat(AnswerRenderer.unavailable(false).status()).isEqualTo(503);
        assertThat(AnswerRenderer.unavailable(false).body()).contains("Temporarily unavailable");
    }

    @Test
    void aGrantIsNotARefusal() {
        assertThatIllegalArgumentException().isThrownBy(() -> renderer.render(
                new Decision.Granted(Decision.Granted.Why.FACTOR_VERIFIED), browser(), NOW));
    }

    @Test
    void theAnswerIsWrittenWithRetryAfterAndNoStore() throws Exception {
        FakeHttp.Response response = new FakeHttp.Response();

        new MfaAnswer(429, null, null, "application/json", "{\"error\":\"mfa_locked_out\"}", 91L)
                .writeTo(response.asHttpServletResponse());

        assertThat(response.status).isEqualTo(429);
        assertThat(response.header("Retry-After")).isEqualTo("91");
        assertThat(response.header("Cache-Control")).isEqualTo("no-store");
        assertThat(response.bodyText()).isEqualTo("{\"error\":\"mfa_locked_out\"}");
    }

    @Test
    void theFilterWritesExactlyTheHeadersTheJaxRsMapperSends() throws Exception {
        MfaAnswer answer = renderer.render(stepUp(Duration.ofMinutes(2)), script(), NOW);
        FakeHttp.Response response = new FakeHttp.Response();

        answer.writeTo(response.asHttpServletResponse());

        assertThat(answer.headers()).containsExactly(entry("Cache-Control", "no-store"),
                entry("WWW-Authenticate", answer.wwwAuthenticate()));
        answer.headers().forEach((name, value) -> assertThat(response.header(name)).isEqualTo(value));
        assertThat(response.contentType).isEqualTo("application/problem+json");
        assertThat(response.bodyText()).isEqualTo(answer.body());
        assertThat(new MfaAnswer(303, "/bank/mfa/challenge", null, null, null).headers())
                .containsExactly(entry("Cache-Control", "no-store"), entry("Location", "/bank/mfa/challenge"));
    }
}
