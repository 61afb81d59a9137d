package dev.stepwise.sample.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Attacks on the library's own pages: a GET that an {@code <img>} on any site can trigger must change nothing
 * (no code sent, no secret generated or replaced), every form refuses a POST without the session's token, and a
 * value the user controls (their email address) is escaped where a page shows it. Email codes go to a
 * GreenMail server in the test JVM ({@link TestMail}); as every user has an address, every user has email.
 */
@ExtendWith(ArquillianExtension.class)
class PagesAttackIT {

    private static final TestMail MAIL = new TestMail();

    @Deployment(testable = false)
    static WebArchive deployment() {
        return SampleDeployment.withTestRig(MAIL.contextParams("stepwise.mfa.factors",
                TestCodeFactor.ID + ",totp,webauthn,recovery,email"));
    }

    @AfterAll
    static void stopMail() {
        MAIL.server().stop();
    }

    @ArquillianResource
    URL base;

    @Test
    void gettingTheEmailChallengeSendsNoMail() throws Exception {
        String user = TestUsers.withTestCode();
        Visitor visitor = new Visitor(base);
        visitor.signInToChallenge(user);
        int before = MAIL.count();

        HttpResponse<String> page = visitor.get("mfa/challenge?factor=email");
        visitor.getWith(Map.of("Sec-Fetch-Site", "cross-site", "Sec-Fetch-Dest", "image"),
                "mfa/challenge?factor=email");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(MAIL.count()).isEqualTo(before);
        // The page's own button sends one.
        visitor.post("mfa/challenge", "stepwise_csrf", Visitor.csrf(page), "factor", "email", "action", "send");
        assertThat(MAIL.count()).isEqualTo(before + 1);
        assertThat(MAIL.lastTo(user + "@bank.example")).isNotNull();
    }

    @Test
    void emailAddressWithMarkupIsEscapedOnTheChallenge() throws Exception {
        // '&' is allowed in an address and starts markup in HTML; the masked address keeps the first character.
        String user = TestUsers.withTestCode();
        Visitor owner = new Visitor(base).signInWithTestCode(user);
        assertThat(owner.submitFromAccount("account/email", "email", "&x@bank.example").statusCode()).isEqualTo(302);

        Visitor visitor = new Visitor(base);
        visitor.signInToChallenge(user);
        HttpResponse<String> shown = visitor.get("mfa/challenge?factor=email");
        HttpResponse<String> sent = visitor.post("mfa/challenge", "stepwise_csrf", Visitor.csrf(shown),
                "factor", "email", "action", "send");

        String pages = shown.body() + sent.body();
        assertThat(pages).contains("&amp;***@bank.example").doesNotContain("&***@bank.example");
    }

    @Test
    void gettingTheTotpSetupPageNeitherCreatesNorReplacesTheSecret() throws Exception {
        Visitor visitor = new Visitor(base).signInWithTestCode(TestUsers.withTestCode());

        HttpResponse<String> setup = visitor.get("mfa/settings/totp");
        assertThat(setup.statusCode()).isEqualTo(200);
        assertThat(PageParts.totpSecret(setup)).as("a GET shows the button, not a secret").isEmpty();

        HttpResponse<String> begun = visitor.post("mfa/settings/totp", "stepwise_csrf", Visitor.csrf(setup),
                "action", "begin");
        var secret = PageParts.totpSecret(begun).orElseThrow(() -> new AssertionError(begun.body()));
        visitor.get("mfa/settings/totp"); // an <img> on another site, while the user types the code
        HttpResponse<String> confirmed = visitor.post("mfa/settings/totp", "stepwise_csrf", Visitor.csrf(begun),
                "code", TotpCodes.at(secret, visitor.backstage().serverTime()));

        assertThat(confirmed.body()).contains("Your authenticator app is set up.");
    }

    @Test
    void signOutWithoutTheTokenIsRefused() throws Exception {
        Visitor visitor = new Visitor(base).signInWithTestCode(TestUsers.withTestCode());

        assertThat(visitor.post("mfa/logout").statusCode()).isEqualTo(403);
        assertThat(visitor.post("mfa/logout", "stepwise_csrf", tokenOfAnotherSession()).statusCode()).isEqualTo(403);
        assertThat(visitor.get("account").statusCode()).as("still signed in").isEqualTo(200);
    }

    @Test
    void settingsActionsWithoutTheTokenAreRefused() throws Exception {
        Visitor visitor = new Visitor(base).signInWithTestCode(TestUsers.withTestCode());
        Map<String, Integer> answers = new LinkedHashMap<>();
        for (List<String> form : List.of(List.of("action", "remove", "factor", "recovery"),
                List.of("action", "preferences", "alwaysAsk", "on"), List.of("action", "recovery"),
                List.of("action", "revoke-device", "device", "x"), List.of("action", "revoke-all-devices"))) {
            answers.put(String.join(" ", form), visitor.post("mfa/settings", form.toArray(String[]::new))
                    .statusCode());
        }

        assertThat(answers).allSatisfy((form, status) -> assertThat(status).as(form).isEqualTo(403));
    }

    @Test
    void enrolmentFormsWithoutTheTokenAreRefused() throws Exception {
        Visitor visitor = new Visitor(base).signInWithTestCode(TestUsers.withTestCode());
        visitor.get("mfa/settings/totp");

        assertThat(visitor.post("mfa/settings/totp", "action", "begin").statusCode()).isEqualTo(403);
        assertThat(visitor.post("mfa/settings/totp", "code", "123456").statusCode()).isEqualTo(403);
        assertThat(visitor.post("mfa/settings/webauthn", "credential", "{}", "name", "Blue key").statusCode())
                .isEqualTo(403);
    }

    @Test
    void challengeWithoutTheSessionsTokenIsRefused() throws Exception {
        String user = TestUsers.withTestCode();
        Visitor visitor = new Visitor(base);
        visitor.signInToChallenge(user);

        assertThat(visitor.post("mfa/challenge", "factor", TestCodeFactor.ID, "code", TestCodeFactor.CODE)
                .statusCode()).isEqualTo(403);
        assertThat(visitor.post("mfa/challenge", "stepwise_csrf", tokenOfAnotherSession(), "factor",
                TestCodeFactor.ID, "code", TestCodeFactor.CODE).statusCode()).isEqualTo(403);
        assertThat(visitor.post("mfa/challenge", "factor", "email", "action", "send").statusCode()).isEqualTo(403);
        assertThat(visitor.get("account").statusCode()).as("still not past the challenge").isEqualTo(303);
    }

    @Test
    void pagesSpeakTheBrowsersLanguageAndAnEndedSessionGoesBackToTheStart() throws Exception {
        Visitor visitor = new Visitor(base);
        visitor.signInToChallenge(TestUsers.withTestCode());

        HttpResponse<String> french = visitor.getWith(Map.of("Accept-Language", "fr-FR,fr;q=0.9,en;q=0.5"),
                "mfa/challenge");
        HttpResponse<String> spanish = visitor.getWith(Map.of("Accept-Language", "es"), "mfa/challenge");
        HttpResponse<String> unknown = visitor.getWith(Map.of("Accept-Language", "it"), "mfa/challenge");

        assertThat(french.statusCode()).isEqualTo(200);
        assertThat(french.body()).contains("Confirmez votre identité", "Vérifier");
        assertThat(spanish.body()).contains("Confirme que es usted", "Verificar");
        assertThat(unknown.body()).contains("Confirm it's you", "<html lang=\"en\">"); // the texts' language
        assertThat(french.body()).contains("<html lang=\"fr\">");
        // A form older than the session: a 403 page in the browser's language that opens the page again.
        HttpResponse<String> expired = new Visitor(base).signInWithTestCode(TestUsers.withTestCode())
                .postWith(Map.of("Accept-Language", "fr"), "mfa/challenge", "stepwise_csrf", "stale", "factor", "totp");
        assertThat(expired.statusCode()).isEqualTo(403);
        assertThat(expired.body()).contains("Cette page a expiré", "href=\"" + base.getPath() + "mfa/challenge\"");
        // No signed-in user any more (the session ended): back to the application's start, which its login guards.
        HttpResponse<String> signedOut = new Visitor(base).get("mfa/challenge");
        assertThat(signedOut.statusCode()).isEqualTo(303);
        assertThat(signedOut.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).endsWith(base.getPath()));
    }

    /** A token the attacker got from a page of their own session. */
    private String tokenOfAnotherSession() throws Exception {
        Visitor attacker = new Visitor(base).signInWithTestCode(TestUsers.withTestCode());
        return Visitor.csrf(attacker.get("mfa/settings"));
    }
}
