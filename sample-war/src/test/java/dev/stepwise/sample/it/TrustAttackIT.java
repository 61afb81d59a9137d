package dev.stepwise.sample.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Attacks on "trust this device": a cookie forged, carried to another account or kept after its device was
 * revoked, a revoked device still used in the session it was trusted in, the trust box smuggled into a step-up,
 * and a session whose level a trust cookie raised without a new session id. The sample's
 * {@code /statements/*=mfa} pattern is what a trusted device may open without a code.
 */
@ExtendWith(ArquillianExtension.class)
class TrustAttackIT {

    private static final Pattern DEVICE = Pattern.compile("name=\"device\" value=\"([^\"]+)\"");
    private static final String TRUST = Visitor.TRUST_COOKIE;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return SampleDeployment.withTestRig();
    }

    @ArquillianResource
    URL base;

    @Test
    void revokedDeviceIsRefusedInTheSessionItIsStillSignedInOn() throws Exception {
        String user = TestUsers.withTestCode();
        Visitor device = new Visitor(base).withCookie(TRUST, trustedCookieOf(user));
        device.signIn(user, TestUsers.password(user));
        assertThat(device.get("account").statusCode()).isEqualTo(200);
        assertThat(device.get("statements/2026").statusCode()).as("trusted: no code asked").isEqualTo(200);

        // On another browser the user stops trusting that device.
        Visitor other = new Visitor(base).signInWithTestCode(user);
        HttpResponse<String> settings = other.get("mfa/settings");
        Matcher id = DEVICE.matcher(settings.body());
        assertThat(id.find()).as("the trusted device is listed").isTrue();
        assertThat(other.post("mfa/settings", "stepwise_csrf", Visitor.csrf(settings), "action", "revoke-device",
                "device", id.group(1)).statusCode()).isEqualTo(303);

        assertThat(device.get("statements/2026").statusCode()).isEqualTo(303);
    }

    @Test
    void trustBoxSmuggledIntoAStepUpIsIgnored() throws Exception {
        String user = TestUsers.withTestCode();
        Visitor visitor = new Visitor(base).signInWithTestCode(user);
        visitor.advanceClock("PT3M");
        HttpResponse<String> stepUp = visitor.follow(visitor.submitFromAccount("api/transfers",
                "to", "carol", "amount", "1"));
        assertThat(stepUp.body()).doesNotContain("Trust this device");

        HttpResponse<String> passed = visitor.answerChallenge(stepUp, TestCodeFactor.ID, TestCodeFactor.CODE,
                "trust", "on");

        assertThat(passed.statusCode()).isEqualTo(303);
        assertThat(passed.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith(TRUST + "=")
                && !c.startsWith(TRUST + "=;"));
        assertThat(visitor.cookie(TRUST)).isNull();
        assertThat(visitor.backstage().audit(user, "device-trusted")).isEmpty();
    }

    @Test
    void sessionIdChangesWhenATrustCookieRaisesTheSession() throws Exception {
        String user = TestUsers.withTestCode();
        Visitor device = new Visitor(base).withCookie(TRUST, trustedCookieOf(user));
        device.signIn(user, TestUsers.password(user));
        String signedIn = device.sessionId();
        assertThat(signedIn).isNotNull();

        assertThat(device.get("account").statusCode()).isEqualTo(200); // the cookie is accepted here

        assertThat(device.sessionId()).isNotEqualTo(signedIn);
    }

    @Test
    void forgedTrustCookieIsRefusedAndCleared() throws Exception {
        String user = TestUsers.withTestCode();
        String genuine = trustedCookieOf(user);
        int at = genuine.length() - 5; // inside the signature, away from its last (partly padding) character
        String forged = genuine.substring(0, at) + (genuine.charAt(at) == 'A' ? 'B' : 'A') + genuine.substring(at + 1);

        assertRefused(new Visitor(base).withCookie(TRUST, forged), user);
    }

    @Test
    void trustCookieCarriedToAnotherAccountIsRefused() throws Exception {
        String victim = TestUsers.withTestCode();
        String attackersCookie = trustedCookieOf(TestUsers.withTestCode());

        assertRefused(new Visitor(base).withCookie(TRUST, attackersCookie), victim);
    }

    @Test
    void trustCookieOfARevokedDeviceIsRefused() throws Exception {
        String user = TestUsers.withTestCode();
        String cookie = trustedCookieOf(user);
        Visitor other = new Visitor(base).signInWithTestCode(user);
        HttpResponse<String> settings = other.get("mfa/settings");
        assertThat(other.post("mfa/settings", "stepwise_csrf", Visitor.csrf(settings), "action", "revoke-all-devices")
                .statusCode()).isEqualTo(303);

        assertRefused(new Visitor(base).withCookie(TRUST, cookie), user);
    }

    @Test
    void aClientClaimingHttpsOverPlainHttpGetsThePlainHttpCookie() throws Exception {
        // No trusted proxy here: whoever sends X-Forwarded-Proto or Forwarded is the client itself.
        String user = TestUsers.withTestCode();
        Visitor visitor = new Visitor(base).withHeader("X-Forwarded-Proto", "https")
                .withHeader("Forwarded", "proto=https");
        HttpResponse<String> challenge = visitor.signInToChallenge(user);

        HttpResponse<String> passed = visitor.answerChallenge(challenge, TestCodeFactor.ID, TestCodeFactor.CODE,
                "trust", "on");

        assertThat(passed.statusCode()).isEqualTo(303);
        assertThat(passed.headers().allValues("Set-Cookie"))
                .anyMatch(c -> c.startsWith(TRUST + "=") && !c.contains("Secure"))
                .noneMatch(c -> c.startsWith("__Host-"));
    }

    /** Signs {@code user} in on a new browser, ticking "trust this device": the cookie that browser got. */
    private String trustedCookieOf(String user) throws Exception {
        return new Visitor(base).signInTrustingThisDevice(user);
    }

    private static void assertRefused(Visitor browser, String user) throws Exception {
        browser.signIn(user, TestUsers.password(user));
        HttpResponse<String> account = browser.get("account");
        assertThat(account.statusCode()).isEqualTo(303);
        assertThat(account.headers().allValues("Set-Cookie")).anyMatch(c -> c.startsWith(TRUST + "=;")
                && c.contains("Max-Age=0"));
    }
}
