package dev.stepwise.sample.it;

import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The spine, told as what people do with the sample bank on a real Payara Micro: the login policy, a step-up
 * on a servlet POST, on a JAX-RS resource and on a CDI bean called from a plain servlet — each time the
 * original request continues after the challenge without retyping — the 401 an API client gets, and the
 * paths MFA must not touch. The deployment adds a test-only factor ({@link TestCodeFactor}) and a clock the
 * test can move ({@link TestClock}).
 *
 * <p>Each test stands alone. Most sign in a fresh {@link TestUsers} account; the three that check a stored
 * password (which only the sample's own users have) each own one of them: alice's password change, bob's
 * unchanged password and admin's untouched account in the CSRF test. No other test signs those in.
 */
@ExtendWith(ArquillianExtension.class)
class StepUpJourneyIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        JavaArchive config = SampleDeployment.contextParams("stepwise.mfa.factors", TestCodeFactor.ID);
        return SampleDeployment.war()
                .addClasses(TestCodeFactor.class, TestUsers.class, TestClock.class, TestClockServlet.class,
                        Visitor.class)
                .addAsLibrary(config);
    }

    @ArquillianResource
    URL base;

    @Test
    void aVisitorOnAnUnprotectedPageGetsNoSession() throws Exception {
        Visitor visitor = new Visitor(base);

        HttpResponse<String> home = visitor.get("");

        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.headers().allValues("Set-Cookie")).isEmpty();
    }

    @Test
    void aliceChangesHerPasswordRightAfterSigningInAndIsAskedOnceForHerFactor() throws Exception {
        // alice is the sample's own user (a stored password that changes), signed in by this test only.
        Visitor alice = new Visitor(base);
        // 1. alice signs in with her password only; the bank asks for her factor before any page.
        assertThat(alice.signIn("alice", "alice-password").statusCode()).isEqualTo(302);
        HttpResponse<String> login = alice.follow(alice.get("account"));

        // 2. She submits the change-password form (open in another tab of this session) straight away: she is
        //    sent to the challenge, not through.
        HttpResponse<String> submit = alice.submit(login, "account/password", "newPassword", "correct horse 1");
        assertThat(submit.statusCode()).isEqualTo(303);
        assertThat(submit.headers().firstValue("Location")).hasValueSatisfying(
                l -> assertThat(l).endsWith("/bank/mfa/challenge"));

        // 3. The challenge page says what she is about to do.
        HttpResponse<String> challenge = alice.follow(submit);
        assertThat(challenge.statusCode()).isEqualTo(200);
        assertThat(challenge.body()).contains("POST /account/password").contains("autocomplete=\"one-time-code\"");

        // 4. A wrong code: a clear message, no way through.
        HttpResponse<String> wrong = alice.answerChallenge(challenge, TestCodeFactor.ID, "000000");
        assertThat(wrong.statusCode()).isEqualTo(200);
        assertThat(wrong.body()).contains("That code didn't work");

        // 5. A form without the session's CSRF token is refused.
        HttpResponse<String> forged = alice.post("mfa/challenge", "stepwise_csrf", "forged",
                "factor", TestCodeFactor.ID, "code", TestCodeFactor.CODE);
        assertThat(forged.statusCode()).isEqualTo(403);

        // 6. The right code: the session id rotates, and she goes back to the original request ...
        String before = alice.sessionId();
        HttpResponse<String> passed = alice.answerChallenge(alice.get("mfa/challenge"), TestCodeFactor.ID,
                TestCodeFactor.CODE);
        assertThat(passed.statusCode()).isEqualTo(303);
        assertThat(alice.sessionId()).isNotNull().isNotEqualTo(before);
        assertThat(alice.local(passed.headers().firstValue("Location").orElseThrow())).isEqualTo("account/password");

        // 7. ... which runs as the POST she sent, with the password she typed: she never retypes it.
        HttpResponse<String> done = alice.follow(passed);
        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(done.body()).contains("Your password was changed.");

        // 8. The replay is single-use: loading the page again changes nothing.
        assertThat(alice.get("account/password").body()).doesNotContain("Your password was changed.");

        // 9. The new password works, the old one does not.
        assertThat(new Visitor(base).signIn("alice", "alice-password").headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).contains("error"));
        assertThat(new Visitor(base).signIn("alice", "correct horse 1").headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/bank/account"));
    }

    @Test
    void adminStepsUpAgainOnceTheLastFactorIsOlderThanMaxAge() throws Exception {
        String name = TestUsers.admin();
        Visitor admin = new Visitor(base);
        admin.signIn(name);
        HttpResponse<String> login = admin.get("account");
        assertThat(login.statusCode()).isEqualTo(303);
        HttpResponse<String> back = admin.answerChallenge(admin.follow(login), TestCodeFactor.ID, TestCodeFactor.CODE);
        HttpResponse<String> account = admin.follow(back);
        assertThat(account.body()).contains(PageParts.welcome(name));

        // 1. Within five minutes the password change needs nothing more.
        admin.advanceClock("PT4M");
        assertThat(admin.submit(account, "account/password", "newPassword", "admin-password-2").body())
                .contains("Your password was changed.");

        // 2. Six minutes after the factor, the same action asks again, with the action's own reason.
        admin.advanceClock("PT2M");
        HttpResponse<String> again = admin.submit(account, "account/password", "newPassword", "admin-password-3");
        assertThat(again.statusCode()).isEqualTo(303);
        assertThat(admin.follow(again).body()).contains("Confirm it&#039;s you to change your password.");
    }

    @Test
    void aBrowserTransferThroughJaxRsIsReplayedOnceAfterTheChallenge() throws Exception {
        Visitor admin = new Visitor(base).signInWithTestCode(TestUsers.withTestCode());
        HttpResponse<String> account = admin.get("account");
        admin.advanceClock("PT3M"); // transfers need a factor from the last two minutes

        HttpResponse<String> submit = admin.submit(account, "api/transfers", "to", "carol", "amount", "12.50");
        assertThat(submit.statusCode()).isEqualTo(303);
        HttpResponse<String> challenge = admin.follow(submit);
        assertThat(challenge.body()).contains("Confirm it&#039;s you to send money.").contains("POST /api/transfers");

        HttpResponse<String> passed = admin.answerChallenge(challenge, TestCodeFactor.ID, TestCodeFactor.CODE);
        assertThat(admin.local(passed.headers().firstValue("Location").orElseThrow())).isEqualTo("api/transfers");
        HttpResponse<String> done = admin.follow(passed);
        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(done.body()).contains("\"to\":\"carol\"").contains("\"amount\":12.50");

        // Coming back to the URL does not send the money twice.
        assertThat(admin.get("api/transfers").statusCode()).isEqualTo(405);
        assertThat(admin.get("account").body()).containsOnlyOnce("12.50 to carol");
    }

    @Test
    void anApiClientGetsA401ItCanActOn() throws Exception {
        Visitor admin = new Visitor(base).signInWithTestCode(TestUsers.withTestCode());
        // the page's script sends the session's CSRF token as a header
        Visitor script = admin.withHeader("X-CSRF-Token", Visitor.csrf(admin.get("account"))).asApiClient();
        script.advanceClock("PT3M");

        HttpResponse<String> refused = script.post("api/transfers", "to", "dave", "amount", "1");

        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(h -> assertThat(h)
                .isEqualTo("Bearer error=\"insufficient_user_authentication\", error_description=\"A second factor "
                        + "is required\", acr_values=\"urn:stepwise:mfa\", max_age=120"));
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
                .startsWith("application/problem+json"));
        assertThat(refused.body()).contains("\"type\":\"urn:stepwise:problem:mfa-required\"")
                .contains("\"status\":401").contains("\"factors\":[\"testcode\"]").contains("\"maxAge\":120")
                .contains("\"max_age\":120").contains("\"acrValues\":\"urn:stepwise:mfa\"")
                .contains("\"challenge\":\"" + SampleDeployment.CONTEXT_ROOT + "/mfa/challenge\"")
                .contains("\"why\":\"expired\"");
        assertThat(script.get("account").body()).doesNotContain("1 to dave");
    }

    @Test
    void aDefaultFetchGetsThe401NotARedirectToAPage() throws Exception {
        Visitor admin = new Visitor(base).signInWithTestCode(TestUsers.withTestCode());
        // what a browser's fetch() sends: Accept: */*, and Sec-Fetch headers a page cannot set
        Visitor fetch = admin.withHeader("X-CSRF-Token", Visitor.csrf(admin.get("account")))
                .withHeader("Sec-Fetch-Site", "same-origin").withHeader("Sec-Fetch-Mode", "cors")
                .withHeader("Sec-Fetch-Dest", "empty").asFetch();
        fetch.advanceClock("PT3M");

        HttpResponse<String> refused = fetch.post("api/transfers", "to", "erin", "amount", "1");

        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("Location")).isEmpty();
        assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(h -> assertThat(h)
                .contains("acr_values=\"urn:stepwise:mfa\"").endsWith("max_age=120"));
        assertThat(fetch.get("account").body()).doesNotContain("1 to erin");
    }

    @Test
    void theStepUpOnACdiBeanHoldsWhenAPlainServletCallsIt() throws Exception {
        Visitor admin = new Visitor(base).signInWithTestCode(TestUsers.withTestCode());
        HttpResponse<String> account = admin.get("account");
        admin.advanceClock("PT6M");

        HttpResponse<String> submit = admin.submit(account, "account/email", "email", "admin@new.example");
        assertThat(submit.statusCode()).isEqualTo(303);
        HttpResponse<String> challenge = admin.follow(submit);
        assertThat(challenge.body()).contains("Confirm it&#039;s you to change your email address.");
        assertThat(admin.get("account").body()).doesNotContain("admin@new.example");

        HttpResponse<String> passed = admin.answerChallenge(admin.get("mfa/challenge"), TestCodeFactor.ID,
                TestCodeFactor.CODE);
        HttpResponse<String> resumed = admin.follow(passed);
        assertThat(resumed.statusCode()).isEqualTo(302); // the servlet ran and redirected to the account page
        assertThat(admin.follow(resumed).body()).contains("admin@new.example");
    }

    @Test
    void theAdminAreaAsksAdminsButNotOtherUsers() throws Exception {
        // bob has no factor: the login policy (enrolled) lets him in, and the admin page is not his to guard.
        Visitor bob = new Visitor(base);
        bob.signIn(TestUsers.withoutFactor());
        HttpResponse<String> page = bob.get("admin");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("You have no administrative rights.");

        // admin is asked first and then sees the tools.
        Visitor admin = new Visitor(base);
        admin.signIn(TestUsers.admin());
        HttpResponse<String> asked = admin.get("admin");
        assertThat(asked.statusCode()).isEqualTo(303);
        HttpResponse<String> passed = admin.answerChallenge(admin.follow(asked), TestCodeFactor.ID, TestCodeFactor.CODE);
        assertThat(admin.follow(passed).body()).contains("You are an administrator.");
    }

    @Test
    void aUserWithoutAFactorIsSentToEnrolmentForAStepUp() throws Exception {
        // bob is the sample's own user (a stored password, which must stay as it is), signed in by this test only.
        Visitor bob = new Visitor(base);
        bob.signIn("bob", "bob-password");
        HttpResponse<String> account = bob.get("account");
        assertThat(account.statusCode()).as("no factor: signed in without a challenge").isEqualTo(200);

        HttpResponse<String> submit = bob.submit(account, "account/password", "newPassword", "bob-password-2");

        assertThat(submit.statusCode()).isEqualTo(303);
        assertThat(bob.follow(submit).body()).contains("Set up a second factor");
        assertThat(new Visitor(base).signIn("bob", "bob-password").headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/bank/account"));
    }

    @Test
    void theChallengePageWorksInABrowserAndSpeaksGerman() throws Exception {
        String name = TestUsers.admin();
        try (WebClient browser = new WebClient()) {
            browser.addRequestHeader("Accept-Language", "de");
            HtmlPage login = browser.getPage(SampleDeployment.resolve(base, "login").toURL());
            HtmlForm form = login.getHtmlElementById("login");
            form.getInputByName("username").type(name);
            form.getInputByName("password").type(TestUsers.password(name));
            HtmlPage challenge = form.getOneHtmlElementByAttribute("button", "type", "submit").click();

            assertThat(challenge.getTitleText()).isEqualTo("Bestätigen Sie, dass Sie es sind");
            HtmlForm mfa = challenge.getHtmlElementById("stepwise-challenge");
            mfa.getInputByName("code").type(TestCodeFactor.CODE);
            HtmlPage account = mfa.getOneHtmlElementByAttribute("button", "type", "submit").click();

            assertThat(account.getUrl().getPath()).isEqualTo("/bank/account");
            assertThat(account.getHtmlElementById("user").asNormalizedText()).isEqualTo(name);
        }
    }

    @Test
    void theSessionCookieIsSameSiteLax() throws Exception {
        // Another site's forms and images then reach the bank without the session: the first line against
        // cross-site requests, under the CSRF token.
        Visitor bob = new Visitor(base);
        HttpResponse<String> page = bob.get("login");
        HttpResponse<String> in = bob.signIn(TestUsers.withoutFactor());

        List<String> sessionCookies = Stream.of(page, in).flatMap(r -> r.headers().allValues("Set-Cookie").stream())
                .filter(c -> c.startsWith("JSESSIONID=")).toList();
        // attribute values are matched case-insensitively (RFC 6265bis); Payara writes "lax"
        assertThat(sessionCookies).isNotEmpty().allSatisfy(c -> assertThat(c.toLowerCase(java.util.Locale.ROOT))
                .containsOnlyOnce("; samesite=lax").contains("; httponly"));
    }

    @Test
    void theBanksFormsAreRefusedWithoutTheSessionsToken() throws Exception {
        // admin is the sample's own user (a stored password a forged form could change), signed in by this test
        // only: his email is still the sample's default and his password the seeded one.
        Visitor admin = new Visitor(base).signInWithTestCode("admin", "admin-password");
        HttpResponse<String> account = admin.get("account");
        assertThat(account.body()).contains("Welcome, <span id=\"user\">admin</span>");

        // 1. A page on another site can make her browser post any of the bank's forms, but it cannot read the
        //    token: without it, or with a made-up one, each is refused before anything runs.
        List<List<String>> forms = List.of(
                List.of("account/email", "email", "mallory@evil.example"),
                List.of("account/phone", "phone", "+4915100000007"),
                List.of("account/password", "newPassword", "mallory-password"),
                List.of("admin", "user", "alice", "action", "exempt", "reason", "forged"),
                List.of("api/transfers", "to", "mallory", "amount", "7"),
                List.of("logout"));
        for (List<String> form : forms) {
            String path = form.get(0);
            String[] fields = form.subList(1, form.size()).toArray(String[]::new);
            assertThat(admin.post(path, fields).statusCode()).as(path + " without a token").isEqualTo(403);
            List<String> forged = new java.util.ArrayList<>(List.of("stepwise_csrf", "forged"));
            forged.addAll(List.of(fields));
            assertThat(admin.post(path, forged.toArray(String[]::new)).statusCode()).as(path + " with a forged token")
                    .isEqualTo(403);
        }
        assertThat(new Visitor(base).post("login", "username", "admin", "password", "admin-password").statusCode())
                .as("login without a token").isEqualTo(403);

        // 2. Nothing happened: she is still signed in, her email, phone, balance and password are as they were.
        String after = admin.get("account").body();
        assertThat(after).contains("Welcome, <span id=\"user\">admin</span>").doesNotContain("mallory")
                .doesNotContain("+4915100000007").contains("admin@bank.example");
        assertThat(new Visitor(base).signIn("admin", "mallory-password").headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).contains("error"));

        // 3. Her own page's form carries the token and goes through; the page's script sends it as a header.
        assertThat(admin.submit(account, "account/phone", "phone", "+4915112345678").statusCode()).isEqualTo(302);
        Visitor script = admin.withHeader("X-CSRF-Token", Visitor.csrf(account)).asApiClient();
        HttpResponse<String> sent = script.post("api/transfers", "to", "carol", "amount", "1");
        assertThat(sent.statusCode()).isEqualTo(200);
        assertThat(sent.body()).contains("\"to\":\"carol\"");

        // 4. Where a step-up is due, a forged form is still refused outright: it is not saved for her to confirm.
        Visitor later = new Visitor(base).signInWithTestCode("admin", "admin-password");
        later.advanceClock("PT6M");
        assertThat(later.post("account/password", "newPassword", "mallory-password").statusCode()).isEqualTo(403);
        assertThat(later.post("api/transfers", "to", "mallory", "amount", "7").statusCode()).isEqualTo(403);
    }
}
