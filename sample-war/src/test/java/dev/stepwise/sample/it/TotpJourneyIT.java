package dev.stepwise.sample.it;

import com.bastiaanjansen.otp.TOTPGenerator;
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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * bob sets up an authenticator app on the library's settings page and signs in with it, told as what he does.
 * The test computes his codes from the secret the page shows, with otp-java, at the server's (test) clock.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TotpJourneyIT {

    private static final Pattern SECRET = Pattern.compile("id=\"stepwise-secret\">([A-Z2-7 ]+)<");

    /** How far the test moved the server's clock (the deployment is shared by the ordered steps). */
    private static Duration offset = Duration.ZERO;
    private static final Pattern RECOVERY_CODE =
            Pattern.compile("<code>([0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{4})</code>");
    private static TotpSecret bobsSecret;
    private static final java.util.List<String> bobsRecoveryCodes = new java.util.ArrayList<>();

    @Deployment(testable = false)
    static WebArchive deployment() {
        return SampleDeployment.war().addClasses(TestClock.class, TestClockServlet.class, Visitor.class);
    }

    @ArquillianResource
    URL base;

    @Test
    @Order(1)
    void bobEnrolsAnAuthenticatorAppFromTheQrPage() throws Exception {
        Visitor bob = new Visitor(base);
        // 1. bob has no second factor: signing in asks nothing more.
        bob.signIn("bob", "bob-password");
        assertThat(bob.get("account").statusCode()).isEqualTo(200);

        // 2. His settings list the authenticator app as not set up.
        HttpResponse<String> settings = bob.get("mfa/settings");
        assertThat(settings.statusCode()).isEqualTo(200);
        assertThat(settings.body()).contains("authenticator app</strong>:").contains("not set up");

        // 3. The set-up page shows a QR code (inline SVG) and the key to type by hand.
        HttpResponse<String> setup = bob.get("mfa/settings/totp");
        assertThat(setup.statusCode()).isEqualTo(200);
        assertThat(setup.body()).contains("<svg").contains("otpauth").doesNotContain("<img");
        Matcher m = SECRET.matcher(setup.body());
        assertThat(m.find()).isTrue();
        bobsSecret = TotpSecret.fromBase32(m.group(1));

        // 4. A wrong code does not activate it.
        HttpResponse<String> wrong = bob.post("mfa/settings/totp", "stepwise_csrf", Visitor.csrf(setup),
                "code", wrongCode(now()));
        assertThat(wrong.body()).contains("That code didn't work");

        // 5. The code his app shows now does, and he is given ten recovery codes, shown this once.
        HttpResponse<String> confirmed = bob.post("mfa/settings/totp", "stepwise_csrf", Visitor.csrf(setup),
                "code", code(now()));
        assertThat(confirmed.statusCode()).isEqualTo(200);
        assertThat(confirmed.body()).contains("Your authenticator app is set up.").contains("shown only this once");
        Matcher codes = RECOVERY_CODE.matcher(confirmed.body());
        while (codes.find()) {
            bobsRecoveryCodes.add(codes.group(1));
        }
        assertThat(bobsRecoveryCodes).hasSize(10).doesNotHaveDuplicates();
        assertThat(bob.get("mfa/settings").body()).contains("10 of 10 codes left");
    }

    @Test
    @Order(2)
    void bobSignsInWithHisAppAndAReplayedCodeIsRefused() throws Exception {
        Visitor bob = new Visitor(base);
        bob.signIn("bob", "bob-password");

        // 1. Now that he has a factor, the login policy asks for it before any page.
        HttpResponse<String> asked = bob.get("account");
        assertThat(asked.statusCode()).isEqualTo(303);
        HttpResponse<String> challenge = bob.follow(asked);
        assertThat(challenge.body()).contains("Code from your authenticator app");

        // 2. The code he used to confirm the set-up, still inside its 30 seconds, is refused: each code works once.
        HttpResponse<String> replay = bob.answerChallenge(challenge, "totp", code(now()));
        assertThat(replay.statusCode()).isEqualTo(200);
        assertThat(replay.body()).contains("That code didn't work");

        // 3. Half a minute later his app shows a new code, which lets him in where he was going.
        advance(bob, Duration.ofSeconds(30));
        HttpResponse<String> passed = bob.answerChallenge(replay, "totp", code(now()));
        assertThat(passed.statusCode()).isEqualTo(303);
        assertThat(bob.local(passed.headers().firstValue("Location").orElseThrow())).isEqualTo("account");
        assertThat(bob.follow(passed).body()).contains("Welcome, <span id=\"user\">bob</span>");

        // 4. Unicode digits that look like a code are refused like any wrong code.
        Visitor again = new Visitor(base);
        again.signIn("bob", "bob-password");
        advance(again, Duration.ofSeconds(30));
        HttpResponse<String> unicode = again.answerChallenge(again.follow(again.get("account")), "totp",
                toArabicIndic(code(now())));
        assertThat(unicode.body()).contains("That code didn't work");
    }

    @Test
    @Order(3)
    void bobLostHisPhoneAndEachRecoveryCodeWorksOnce() throws Exception {
        Visitor bob = new Visitor(base);
        bob.signIn("bob", "bob-password");
        HttpResponse<String> challenge = bob.follow(bob.get("account"));

        // 1. The challenge offers his recovery codes as the way out.
        assertThat(challenge.body()).contains("recovery code</a>");
        HttpResponse<String> recoveryPage = bob.get("mfa/challenge?factor=recovery");
        assertThat(recoveryPage.body()).contains("One of your recovery codes").contains("inputmode=\"text\"");

        // 2. The first code lets him in.
        HttpResponse<String> passed = bob.answerChallenge(recoveryPage, "recovery", bobsRecoveryCodes.get(0));
        assertThat(passed.statusCode()).isEqualTo(303);
        assertThat(bob.follow(passed).body()).contains("Welcome, <span id=\"user\">bob</span>");

        // 3. The same code a second time does not.
        Visitor thief = new Visitor(base);
        thief.signIn("bob", "bob-password");
        thief.follow(thief.get("account"));
        HttpResponse<String> reused = thief.answerChallenge(thief.get("mfa/challenge?factor=recovery"), "recovery",
                bobsRecoveryCodes.get(0));
        assertThat(reused.statusCode()).isEqualTo(200);
        assertThat(reused.body()).contains("That code didn't work");

        // 4. Typed in capitals with spaces instead of dashes, the next code still works.
        HttpResponse<String> typed = thief.answerChallenge(reused, "recovery",
                bobsRecoveryCodes.get(1).toUpperCase(java.util.Locale.ROOT).replace('-', ' '));
        assertThat(typed.statusCode()).isEqualTo(303);
        assertThat(thief.get("mfa/settings").body()).contains("8 of 10 codes left");
    }

    @Test
    @Order(4)
    void removingTheAppNeedsAFreshFactor() throws Exception {
        Visitor bob = new Visitor(base);
        bob.signIn("bob", "bob-password");
        advance(bob, Duration.ofSeconds(30));
        bob.answerChallenge(bob.follow(bob.get("account")), "totp", code(now()));

        // 1. Six minutes later, removing the app first asks for a code again ...
        advance(bob, Duration.ofMinutes(6));
        HttpResponse<String> settings = bob.get("mfa/settings");
        HttpResponse<String> remove = bob.post("mfa/settings", "stepwise_csrf", Visitor.csrf(settings),
                "action", "remove", "factor", "totp");
        assertThat(remove.statusCode()).isEqualTo(303);
        HttpResponse<String> challenge = bob.follow(remove);
        assertThat(challenge.body()).contains("Confirm it&#039;s you to change your sign-in methods.");

        // 2. ... and after it, the removal he asked for is carried out.
        HttpResponse<String> passed = bob.answerChallenge(challenge, "totp", code(now()));
        HttpResponse<String> done = bob.follow(bob.follow(passed));
        assertThat(done.body()).contains("The sign-in method was removed.").contains("not set up");
    }

    private static Instant now() {
        return Instant.now().plus(offset);
    }

    private static void advance(Visitor visitor, Duration by) throws Exception {
        visitor.advanceClock(by.toString());
        offset = offset.plus(by);
    }

    private static String code(Instant at) {
        TOTPGenerator totp = new TOTPGenerator.Builder(bobsSecret.base32().getBytes(StandardCharsets.US_ASCII))
                .withHOTPGenerator(b -> b.withPasswordLength(6))
                .withPeriod(Duration.ofSeconds(30))
                .build();
        return totp.at(at);
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

    private static String toArabicIndic(String digits) {
        StringBuilder sb = new StringBuilder();
        digits.chars().forEach(c -> sb.append((char) ('\u0660' + (c - '0'))));
        return sb.toString();
    }
}
