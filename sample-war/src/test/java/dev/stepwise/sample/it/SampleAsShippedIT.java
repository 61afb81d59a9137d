package dev.stepwise.sample.it;

import dev.stepwise.mfa.factor.totp.TotpSecret;
import dev.stepwise.sample.DemoData;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample exactly as it ships ({@code web.xml} untouched, its own users): what a developer trying it sees. bob
 * signing in from a browser the bank has never seen is asked for his authenticator app, and the challenge page says
 * why (adaptive login); once in, the account page and the library's settings page lead to the devices for push
 * codes, which the sample offers.
 */
@ExtendWith(ArquillianExtension.class)
class SampleAsShippedIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return SampleDeployment.shipped();
    }

    @ArquillianResource
    URL base;

    @Test
    void bobInANewBrowserIsToldWhyHeIsAskedAndFindsThePushDevices() throws Exception {
        Visitor bob = new Visitor(base);
        bob.signIn("bob", "bob-password");
        HttpResponse<String> asked = bob.get("account");
        assertThat(asked.statusCode()).as("a new browser is asked for a factor").isEqualTo(303);
        HttpResponse<String> challenge = bob.follow(asked);
        assertThat(challenge.body()).contains("We do not recognise this device.");

        TotpSecret secret = TotpSecret.fromBase32(DemoData.BOB_TOTP_SECRET.replace(" ", ""));
        HttpResponse<String> passed = bob.answerChallenge(challenge, "totp", TotpCodes.at(secret, Instant.now()));
        assertThat(passed.statusCode()).as("bob's authenticator code lets him in").isEqualTo(303);

        HttpResponse<String> account = bob.get("account");
        assertThat(account.statusCode()).isEqualTo(200);
        assertThat(account.body()).contains("id=\"push-devices\"")
                .contains(SampleDeployment.CONTEXT_ROOT + "/mfa/settings/push");
        HttpResponse<String> settings = bob.get("mfa/settings");
        assertThat(settings.statusCode()).isEqualTo(200);
        assertThat(settings.body()).contains(SampleDeployment.CONTEXT_ROOT + "/mfa/settings/push");
        HttpResponse<String> devices = bob.get("mfa/settings/push");
        assertThat(devices.statusCode()).isEqualTo(200);
        assertThat(devices.body()).contains("data-stepwise-push=");
    }

    @Test
    void theSampleAsShippedSignsAliceInWithoutAFactor() throws Exception {
        Visitor alice = new Visitor(base);
        alice.signIn("alice", "alice-password");
        HttpResponse<String> account = alice.get("account");
        assertThat(account.statusCode()).as("alice has no factor yet: adaptive login lets her in").isEqualTo(200);
        assertThat(account.body()).contains("id=\"push-devices\"");
    }
}
