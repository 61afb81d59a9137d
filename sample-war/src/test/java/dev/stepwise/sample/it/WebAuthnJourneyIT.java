package dev.stepwise.sample.it;

import dev.stepwise.mfa.factor.webauthn.EmulatedBrowser;
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
 * alice adds a security key and steps up with it before changing her password. The test client plays the
 * browser with webauthn4j's emulated authenticator: it reads the options the page carries and posts what
 * {@code navigator.credentials.create/get} would return. The relying party is the page's own origin
 * (development mode: no {@code stepwise.mfa.webauthn.rp-id} configured).
 *
 * <p>Each test has its own alice (a fresh {@link TestUsers} account) and her own emulated key; the step-up test
 * adds the key first, so either test runs alone.
 */
@ExtendWith(ArquillianExtension.class)
class WebAuthnJourneyIT {

    private static final Pattern OPTIONS = Pattern.compile("data-options=\"([^\"]*)\"");

    @Deployment(testable = false)
    static WebArchive deployment() {
        return SampleDeployment.war().addClasses(TestUsers.class, Visitor.class, TestClock.class,
                TestClockServlet.class);
    }

    @ArquillianResource
    URL deployed;

    /** The deployment's URL by name: a relying party is a domain, never an IP literal such as 127.0.0.1. */
    private URL base;

    @org.junit.jupiter.api.BeforeEach
    void byName() throws java.net.MalformedURLException {
        base = SampleDeployment.byName(deployed);
    }

    @Test
    void aliceAddsASecurityKey() throws Exception {
        String name = TestUsers.withoutFactor();
        EmulatedBrowser securityKey = new EmulatedBrowser(new Visitor(base).origin());
        Visitor alice = new Visitor(base);
        alice.signIn(name);

        HttpResponse<String> page = alice.get("mfa/settings/webauthn");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("data-stepwise-webauthn=\"create\"").contains("/mfa/webauthn.js");
        String created = securityKey.create(options(page));

        HttpResponse<String> added = alice.post("mfa/settings/webauthn", "stepwise_csrf", Visitor.csrf(page),
                "credential", created, "name", "Blue key");
        assertThat(added.statusCode()).isEqualTo(200);
        assertThat(added.body()).contains("Your security key or passkey is added.").contains("recovery codes");
        assertThat(alice.get("mfa/settings").body()).contains("security key or passkey</strong>:")
                .doesNotContain("id=\"stepwise-add-webauthn\"");
    }

    @Test
    void aliceStepsUpWithHerKeyToChangeHerPasswordAndTheAssertionCannotBeReplayed() throws Exception {
        String name = TestUsers.withoutFactor();
        EmulatedBrowser securityKey = new EmulatedBrowser(new Visitor(base).origin());
        addSecurityKey(name, securityKey);
        Visitor alice = new Visitor(base);
        alice.signIn(name);

        // 1. Signing in now asks for the key (login policy: users who enrolled).
        HttpResponse<String> login = alice.follow(alice.get("account"));
        assertThat(login.body()).contains("data-stepwise-webauthn=\"get\"");
        String assertion = securityKey.get(options(login));
        HttpResponse<String> in = alice.post("mfa/challenge", "stepwise_csrf", Visitor.csrf(login),
                "factor", "webauthn", "credential", assertion);
        assertThat(in.statusCode()).isEqualTo(303);
        HttpResponse<String> account = alice.follow(in);
        assertThat(account.body()).contains(PageParts.welcome(name));

        // 2. The same assertion again (a replay) is refused.
        Visitor attacker = new Visitor(base);
        attacker.signIn(name);
        HttpResponse<String> attackerChallenge = attacker.follow(attacker.get("account"));
        HttpResponse<String> replayed = attacker.post("mfa/challenge", "stepwise_csrf",
                Visitor.csrf(attackerChallenge), "factor", "webauthn", "credential", assertion);
        assertThat(replayed.statusCode()).isEqualTo(200);
        assertThat(replayed.body()).contains("could not be confirmed");

        // 3. Six minutes later, changing the password asks for the key again, and then goes through.
        alice.advanceClock("PT6M");
        HttpResponse<String> change = alice.submit(account, "account/password", "newPassword", name + "-password-2");
        assertThat(change.statusCode()).isEqualTo(303);
        HttpResponse<String> stepUp = alice.follow(change);
        assertThat(stepUp.body()).contains("Confirm it&#039;s you to change your password.");
        HttpResponse<String> passed = alice.post("mfa/challenge", "stepwise_csrf", Visitor.csrf(stepUp),
                "factor", "webauthn", "credential", securityKey.get(options(stepUp)));
        assertThat(passed.statusCode()).isEqualTo(303);
        assertThat(alice.follow(passed).body()).contains("Your password was changed.");
    }

    /** {@code user}, who has no factor yet, signs in and adds {@code key} on the settings page, then leaves. */
    private void addSecurityKey(String user, EmulatedBrowser key) throws Exception {
        Visitor browser = new Visitor(base);
        browser.signIn(user);
        HttpResponse<String> page = browser.get("mfa/settings/webauthn");
        HttpResponse<String> added = browser.post("mfa/settings/webauthn", "stepwise_csrf", Visitor.csrf(page),
                "credential", key.create(options(page)), "name", "Blue key");
        assertThat(added.body()).as("the key was added").contains("Your security key or passkey is added.");
    }

    /** The options JSON the page hands to the script (HTML-escaped inside the attribute). */
    private static String options(HttpResponse<String> page) {
        Matcher m = OPTIONS.matcher(page.body());
        assertThat(m.find()).as("WebAuthn options on the page").isTrue();
        return PageParts.unescape(m.group(1));
    }
}
