package dev.stepwise.sample.it;

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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Adaptive MFA and the administrator's controls on a real Payara Micro, with the audit log the sample keeps:
 * a known browser on a known network is not asked, a new one is (and told why), a forged
 * {@code X-Forwarded-For} changes nothing (not even the address recorded), and an administrator exempts a
 * locked-out user for a day — with a fresh factor of their own, a reason, an audit line — without waiving any
 * step-up.
 *
 * <p>admin and alice are fresh {@link TestUsers} accounts in each test (an administrator and a user, both with
 * {@link TestCodeFactor}); the exemption test makes admin's browser known first ({@link #knownDeviceOf}), so each
 * test runs alone or in any order.
 */
@ExtendWith(ArquillianExtension.class)
class AdaptiveAndAdminIT {

    private static final Pattern DEVICE = Pattern.compile(Visitor.DEVICE_COOKIE + "=([A-Za-z0-9_-]+);");

    @Deployment(testable = false)
    static WebArchive deployment() {
        JavaArchive config = SampleDeployment.contextParams("stepwise.mfa.factors", TestCodeFactor.ID,
                "stepwise.mfa.login", "adaptive");
        return SampleDeployment.war()
                .addClasses(TestCodeFactor.class, TestUsers.class, TestClock.class, TestClockServlet.class,
                        Visitor.class, AuditTrailServlet.class)
                .addAsLibrary(config);
    }

    @ArquillianResource
    URL base;

    @Test
    void aNewBrowserIsAskedAndToldWhyAKnownOneIsNot() throws Exception {
        String name = TestUsers.admin();
        // 1. admin's first sign-in from this browser: a device never seen → a challenge that says so.
        Visitor admin = new Visitor(base);
        admin.signIn(name);
        HttpResponse<String> asked = admin.get("account");
        assertThat(asked.statusCode()).isEqualTo(303);
        Matcher m = DEVICE.matcher(String.join("\n", asked.headers().allValues("Set-Cookie")));
        assertThat(m.find()).as("a device-id cookie").isTrue();
        String adminsDevice = m.group(1);
        HttpResponse<String> challenge = admin.follow(asked);
        assertThat(challenge.body()).contains("We do not recognise this device.");
        admin.follow(admin.answerChallenge(challenge, TestCodeFactor.ID, TestCodeFactor.CODE));

        // 2. Next time, same browser, same network: straight in.
        Visitor again = new Visitor(base).withCookie(Visitor.DEVICE_COOKIE, adminsDevice);
        again.signIn(name);
        assertThat(again.get("account").statusCode()).isEqualTo(200);

        // 3. A forged X-Forwarded-For from an untrusted peer is ignored: still the known network, still in, and
        //    the assessment records the peer's address, not the forged one (AdaptiveAttackIT: a trusted proxy's).
        Visitor spoofing = new Visitor(base).withCookie(Visitor.DEVICE_COOKIE, adminsDevice)
                .withHeader("X-Forwarded-For", "203.0.113.9");
        spoofing.signIn(name);
        assertThat(spoofing.get("account").statusCode()).isEqualTo(200);
        List<String> assessed = spoofing.backstage().audit(name, "risk-assessed");
        assertThat(assessed.get(assessed.size() - 1)).contains(" ip=").doesNotContain("203.0.113.9")
                .doesNotContain("new-network");

        // 4. Another browser is asked again.
        Visitor other = new Visitor(base);
        other.signIn(name);
        assertThat(other.get("account").statusCode()).isEqualTo(303);
    }

    @Test
    void anAdministratorExemptsALockedOutUserForADayWithoutWaivingStepUps() throws Exception {
        String adminName = TestUsers.admin();
        String aliceName = TestUsers.withTestCode();
        Visitor admin = new Visitor(base).withCookie(Visitor.DEVICE_COOKIE, knownDeviceOf(adminName));
        admin.signIn(adminName);
        // The known browser spares admin the login challenge, but the admin area itself asks for a factor.
        HttpResponse<String> area = admin.get("admin?user=" + aliceName);
        assertThat(area.statusCode()).isEqualTo(303);
        HttpResponse<String> overview = admin.follow(admin.answerChallenge(admin.follow(area), TestCodeFactor.ID,
                TestCodeFactor.CODE));
        assertThat(overview.body()).contains("Factors: <span id=\"overview-factors\">[testcode]");

        // 1. Without a reason nothing happens.
        HttpResponse<String> noReason = admin.submit(overview, "admin", "user", aliceName, "action", "exempt",
                "reason", " ");
        assertThat(noReason.statusCode()).isEqualTo(400);

        // 2. The admin's own factor is older than five minutes: the action asks for it, then runs.
        admin.advanceClock("PT6M");
        HttpResponse<String> exempt = admin.submit(overview, "admin", "user", aliceName, "action", "exempt",
                "reason", "lost phone, ticket 4711");
        assertThat(exempt.statusCode()).isEqualTo(303);
        HttpResponse<String> challenge = admin.follow(exempt);
        assertThat(challenge.body()).contains("Confirm it&#039;s you to open the administration area.");
        HttpResponse<String> done = admin.follow(admin.answerChallenge(challenge, TestCodeFactor.ID,
                TestCodeFactor.CODE));
        assertThat(done.statusCode()).isEqualTo(302); // the exemption ran; back to the overview
        String page = admin.follow(done).body();
        assertThat(page).doesNotContain("id=\"overview-exemption\">none");
        assertThat(page).contains("event=admin-action user=" + aliceName + " admin=" + adminName
                + " action=exempt reason=&#034;lost phone, ticket 4711&#034;");

        // 3. alice, on a browser never seen, signs in without a second factor ...
        Visitor alice = new Visitor(base);
        alice.signIn(aliceName);
        assertThat(alice.get("account").statusCode()).isEqualTo(200);
        HttpResponse<String> account = alice.get("account");
        assertThat(account.statusCode()).isEqualTo(200);
        // ... but changing her password still needs one.
        assertThat(alice.submit(account, "account/password", "newPassword", "alice-password-2").statusCode())
                .isEqualTo(303);

        // 4. The use of the exemption is audited once for her session, not per request.
        String audit = admin.get("admin").body();
        assertThat(countOf(audit, "event=exemption-used user=" + aliceName)).isEqualTo(1);

        // 5. A day later the exemption is over by itself.
        admin.advanceClock("PT25H");
        Visitor later = new Visitor(base);
        later.signIn(aliceName);
        assertThat(later.get("account").statusCode()).isEqualTo(303);
    }

    /**
     * The device id of a browser {@code user} has signed in from (passing the challenge a new device gets), and
     * that the login policy now knows: signing in from it again asks nothing.
     */
    private String knownDeviceOf(String user) throws Exception {
        Visitor browser = new Visitor(base);
        browser.signIn(user);
        HttpResponse<String> asked = browser.get("account");
        assertThat(asked.statusCode()).as("a new device is asked").isEqualTo(303);
        Matcher m = DEVICE.matcher(String.join("\n", asked.headers().allValues("Set-Cookie")));
        assertThat(m.find()).as("a device-id cookie").isTrue();
        HttpResponse<String> passed = browser.answerChallenge(browser.follow(asked), TestCodeFactor.ID,
                TestCodeFactor.CODE);
        assertThat(passed.statusCode()).as("the challenge passed").isEqualTo(303);
        Visitor again = new Visitor(base).withCookie(Visitor.DEVICE_COOKIE, m.group(1));
        again.signIn(user);
        assertThat(again.get("account").statusCode()).as("the known device is not asked").isEqualTo(200);
        return m.group(1);
    }

    private static int countOf(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
