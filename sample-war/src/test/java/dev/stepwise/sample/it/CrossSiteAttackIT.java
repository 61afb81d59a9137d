package dev.stepwise.sample.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Attacks from other sites on the endpoints the library protects: a page on {@code evil.example} makes the
 * victim's browser POST to the bank while the victim is signed in. Whatever the browser tells about the
 * request's origin ({@code Sec-Fetch-Site}, else {@code Origin}, else {@code Referer}), a cross-site POST to a
 * protected endpoint is refused with a 403 before anything else — it neither runs (even with a fresh step-up)
 * nor waits in the session to be replayed after the victim's next challenge.
 *
 * <p>The forged forms even carry the victim's CSRF token (as if it had leaked, or the application had no check
 * of its own): the library's refusal must not depend on the application's token check, so each refusal is
 * also looked for in the audit trail. The deployment allows one partner origin, {@value #PARTNER}; the
 * {@code /it/protected} probe ({@link RoutingProbes}) is an endpoint without any CSRF check of the application.
 */
@ExtendWith(ArquillianExtension.class)
class CrossSiteAttackIT {

    private static final String PARTNER = "https://partner.example";
    private static final String EVIL = "https://evil.example";
    private static final String REFUSED = "cross-site-refused";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return SampleDeployment.withTestRig("stepwise.mfa.allowed-origins", PARTNER).addClass(RoutingProbes.class);
    }

    @ArquillianResource
    URL base;

    @Test
    void crossSiteTransferIsRefusedEvenWithAFreshStepUp() throws Exception {
        assertTransferRefused(crossSite(EVIL)); // the factor was proven just now: the step-up is fresh
    }

    @Test
    void crossSiteTransferIsNotSavedToBeReplayedAfterTheVictimsNextChallenge() throws Exception {
        String user = TestUsers.withTestCode();
        Visitor victim = new Visitor(base).signInWithTestCode(user);
        victim.advanceClock("PT3M"); // transfers need a factor from the last two minutes

        HttpResponse<String> attack = forge(victim, crossSite(EVIL), "api/transfers", "to", "mallory", "amount", "7");
        assertThat(attack.statusCode()).isEqualTo(403);

        // The victim later confirms a factor for her own reasons: nothing of the attacker's runs.
        HttpResponse<String> passed = victim.answerChallenge(victim.get("mfa/challenge"), TestCodeFactor.ID,
                TestCodeFactor.CODE);
        assertThat(passed.statusCode()).isEqualTo(303);
        assertThat(victim.local(passed.headers().firstValue("Location").orElseThrow())).isNotEqualTo("api/transfers");
        victim.followAll(passed);
        assertThat(victim.get("api/transfers").statusCode()).isEqualTo(405);
        assertNoTransferTo(victim, "mallory");
        assertThat(victim.backstage().audit(user, REFUSED)).hasSize(1);
        assertThat(victim.backstage().audit(user, "challenge-issued")).noneMatch(l -> l.contains("/api/transfers"));
    }

    @Test
    void crossSiteEmailChangeIsRefusedEvenWithAFreshStepUp() throws Exception {
        String user = TestUsers.withTestCode();
        Visitor victim = new Visitor(base).signInWithTestCode(user);

        HttpResponse<String> attack = forge(victim, crossSite(EVIL), "account/email", "email", "mallory@evil.example");

        assertThat(attack.statusCode()).isEqualTo(403);
        assertThat(victim.get("account").body()).contains("Welcome").doesNotContain("mallory@evil.example");
        assertThat(victim.backstage().audit(user, REFUSED)).hasSize(1);
    }

    @Test
    void crossSiteEmailChangeIsNotSavedToBeReplayedAfterTheVictimsNextChallenge() throws Exception {
        Visitor victim = new Visitor(base).signInWithTestCode(TestUsers.withTestCode());
        victim.advanceClock("PT6M");

        HttpResponse<String> attack = forge(victim, crossSite(EVIL), "account/email", "email", "mallory@evil.example");
        assertThat(attack.statusCode()).isEqualTo(403);

        HttpResponse<String> passed = victim.answerChallenge(victim.get("mfa/challenge"), TestCodeFactor.ID,
                TestCodeFactor.CODE);
        assertThat(passed.statusCode()).isEqualTo(303);
        victim.followAll(passed);
        assertThat(victim.get("account").body()).contains("Welcome").doesNotContain("mallory@evil.example");
    }

    @Test
    void crossSiteTransferToldOnlyByOriginIsRefused() throws Exception {
        assertTransferRefused(Map.of("Origin", EVIL));
    }

    @Test
    void transferFromAnOpaqueNullOriginIsRefused() throws Exception {
        // A sandboxed iframe or a data: URL on the attacker's page sends "Origin: null".
        assertTransferRefused(Map.of("Origin", "null"));
    }

    @Test
    void crossSiteTransferToldOnlyByRefererIsRefused() throws Exception {
        assertTransferRefused(Map.of("Referer", EVIL + "/win-a-prize.html"));
    }

    @Test
    void transferFromASiblingSubdomainIsRefused() throws Exception {
        // Same site is not same origin: a sibling host (user content, a forgotten subdomain) is another origin.
        assertTransferRefused(Map.of("Sec-Fetch-Site", "same-site", "Origin", "https://uploads.bank.example"));
    }

    @Test
    void crossSiteScriptGetsAProblemDocument() throws Exception {
        Visitor victim = new Visitor(base).signInWithTestCode(TestUsers.withTestCode());
        victim.advanceClock("PT3M");

        HttpResponse<String> attack = forge(victim, Map.of("Sec-Fetch-Site", "cross-site", "Origin", EVIL,
                "Accept", "application/json"), "api/transfers", "to", "mallory", "amount", "7");

        assertThat(attack.statusCode()).isEqualTo(403);
        assertThat(attack.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(attack.body().replace(" ", "")).contains("\"status\":403")
                .contains("\"error\":\"cross_site_request\"");
        assertNoTransferTo(victim, "mallory");
    }

    @Test
    void crossSitePostToAPatternProtectedPathIsRefused() throws Exception {
        // /statements/* is protected by the sample's stepwise.mfa.protect pattern, not by an annotation.
        Visitor victim = new Visitor(base).signInWithTestCode(TestUsers.withTestCode());

        HttpResponse<String> attack = forge(victim, crossSite(EVIL), "statements/2026", "format", "pdf");

        assertThat(attack.statusCode()).isEqualTo(403);
    }

    @Test
    void crossSitePostToAnEndpointWithoutTheApplicationsOwnCheckIsRefused() throws Exception {
        Visitor victim = new Visitor(base).signInWithTestCode(TestUsers.withTestCode());

        HttpResponse<String> attack = victim.postWith(crossSite(EVIL), "it/protected", "confirm", "yes");

        assertThat(attack.statusCode()).isEqualTo(403);
        assertThat(attack.body()).doesNotContain("protected ran");
    }

    @Test
    void postFromTheAllowedPartnerOriginRuns() throws Exception {
        Visitor customer = new Visitor(base).signInWithTestCode(TestUsers.withTestCode());

        HttpResponse<String> partner = customer.postWith(crossSite(PARTNER), "it/protected", "confirm", "yes");

        assertThat(partner.statusCode()).isEqualTo(200);
        assertThat(partner.body()).contains("protected ran");
    }

    @Test
    void sameOriginFormIsStillReplayedAfterTheChallenge() throws Exception {
        Visitor customer = new Visitor(base).signInWithTestCode(TestUsers.withTestCode());
        customer.advanceClock("PT3M");

        HttpResponse<String> submit = forge(customer, Map.of("Sec-Fetch-Site", "same-origin",
                "Origin", customer.origin()), "api/transfers", "to", "carol", "amount", "4");
        assertThat(submit.statusCode()).isEqualTo(303);
        HttpResponse<String> passed = customer.answerChallenge(customer.follow(submit), TestCodeFactor.ID,
                TestCodeFactor.CODE);

        HttpResponse<String> replayed = customer.follow(passed);
        assertThat(replayed.statusCode()).isEqualTo(200);
        assertThat(replayed.body()).contains("\"to\":\"carol\"");
        assertThat(customer.get("account").body()).containsOnlyOnce("4 to carol");
    }

    @Test
    void sampleSessionCookieIsNotSentWithCrossSitePosts() throws Exception {
        // SameSite=Lax: the browser keeps the session cookie off POSTs that other sites make it send.
        String user = TestUsers.withoutFactor();
        Visitor customer = new Visitor(base);
        List<String> cookies = new ArrayList<>(customer.get("login").headers().allValues("Set-Cookie"));
        cookies.addAll(customer.signIn(user, TestUsers.password(user)).headers().allValues("Set-Cookie"));

        assertThat(cookies).filteredOn(c -> c.startsWith("JSESSIONID=")).isNotEmpty()
                .allSatisfy(c -> assertThat(c).containsIgnoringCase("SameSite=Lax"));
    }

    /** A signed-in victim with a fresh step-up; the transfer with these headers is refused and does not run. */
    private void assertTransferRefused(Map<String, String> headers) throws Exception {
        String user = TestUsers.withTestCode();
        Visitor victim = new Visitor(base).signInWithTestCode(user);

        HttpResponse<String> attack = forge(victim, headers, "api/transfers", "to", "mallory", "amount", "7");

        assertThat(attack.statusCode()).isEqualTo(403);
        assertThat(attack.body()).doesNotContain("mallory");
        assertNoTransferTo(victim, "mallory");
        assertThat(victim.backstage().audit(user, REFUSED)).hasSize(1);
    }

    /** A POST from the victim's browser with these headers, carrying the victim's own CSRF token. */
    private static HttpResponse<String> forge(Visitor victim, Map<String, String> headers, String path,
                                              String... nameValuePairs) throws Exception {
        List<String> form = new ArrayList<>(List.of("stepwise_csrf", victim.sessionToken()));
        form.addAll(List.of(nameValuePairs));
        return victim.postWith(headers, path, form.toArray(String[]::new));
    }

    /** What a browser sends with a form a page on {@code origin} submits to the bank. */
    private static Map<String, String> crossSite(String origin) {
        return Map.of("Sec-Fetch-Site", "cross-site", "Origin", origin, "Referer", origin + "/");
    }

    private static void assertNoTransferTo(Visitor victim, String recipient) throws Exception {
        HttpResponse<String> account = victim.get("account");
        assertThat(account.statusCode()).isEqualTo(200);
        assertThat(account.body()).contains("Welcome").doesNotContain("to " + recipient);
    }
}
