package dev.stepwise.sample.it;

import dev.stepwise.mfa.factor.totp.TotpSecret;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * alice sets up an authenticator app on the library's settings page and signs in with it, told as what she does.
 * The test computes her codes from the secret the page shows, with otp-java, at the server's (test) clock.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TotpJourneyIT {

    private static final Pattern SECRET = Pattern.compile("id=\"stepwise-secret\">([A-Z2-7 ]+)<");

    /** How far the test moved the server's clock (the deployment is shared by the ordered steps). */
    private static Duration offset = Duration.ZERO;
    private static final Pattern RECOVERY_CODE =
            Pattern.compile("<code>([0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{4})</code>");
    private static TotpSecret alicesSecret;
    private static String confirmationCode;
    private static final java.util.List<String> alicesRecoveryCodes = new java.util.ArrayList<>();

    @Deployment(testable = false)
    static WebArchive deployment() {
        return SampleDeployment.war().addClasses(TestClock.class, TestClockServlet.class, Visitor.class);
    }

    @ArquillianResource
    URL base;

    @Test
    @Order(1)
    void aliceEnrolsAnAuthenticatorAppFromTheQrPage() throws Exception {
        Visitor alice = new Visitor(base);
        // 1. alice has no second factor: signing in asks nothing more.
        alice.signIn("alice", "alice-password");
        assertThat(alice.get("account").statusCode()).isEqualTo(200);

        // 2. His settings list the authenticator app as not set up.
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
        alicesSecret = TotpSecret.fromBase32(m.group(1));

        // 5. Another site making her browser open the set-up page again does not replace the key she scanned.
        assertThat(alice.get("mfa/settings/totp").body()).doesNotContain("stepwise-secret");

        // 6. A wrong code does not activate it.
        HttpResponse<String> wrong = alice.post("mfa/settings/totp", "stepwise_csrf", Visitor.csrf(setup),
                "code", wrongCode(now()));
        assertThat(wrong.body()).contains("That code didn't work");

        // 7. The code her app shows now does, and she is given ten recovery codes, shown this once.
        confirmationCode = code(now());
        HttpResponse<String> confirmed = alice.post("mfa/settings/totp", "stepwise_csrf", Visitor.csrf(setup),
                "code", confirmationCode);
        assertThat(confirmed.statusCode()).isEqualTo(200);
        assertThat(confirmed.body()).contains("Your authenticator app is set up.").contains("shown only this once");
        Matcher codes = RECOVERY_CODE.matcher(confirmed.body());
        while (codes.find()) {
            alicesRecoveryCodes.add(codes.group(1));
        }
        assertThat(alicesRecoveryCodes).hasSize(10).doesNotHaveDuplicates();
        assertThat(alice.get("mfa/settings").body()).contains("10 of 10 codes left");
    }

    @Test
    @Order(2)
    void aliceSignsInWithHisAppAndAReplayedCodeIsRefused() throws Exception {
        Visitor alice = new Visitor(base);
        alice.signIn("alice", "alice-password");

        // 1. Now that she has a factor, the login policy asks for it before any page.
        HttpResponse<String> asked = alice.get("account");
        assertThat(asked.statusCode()).isEqualTo(303);
        HttpResponse<String> challenge = alice.follow(asked);
        assertThat(challenge.body()).contains("Code from your authenticator app");

        // 2. The code she used to confirm the set-up is refused, even while her app may still show it (its
        //    30 seconds, plus the step of drift allowed): each code works once.
        HttpResponse<String> replay = alice.answerChallenge(challenge, "totp", confirmationCode);
        assertThat(replay.statusCode()).isEqualTo(200);
        assertThat(replay.body()).contains("That code didn't work");

        // 3. Half a minute later her app shows a new code, which lets her in where she was going.
        advance(alice, Duration.ofSeconds(30));
        HttpResponse<String> passed = alice.answerChallenge(replay, "totp", code(now()));
        assertThat(passed.statusCode()).isEqualTo(303);
        assertThat(alice.local(passed.headers().firstValue("Location").orElseThrow())).isEqualTo("account");
        assertThat(alice.follow(passed).body()).contains("Welcome, <span id=\"user\">alice</span>");

        // 4. Unicode digits that look like a code are refused like any wrong code.
        Visitor again = new Visitor(base);
        again.signIn("alice", "alice-password");
        advance(again, Duration.ofSeconds(30));
        HttpResponse<String> unicode = again.answerChallenge(again.follow(again.get("account")), "totp",
                TotpCodes.arabicIndic(code(now())));
        assertThat(unicode.body()).contains("That code didn't work");
    }

    @Test
    @Order(3)
    void aliceLostHisPhoneAndEachRecoveryCodeWorksOnce() throws Exception {
        Visitor alice = new Visitor(base);
        alice.signIn("alice", "alice-password");
        HttpResponse<String> challenge = alice.follow(alice.get("account"));

        // 1. The challenge offers her recovery codes as the way out.
        assertThat(challenge.body()).contains("recovery code</a>");
        HttpResponse<String> recoveryPage = alice.get("mfa/challenge?factor=recovery");
        assertThat(recoveryPage.body()).contains("One of your recovery codes").contains("inputmode=\"text\"");

        // 2. The first code lets her in.
        HttpResponse<String> passed = alice.answerChallenge(recoveryPage, "recovery", alicesRecoveryCodes.get(0));
        assertThat(passed.statusCode()).isEqualTo(303);
        assertThat(alice.follow(passed).body()).contains("Welcome, <span id=\"user\">alice</span>");

        // 3. The same code a second time does not.
        Visitor thief = new Visitor(base);
        thief.signIn("alice", "alice-password");
        thief.follow(thief.get("account"));
        HttpResponse<String> reused = thief.answerChallenge(thief.get("mfa/challenge?factor=recovery"), "recovery",
                alicesRecoveryCodes.get(0));
        assertThat(reused.statusCode()).isEqualTo(200);
        assertThat(reused.body()).contains("That code didn't work");

        // 4. Typed in capitals with spaces instead of dashes, the next code still works.
        HttpResponse<String> typed = thief.answerChallenge(reused, "recovery",
                alicesRecoveryCodes.get(1).toUpperCase(java.util.Locale.ROOT).replace('-', ' '));
        assertThat(typed.statusCode()).isEqualTo(303);
        assertThat(thief.get("mfa/settings").body()).contains("8 of 10 codes left");
    }

    @Test
    @Order(4)
    void removingTheAppNeedsAFreshFactor() throws Exception {
        Visitor alice = new Visitor(base);
        alice.signIn("alice", "alice-password");
        advance(alice, Duration.ofSeconds(30));
        alice.answerChallenge(alice.follow(alice.get("account")), "totp", code(now()));

        // 1. Six minutes later, removing the app first asks for a code again ...
        advance(alice, Duration.ofMinutes(6));
        HttpResponse<String> settings = alice.get("mfa/settings");
        HttpResponse<String> remove = alice.post("mfa/settings", "stepwise_csrf", Visitor.csrf(settings),
                "action", "remove", "factor", "totp");
        assertThat(remove.statusCode()).isEqualTo(303);
        HttpResponse<String> challenge = alice.follow(remove);
        assertThat(challenge.body()).contains("Confirm it&#039;s you to change your sign-in methods.");

        // 2. ... and after it, the removal she asked for is carried out.
        HttpResponse<String> passed = alice.answerChallenge(challenge, "totp", code(now()));
        HttpResponse<String> done = alice.follow(alice.follow(passed));
        assertThat(done.body()).contains("The sign-in method was removed.").contains("not set up");
    }

    @Test
    @Order(5)
    void bobSignsInWithTheDemoSecretFromTheReadme() throws Exception {
        Visitor bob = new Visitor(base);
        bob.signIn("bob", "bob-password");
        HttpResponse<String> challenge = bob.follow(bob.get("account"));
        assertThat(challenge.body()).contains("Code from your authenticator app");

        String code = TotpCodes.at(TotpSecret.fromBase32(dev.stepwise.sample.DemoData.BOB_TOTP_SECRET), now());
        HttpResponse<String> passed = bob.answerChallenge(challenge, "totp", code);
        assertThat(passed.statusCode()).isEqualTo(303);
        assertThat(bob.follow(passed).body()).contains("Welcome, <span id=\"user\">bob</span>");
    }

    private static Instant now() {
        return Instant.now().plus(offset);
    }

    private static void advance(Visitor visitor, Duration by) throws Exception {
        visitor.advanceClock(by.toString());
        offset = offset.plus(by);
    }

    private static String code(Instant at) {
        return TotpCodes.at(alicesSecret, at);
    }

    /** A code that is wrong for the whole accepted window (a neighbour step's code could be accepted). */
    private static String wrongCode(Instant at) {
        int candidate = (Integer.parseInt(code(at)) + 500_000) % 1_000_000;
        String wrong = String.format("%06d", candidate);
        for (int step = -1; step <= 1; step++) {
            if (wrong.equals(code(at.plusSeconds(30L * step)))) {
                return wrongCode(at.plusSeconds(1));
            }
        }
        return wrong;
    }
}
