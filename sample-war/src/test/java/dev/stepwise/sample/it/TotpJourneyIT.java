package dev.stepwise.sample.it;

import dev.stepwise.mfa.factor.totp.TotpSecret;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * alice sets up an authenticator app on the library's settings page and signs in with it, told as what she does.
 * The test computes her codes from the secret the page shows, with otp-java, at the server's (test) clock.
 *
 * <p>Each test has its own alice, a fresh {@link TestUsers} account without a factor; a test that needs her app
 * set up sets it up first ({@link #aliceWithHerApp}), so any test runs alone or in any order.
 */
@ExtendWith(ArquillianExtension.class)
class TotpJourneyIT {

    /** The challenge page's link to another method, here the recovery codes. */
    private static final Pattern OTHER_METHOD = Pattern.compile("<a href=\"([^\"]+)\">[^<]*recovery code</a>");

    private static final Pattern SECRET = Pattern.compile("id=\"stepwise-secret\">([A-Z2-7 ]+)<");

    @Deployment(testable = false)
    static WebArchive deployment() {
        return SampleDeployment.war().addClasses(TestUsers.class, TestClock.class, TestClockServlet.class,
                Visitor.class);
    }

    @ArquillianResource
    URL base;

    @Test
    void aliceEnrolsAnAuthenticatorAppFromTheQrPage() throws Exception {
        String name = TestUsers.withoutFactor();
        Visitor alice = new Visitor(base);
        // 1. alice has no second factor: signing in asks nothing more.
        alice.signIn(name);
        assertThat(alice.get("account").statusCode()).isEqualTo(200);

        // 2. Her settings list the authenticator app as not set up.
        HttpResponse<String> settings = alice.get("mfa/settings");
        assertThat(settings.statusCode()).isEqualTo(200);
        assertThat(settings.body()).contains("authenticator app</strong>:").contains("not set up");

        // 3. Opening the set-up page creates nothing: it is a GET, which any other site can make her browser
        //    send (an <img>). It offers a button.
        HttpResponse<String> offer = alice.get("mfa/settings/totp");
        assertThat(offer.statusCode()).isEqualTo(200);
        assertThat(offer.body()).doesNotContain("stepwise-secret").doesNotContain("otpauth")
                .contains("id=\"stepwise-totp-begin\"");

        // 4. She presses it (a POST with the page's token): a QR code (inline SVG) and the key to type by hand.
        HttpResponse<String> setup = alice.submit(offer, "mfa/settings/totp", "action", "begin");
        assertThat(setup.statusCode()).isEqualTo(200);
        assertThat(setup.body()).contains("<svg").contains("otpauth").doesNotContain("<img");
        Matcher m = SECRET.matcher(setup.body());
        assertThat(m.find()).isTrue();
        TotpSecret secret = TotpSecret.fromBase32(m.group(1));

        // 5. Another site making her browser open the set-up page again does not replace the key she scanned.
        assertThat(alice.get("mfa/settings/totp").body()).doesNotContain("stepwise-secret");

        // 6. A wrong code does not activate it.
        HttpResponse<String> wrong = alice.post("mfa/settings/totp", "stepwise_csrf", Visitor.csrf(setup),
                "code", wrongCode(secret, now(alice)));
        assertThat(wrong.body()).contains("That code didn't work");

        // 7. The code her app shows now does, and she is given ten recovery codes, shown this once.
        HttpResponse<String> confirmed = alice.post("mfa/settings/totp", "stepwise_csrf", Visitor.csrf(setup),
                "code", TotpCodes.at(secret, now(alice)));
        assertThat(confirmed.statusCode()).isEqualTo(200);
        assertThat(confirmed.body()).contains("Your authenticator app is set up.").contains("shown only this once");
        assertThat(PageParts.recoveryCodes(confirmed)).hasSize(10).doesNotHaveDuplicates();
        assertThat(alice.get("mfa/settings").body()).contains("10 of 10 codes left");
    }

    @Test
    void aliceSignsInWithHerAppAndAReplayedCodeIsRefused() throws Exception {
        Alice alice = aliceWithHerApp();
        Visitor browser = new Visitor(base);
        browser.signIn(alice.name());

        // 1. Now that she has a factor, the login policy asks for it before any page.
        HttpResponse<String> asked = browser.get("account");
        assertThat(asked.statusCode()).isEqualTo(303);
        HttpResponse<String> challenge = browser.follow(asked);
        assertThat(challenge.body()).contains("Code from your authenticator app");

        // 2. The code she used to confirm the set-up is refused, even while her app may still show it (its
        //    30 seconds, plus the step of drift allowed): each code works once.
        HttpResponse<String> replay = browser.answerChallenge(challenge, "totp", alice.app().confirmationCode());
        assertThat(replay.statusCode()).isEqualTo(200);
        assertThat(replay.body()).contains("That code didn't work");

        // 3. Half a minute later her app shows a new code, which lets her in where she was going.
        browser.advanceClock("PT30S");
        HttpResponse<String> passed = browser.answerChallenge(replay, "totp", alice.codeNow(browser));
        assertThat(passed.statusCode()).isEqualTo(303);
        assertThat(browser.local(passed.headers().firstValue("Location").orElseThrow())).isEqualTo("account");
        assertThat(browser.follow(passed).body()).contains(PageParts.welcome(alice.name()));

        // 4. Unicode digits that look like a code are refused like any wrong code.
        Visitor again = new Visitor(base);
        again.signIn(alice.name());
        again.advanceClock("PT30S");
        HttpResponse<String> unicode = again.answerChallenge(again.follow(again.get("account")), "totp",
                TotpCodes.arabicIndic(alice.codeNow(again)));
        assertThat(unicode.body()).contains("That code didn't work");
    }

    @Test
    void aliceLostHerPhoneAndEachRecoveryCodeWorksOnce() throws Exception {
        Alice alice = aliceWithHerApp();
        List<String> recoveryCodes = alice.app().recoveryCodes();
        assertThat(recoveryCodes).as("the recovery codes shown at set-up").hasSize(10);
        Visitor browser = new Visitor(base);
        browser.signIn(alice.name());
        HttpResponse<String> challenge = browser.follow(browser.get("account"));

        // 1. The challenge offers her recovery codes as the way out.
        Matcher link = OTHER_METHOD.matcher(challenge.body());
        assertThat(link.find()).as("a link to the recovery codes: %s", challenge.body()).isTrue();
        HttpResponse<String> recoveryPage = browser.get(browser.local(link.group(1)));
        assertThat(recoveryPage.statusCode()).as("the link %s", link.group(1)).isEqualTo(200);
        assertThat(recoveryPage.body()).contains("One of your recovery codes").contains("inputmode=\"text\"");

        // 2. The first code lets her in.
        HttpResponse<String> passed = browser.answerChallenge(recoveryPage, "recovery", recoveryCodes.get(0));
        assertThat(passed.statusCode()).isEqualTo(303);
        assertThat(browser.follow(passed).body()).contains(PageParts.welcome(alice.name()));

        // 3. The same code a second time does not.
        Visitor thief = new Visitor(base);
        thief.signIn(alice.name());
        thief.follow(thief.get("account"));
        HttpResponse<String> reused = thief.answerChallenge(thief.get("mfa/challenge?factor=recovery"), "recovery",
                recoveryCodes.get(0));
        assertThat(reused.statusCode()).isEqualTo(200);
        assertThat(reused.body()).contains("That code didn't work");

        // 4. Typed in capitals with spaces instead of dashes, the next code still works.
        HttpResponse<String> typed = thief.answerChallenge(reused, "recovery",
                recoveryCodes.get(1).toUpperCase(Locale.ROOT).replace('-', ' '));
        assertThat(typed.statusCode()).isEqualTo(303);
        assertThat(thief.get("mfa/settings").body()).contains("8 of 10 codes left");
    }

    @Test
    void removingTheAppNeedsAFreshFactor() throws Exception {
        Alice alice = aliceWithHerApp();
        Visitor browser = new Visitor(base);
        browser.signIn(alice.name());
        browser.advanceClock("PT30S"); // past the code that confirmed the set-up
        HttpResponse<String> signedIn = browser.answerChallenge(browser.follow(browser.get("account")), "totp",
                alice.codeNow(browser));
        assertThat(signedIn.statusCode()).as("signed in with her app").isEqualTo(303);

        // 1. Six minutes later, removing the app first asks for a code again ...
        browser.advanceClock("PT6M");
        HttpResponse<String> settings = browser.get("mfa/settings");
        HttpResponse<String> remove = browser.post("mfa/settings", "stepwise_csrf", Visitor.csrf(settings),
                "action", "remove", "factor", "totp");
        assertThat(remove.statusCode()).isEqualTo(303);
        HttpResponse<String> challenge = browser.follow(remove);
        assertThat(challenge.body()).contains("Confirm it&#039;s you to change your sign-in methods.");

        // 2. ... and after it, the removal she asked for is carried out.
        HttpResponse<String> passed = browser.answerChallenge(challenge, "totp", alice.codeNow(browser));
        HttpResponse<String> done = browser.follow(browser.follow(passed));
        assertThat(done.body()).contains("The sign-in method was removed.").contains("not set up");
    }

    @Test
    void bobSignsInWithTheDemoSecretFromTheReadme() throws Exception {
        // bob is the sample's own user, provisioned at start-up; only this test signs him in.
        Visitor bob = new Visitor(base);
        bob.signIn("bob", "bob-password");
        HttpResponse<String> challenge = bob.follow(bob.get("account"));
        assertThat(challenge.body()).contains("Code from your authenticator app");

        String code = TotpCodes.at(TotpSecret.fromBase32(dev.stepwise.sample.DemoData.BOB_TOTP_SECRET), now(bob));
        HttpResponse<String> passed = bob.answerChallenge(challenge, "totp", code);
        assertThat(passed.statusCode()).isEqualTo(303);
        assertThat(bob.follow(passed).body()).contains(PageParts.welcome("bob"));
    }

    /** A fresh alice who has set up her authenticator app (and holds its ten recovery codes), signed out. */
    private Alice aliceWithHerApp() throws Exception {
        String name = TestUsers.withoutFactor();
        Visitor browser = new Visitor(base);
        browser.signIn(name);
        assertThat(browser.get("account").statusCode()).as("no factor yet: nothing asked").isEqualTo(200);
        return new Alice(name, browser.setUpAuthenticatorApp());
    }

    /** A user and the authenticator app she set up. */
    private record Alice(String name, Visitor.AuthenticatorApp app) {

        /** The code her app shows at the server's time now. */
        String codeNow(Visitor visitor) throws Exception {
            return TotpCodes.at(app.secret(), now(visitor));
        }
    }

    private static Instant now(Visitor visitor) throws Exception {
        return visitor.backstage().serverTime();
    }

    /** A code that is wrong for the whole accepted window (a neighbour step's code could be accepted). */
    private static String wrongCode(TotpSecret secret, Instant at) {
        int candidate = (Integer.parseInt(TotpCodes.at(secret, at)) + 500_000) % 1_000_000;
        String wrong = String.format("%06d", candidate);
        for (int step = -1; step <= 1; step++) {
            if (wrong.equals(TotpCodes.at(secret, at.plusSeconds(30L * step)))) {
                return wrongCode(secret, at.plusSeconds(1));
            }
        }
        return wrong;
    }
}
