package dev.stepwise.sample.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;
import java.net.http.HttpResponse;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Trust this device" and per-account lockout on a real Payara Micro with the store on its default H2
 * datasource. alice trusts her browser; admin's account is attacked from many sessions.
 *
 * <p>alice and admin are fresh {@link TestUsers} accounts with {@link TestCodeFactor} in each test; a test that
 * needs a trusted browser gets one first ({@link #trustedCookieOf}), so each test runs alone or in any order.
 */
@ExtendWith(ArquillianExtension.class)
class TrustAndLockoutIT {

    private static final String TRUST = Visitor.TRUST_COOKIE;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return StepUpJourneyIT.deployment();
    }

    @ArquillianResource
    URL base;

    @Test
    void aliceTrustsHerBrowserAndIsNotAskedAtTheNextLogin() throws Exception {
        String name = TestUsers.withTestCode();
        Visitor alice = new Visitor(base);
        alice.signIn(name);
        HttpResponse<String> challenge = alice.follow(alice.get("account"));

        // 1. The login challenge offers to trust this browser for the configured 14 days.
        assertThat(challenge.body()).contains("Trust this device for 14 days");

        // 2. She ticks it: the cookie is HttpOnly, SameSite=Lax, Path=/, and lasts exactly the configured time.
        HttpResponse<String> passed = alice.post("mfa/challenge", "stepwise_csrf", Visitor.csrf(challenge),
                "factor", TestCodeFactor.ID, "code", TestCodeFactor.CODE, "trust", "on");
        assertThat(passed.statusCode()).isEqualTo(303);
        String setCookie = passed.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith(TRUST + "=")).findFirst().orElseThrow();
        assertThat(setCookie).contains("Max-Age=1209600").contains("Path=/").contains("HttpOnly")
                .contains("SameSite=Lax");
        String aliceTrustCookie = setCookie.substring((TRUST + "=").length(), setCookie.indexOf(';'));

        // 3. She signs out and in again in the same browser: no challenge.
        Visitor sameBrowser = new Visitor(base).withCookie(TRUST, aliceTrustCookie);
        sameBrowser.signIn(name);
        HttpResponse<String> account = sameBrowser.get("account");
        assertThat(account.statusCode()).isEqualTo(200);

        // 4. Changing her password still asks for a factor: a remembered browser is not a fresh proof.
        HttpResponse<String> change = sameBrowser.submit(account, "account/password", "newPassword", "alice-password");
        assertThat(change.statusCode()).isEqualTo(303);
        HttpResponse<String> stepUp = sameBrowser.follow(change);
        assertThat(stepUp.body()).contains("Confirm it&#039;s you to change your password.")
                .doesNotContain("Trust this device");

        // 5. Her settings list the trusted browser.
        assertThat(sameBrowser.get("mfa/settings").body()).contains("Trusted devices").contains("Stop trusting");
    }

    @Test
    void changingThePasswordEndsTheTrust() throws Exception {
        String name = TestUsers.withTestCode();
        String aliceTrustCookie = trustedCookieOf(name);
        Visitor alice = new Visitor(base).withCookie(TRUST, aliceTrustCookie);
        alice.signIn(name);
        HttpResponse<String> account = alice.get("account");
        assertThat(account.statusCode()).isEqualTo(200); // still trusted

        // She changes her password (after the step-up); the sample revokes her trusted devices.
        HttpResponse<String> passed = alice.answerChallenge(alice.follow(alice.submit(account, "account/password",
                "newPassword", "alice-password-2")), TestCodeFactor.ID, TestCodeFactor.CODE);
        assertThat(alice.follow(passed).body()).contains("Your password was changed.");

        // The same browser is challenged at the next sign-in, and the dead cookie is cleared. (A test user's
        // password is the same after the change: only the sample's own users have a stored one.)
        Visitor next = new Visitor(base).withCookie(TRUST, aliceTrustCookie);
        next.signIn(name);
        HttpResponse<String> asked = next.get("account");
        assertThat(asked.statusCode()).isEqualTo(303);
        assertThat(asked.headers().allValues("Set-Cookie")).anyMatch(c -> c.startsWith(TRUST + "=;"));
    }

    @Test
    void forgedTamperedAndBorrowedCookiesAreRefusedAndCleared() throws Exception {
        String name = TestUsers.withTestCode();
        String aliceTrustCookie = trustedCookieOf(name);
        String[] parts = aliceTrustCookie.split("\\.");
        String forged = parts[0] + "." + "A".repeat(parts[1].length());
        char flip = parts[0].charAt(5) == 'A' ? 'B' : 'A';
        String tampered = parts[0].substring(0, 5) + flip + parts[0].substring(6) + "." + parts[1];
        for (String bad : List.of(forged, tampered, "garbage", "x".repeat(3000))) {
            Visitor v = new Visitor(base).withCookie(TRUST, bad);
            v.signIn(name);
            HttpResponse<String> account = v.get("account");
            assertThat(account.statusCode()).as(bad.length() > 40 ? bad.substring(0, 40) : bad).isEqualTo(303);
            assertThat(account.headers().allValues("Set-Cookie")).anyMatch(c -> c.startsWith(TRUST + "=;")
                    && c.contains("Max-Age=0"));
        }

        // alice's genuine (still valid) cookie in admin's browser does not spare admin the challenge.
        Visitor admin = new Visitor(base).withCookie(TRUST, aliceTrustCookie);
        admin.signIn(TestUsers.admin());
        assertThat(admin.get("account").statusCode()).isEqualTo(303);
    }

    @Test
    void elevenWrongCodesFromElevenSessionsLockTheAccountUntilTheLockoutEnds() throws Exception {
        String name = TestUsers.admin();
        // 1. An attacker who knows admin's password tries codes, a new session each time; delays are waited out.
        HttpResponse<String> last = null;
        for (int attempt = 1; attempt <= 11; attempt++) {
            Visitor attacker = new Visitor(base);
            attacker.signIn(name);
            HttpResponse<String> challenge = attacker.follow(attacker.get("account"));
            last = attacker.answerChallenge(challenge, TestCodeFactor.ID, String.format("%06d", attempt));
            attacker.advanceClock("PT5M");
            assertThat(last.body()).doesNotContain("Welcome");
        }
        assertThat(last.statusCode()).isEqualTo(429);
        assertThat(last.body()).contains("Your account is temporarily locked");

        // 2. Even the right code is refused while the lockout lasts ...
        Visitor owner = new Visitor(base);
        owner.signIn(name);
        HttpResponse<String> refused = owner.answerChallenge(owner.follow(owner.get("account")), TestCodeFactor.ID,
                TestCodeFactor.CODE);
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        assertThat(refused.body()).contains("Your account is temporarily locked").doesNotContain("Welcome");

        // 3. ... and accepted once it is over (the challenge of step 2 has expired by then: a new one is asked).
        owner.advanceClock("PT16M");
        HttpResponse<String> passed = owner.answerChallenge(owner.follow(owner.get("account")), TestCodeFactor.ID,
                TestCodeFactor.CODE);
        assertThat(passed.statusCode()).isEqualTo(303);
        assertThat(owner.follow(passed).body()).contains(PageParts.welcome(name));
    }

    @Test
    void aTrustBoxTickedOnAStepUpIsIgnored() throws Exception {
        String name = TestUsers.withTestCode();
        Visitor alice = new Visitor(base);
        alice.signIn(name);
        HttpResponse<String> login = alice.follow(alice.get("account"));
        HttpResponse<String> account = alice.follow(alice.answerChallenge(login, TestCodeFactor.ID,
                TestCodeFactor.CODE));
        assertThat(account.body()).contains(PageParts.welcome(name));

        // 1. Six minutes later changing her email asks for a fresh factor; that page offers no trust checkbox ...
        alice.advanceClock("PT6M");
        HttpResponse<String> change = alice.submit(login, "account/email", "email", "alice@trust.example");
        assertThat(change.statusCode()).isEqualTo(303);
        HttpResponse<String> stepUp = alice.follow(change);
        assertThat(stepUp.body()).contains("Confirm it&#039;s you to change your email address.")
                .doesNotContain("Trust this device");

        // 2. ... and a form that sends trust=on anyway gets no trust cookie: the server decides from the challenge
        //    it issued, not from the form.
        HttpResponse<String> passed = alice.post("mfa/challenge", "stepwise_csrf", Visitor.csrf(stepUp),
                "factor", TestCodeFactor.ID, "code", TestCodeFactor.CODE, "trust", "on");
        assertThat(passed.statusCode()).isEqualTo(303);
        assertThat(passed.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith(TRUST + "="));
        assertThat(alice.follow(alice.follow(passed)).body()).contains("alice@trust.example");
    }

    /** Signs {@code user} in on a new browser, ticking "trust this device": the cookie that browser got. */
    private String trustedCookieOf(String user) throws Exception {
        return new Visitor(base).signInTrustingThisDevice(user);
    }
}
