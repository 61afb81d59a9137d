package dev.stepwise.sample.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Attacks on what the library keeps in the session between a challenge and its answer: the request it saved
 * (shown on the challenge page with secrets masked, the user's own, short-lived, replayed once), the session's
 * owner changing in place ({@link SwitchUserServlet}), a confirmation that must cover exactly one payment
 * ({@link PaymentServlet}, {@code @StepUp(maxAge = "PT0S")}), the return target and the session id itself.
 */
@ExtendWith(ArquillianExtension.class)
class SessionAttackIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return SampleDeployment.withTestRig().addClasses(SwitchUserServlet.class, PaymentServlet.class);
    }

    @ArquillianResource
    URL base;

    @Test
    void nextUserOfTheSessionDoesNotInheritThePendingTransfer() throws Exception {
        String next = TestUsers.withTestCode();
        Visitor browser = new Visitor(base);
        transferAskingForAFactor(browser);

        assertThat(browser.switchUser(next).body()).isEqualTo(next);
        HttpResponse<String> challenge = browser.get("mfa/challenge");
        assertThat(challenge.body()).doesNotContain("/api/transfers").doesNotContain("mallory");
        HttpResponse<String> passed = browser.answerChallenge(challenge, TestCodeFactor.ID, TestCodeFactor.CODE);

        assertThat(passed.statusCode()).isEqualTo(303);
        assertThat(browser.local(passed.headers().firstValue("Location").orElseThrow())).isNotEqualTo("api/transfers");
        browser.followAll(passed);
        assertNoTransferToMallory(browser, next);
    }

    @Test
    void nextUserOfTheSessionDoesNotReplayThePreviousUsersConfirmedTransfer() throws Exception {
        String next = TestUsers.withTestCode();
        Visitor browser = new Visitor(base);
        HttpResponse<String> confirmed = browser.answerChallenge(browser.follow(transferAskingForAFactor(browser)),
                TestCodeFactor.ID, TestCodeFactor.CODE);
        assertThat(browser.local(confirmed.headers().firstValue("Location").orElseThrow())).isEqualTo("api/transfers");

        // Before the browser comes back for the replay, the session changes hands; the next user proves a factor.
        assertThat(browser.switchUser(next).body()).isEqualTo(next);
        assertThat(browser.answerChallenge(browser.get("mfa/challenge"), TestCodeFactor.ID, TestCodeFactor.CODE)
                .statusCode()).isEqualTo(303);

        assertThat(browser.get("api/transfers").statusCode()).isEqualTo(405);
        assertNoTransferToMallory(browser, next);
    }

    @Test
    void nextUserOfTheSessionCannotUseThePreviousUsersCsrfToken() throws Exception {
        String first = TestUsers.withTestCode();
        String next = TestUsers.withTestCode();
        Visitor browser = new Visitor(base).signInWithTestCode(first);
        String firstUsersToken = Visitor.csrf(browser.get("mfa/settings"));

        assertThat(browser.switchUser(next).body()).isEqualTo(next);
        browser.get("mfa/challenge");
        HttpResponse<String> forged = browser.post("mfa/challenge", "stepwise_csrf", firstUsersToken,
                "factor", TestCodeFactor.ID, "code", TestCodeFactor.CODE);

        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(browser.get("account").statusCode()).isEqualTo(303);
    }

    @Test
    void challengePageShowsTheSubmissionWithSecretsMasked() throws Exception {
        Visitor user = new Visitor(base).signInWithTestCode(TestUsers.withTestCode());
        user.advanceClock("PT6M");

        HttpResponse<String> challenge = user.follow(user.submitFromAccount("account/password",
                "newPassword", "Tr0ub4dor&3-x", "pin", "8642", "comment", "yearly rotation"));

        String page = bullets(challenge.body());
        assertThat(page).contains("<dl class=\"stepwise-submission\">").contains("POST /account/password")
                .doesNotContain("Tr0ub4dor").doesNotContain("8642");
        assertThat(page).containsPattern(field("newPassword", "••••••")).containsPattern(field("pin", "••••••"))
                .containsPattern(field("comment", "yearly rotation"));
    }

    @Test
    void challengePageShowsRecipientAndAmountEscaped() throws Exception {
        Visitor user = new Visitor(base).signInWithTestCode(TestUsers.withTestCode());
        user.advanceClock("PT3M");

        HttpResponse<String> challenge = user.follow(user.submitFromAccount("api/transfers", "to", "<b>carol</b>",
                "amount", "12.50"));

        assertThat(challenge.body()).contains("POST /api/transfers").doesNotContain("<b>carol")
                .containsPattern(field("to", "&lt;b&gt;carol&lt;/b&gt;")).containsPattern(field("amount", "12.50"));
    }

    @Test
    void savedTransferExpiresWithItsChallenge() throws Exception {
        Visitor user = new Visitor(base).signInWithTestCode(TestUsers.withTestCode());
        user.advanceClock("PT3M");
        assertThat(user.submitFromAccount("api/transfers", "to", "dave", "amount", "3").statusCode()).isEqualTo(303);

        user.advanceClock("PT6M"); // the challenge and its saved request live five minutes
        HttpResponse<String> answered = user.answerChallenge(user.get("mfa/challenge"), TestCodeFactor.ID,
                TestCodeFactor.CODE);

        assertThat(answered.statusCode()).isIn(200, 303);
        user.followAll(answered);
        assertThat(user.get("api/transfers").statusCode()).isEqualTo(405);
        assertThat(user.get("account").body()).contains("Welcome").doesNotContain("to dave");
    }

    @Test
    void racingResumesReplayTheTransferOnce() throws Exception {
        Visitor user = new Visitor(base).signInWithTestCode(TestUsers.withTestCode());
        user.advanceClock("PT3M");
        HttpResponse<String> asked = user.submitFromAccount("api/transfers", "to", "erin", "amount", "4.25");
        HttpResponse<String> passed = user.answerChallenge(user.follow(asked), TestCodeFactor.ID, TestCodeFactor.CODE);
        String target = user.local(passed.headers().firstValue("Location").orElseThrow());
        assertThat(target).isEqualTo("api/transfers");

        List<CompletableFuture<HttpResponse<String>>> racing = IntStream.range(0, 12)
                .mapToObj(i -> user.getAsync(target)).toList();
        List<Integer> statuses = racing.stream().map(f -> f.join().statusCode()).toList();

        assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
        assertThat(user.get("account").body()).containsOnlyOnce("4.25 to erin");
    }

    @Test
    void zeroMaxAgeConfirmationCoversOnlyThePaymentItShowed() throws Exception {
        Visitor payer = new Visitor(base).signInWithTestCode(TestUsers.withTestCode());
        HttpResponse<String> shown = payer.follow(payer.post("it/pay", "to", "carol", "amount", "5"));
        assertThat(shown.body()).contains("/it/pay");

        // Before the user confirms what the page shows, another payment takes the place of the saved one.
        assertThat(payer.post("it/pay", "to", "mallory", "amount", "500").statusCode()).isEqualTo(303);
        payer.followAll(payer.answerChallenge(shown, TestCodeFactor.ID, TestCodeFactor.CODE));
        assertThat(payer.get("it/pay").body()).doesNotContain("to mallory");

        // A payment confirmed on its own page runs, once.
        assertThat(confirmPayment(payer, "dave", "7").body()).contains("paid 7 to dave");
        assertThat(payer.get("it/pay").body()).containsOnlyOnce("paid 7 to dave").doesNotContain("to mallory");
    }

    @Test
    void zeroMaxAgeConfirmationDoesNotCoverTheNextPayment() throws Exception {
        Visitor payer = new Visitor(base).signInWithTestCode(TestUsers.withTestCode());
        assertThat(confirmPayment(payer, "carol", "5").body()).contains("paid 5 to carol");

        HttpResponse<String> next = payer.post("it/pay", "to", "mallory", "amount", "600");

        assertThat(next.statusCode()).isEqualTo(303);
        assertThat(payer.get("it/pay").body()).containsOnlyOnce("paid 5 to carol").doesNotContain("to mallory");
    }

    @Test
    void returnTargetCannotLeadToAnotherSite() throws Exception {
        for (String referer : List.of("https://evil.example/bank/account", "//evil.example/bank/account",
                new Visitor(base).origin() + "@evil.example/bank/")) {
            String user = TestUsers.withTestCode();
            Visitor script = new Visitor(base);
            script.signIn(user, TestUsers.password(user));
            HttpResponse<String> refused = script.getWith(Map.of("Accept", "application/json", "Referer", referer),
                    "account");
            assertThat(refused.statusCode()).as(referer).isEqualTo(401);

            HttpResponse<String> passed = script.answerChallenge(script.get("mfa/challenge"), TestCodeFactor.ID,
                    TestCodeFactor.CODE);

            URI next = URI.create(base.toString()).resolve(passed.headers().firstValue("Location").orElseThrow());
            assertThat(next.getHost()).as(referer).isEqualTo(base.getHost());
            assertThat(next.getPort()).as(referer).isEqualTo(base.getPort());
            assertThat(next.getRawPath()).as(referer).startsWith(SampleDeployment.CONTEXT_ROOT + "/");
        }
    }

    @Test
    void sessionIdFixedBeforeSignInIsUselessAfterTheFactor() throws Exception {
        Visitor attacker = new Visitor(base);
        attacker.get("login");
        String planted = attacker.sessionId();
        assertThat(planted).as("the login page gives the attacker a session").isNotNull();

        String user = TestUsers.withTestCode();
        Visitor victim = new Visitor(base).withSessionId(planted);
        HttpResponse<String> challenge = victim.signInToChallenge(user);
        String beforeFactor = victim.sessionId();
        assertThat(victim.answerChallenge(challenge, TestCodeFactor.ID, TestCodeFactor.CODE).statusCode())
                .isEqualTo(303);

        assertThat(victim.sessionId()).isNotEqualTo(planted).isNotEqualTo(beforeFactor);
        assertThat(victim.get("account").statusCode()).isEqualTo(200);
        HttpResponse<String> attackersView = attacker.get("account");
        assertThat(attackersView.statusCode()).isNotEqualTo(200);
        assertThat(attackersView.body()).doesNotContain(user);
    }

    /** A fresh user signs in on {@code browser} and, three minutes later, sends mallory 9: the step-up asks. */
    private static HttpResponse<String> transferAskingForAFactor(Visitor browser) throws Exception {
        browser.signInWithTestCode(TestUsers.withTestCode());
        browser.advanceClock("PT3M");
        HttpResponse<String> asked = browser.submitFromAccount("api/transfers", "to", "mallory", "amount", "9");
        assertThat(asked.statusCode()).isEqualTo(303);
        return asked;
    }

    private static void assertNoTransferToMallory(Visitor browser, String user) throws Exception {
        assertThat(browser.get("account").body()).contains("Welcome, <span id=\"user\">" + user)
                .doesNotContain("to mallory");
    }

    /** Pays and confirms the payment on the challenge page: the replayed payment's answer. */
    private static HttpResponse<String> confirmPayment(Visitor payer, String to, String amount) throws Exception {
        HttpResponse<String> asked = payer.post("it/pay", "to", to, "amount", amount);
        assertThat(asked.statusCode()).as("a PT0S payment always asks").isEqualTo(303);
        return payer.followAll(payer.answerChallenge(payer.follow(asked), TestCodeFactor.ID, TestCodeFactor.CODE));
    }

    /** A {@code <dt>name</dt><dd>value</dd>} pair of the submission list, whitespace allowed around both. */
    private static String field(String name, String value) {
        return "<dt>\\s*" + java.util.regex.Pattern.quote(name) + "\\s*</dt>\\s*<dd>\\s*"
                + java.util.regex.Pattern.quote(value) + "\\s*</dd>";
    }

    /** The page with the bullet written as a character reference turned into the character. */
    private static String bullets(String html) {
        return html.replace("&bull;", "•").replace("&#8226;", "•").replace("&#x2022;", "•");
    }
}
