package dev.stepwise.sample.it;

import dev.stepwise.mfa.factor.push.FakePushService;
import dev.stepwise.mfa.factor.push.PushSubscription;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Push codes end to end on Payara Micro: the user adds a "browser" (a local push service in this JVM that also
 * holds the browser's keys) on the settings page, and the code the server pushes, decrypted with those keys, lets
 * them in once. Local endpoints are allowed only because this deployment asks for them in development mode.
 */
@ExtendWith(ArquillianExtension.class)
class PushCodeIT {

    private static final Pattern CODE = Pattern.compile("\"code\":\"([0-9]{6})\"");
    private static final FakePushService PHONE = start();

    private static FakePushService start() {
        try {
            return new FakePushService();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Deployment(testable = false)
    static WebArchive deployment() {
        JavaArchive config = SampleDeployment.contextParams("stepwise.mfa.factors", "push",
                "stepwise.mfa.push.allow-local-endpoints", "true");
        return SampleDeployment.war().addClasses(TestUsers.class, Visitor.class).addAsLibrary(config);
    }

    @AfterAll
    static void stop() {
        PHONE.close();
    }

    @ArquillianResource
    URL base;

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Test
    void aUserAddsADeviceAndTheCodePushedToItLetsThemInOnce() throws Exception {
        String name = TestUsers.withoutFactor();
        Visitor alice = new Visitor(base);
        alice.signIn(name);

        HttpResponse<String> page = alice.get("mfa/settings/push");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("data-stepwise-push=").contains("/mfa/push.js").doesNotContain("<script>");
        PushSubscription s = PHONE.subscription();
        HttpResponse<String> added = alice.submit(page, "mfa/settings/push", "action", "register", "name", "Phone",
                "endpoint", s.endpoint().toString(), "p256dh", b64(s.p256dh()), "auth", b64(s.auth()));
        assertThat(added.statusCode()).isEqualTo(200);
        assertThat(added.body()).contains("This device was added").contains("Phone");

        Visitor later = new Visitor(base);
        later.signIn(name);
        HttpResponse<String> challenge = later.follow(later.get("account"));
        int before = PHONE.requests.size();
        HttpResponse<String> sent = later.submit(challenge, "mfa/challenge", "factor", "push", "action", "send");
        assertThat(sent.statusCode()).isEqualTo(200);
        assertThat(sent.body()).contains("We sent a code to Phone");
        assertThat(PHONE.requests).hasSize(before + 1);
        FakePushService.Received push = PHONE.requests.get(before);
        assertThat(push.failure()).isNull();
        Matcher m = CODE.matcher(new String(push.payload(), StandardCharsets.UTF_8));
        assertThat(m.find()).isTrue();
        String code = m.group(1);

        HttpResponse<String> passed = later.answerChallenge(sent, "push", code);
        assertThat(passed.statusCode()).isEqualTo(303);
        assertThat(later.follow(passed).body()).contains(PageParts.welcome(name));

        Visitor replay = new Visitor(base);
        replay.signIn(name);
        HttpResponse<String> again = replay.submit(replay.follow(replay.get("account")), "mfa/challenge", "factor",
                "push", "action", "send");
        assertThat(PHONE.requests).hasSize(before + 2);
        assertThat(replay.answerChallenge(again, "push", code).body()).contains("That code didn't work");
    }

    @Test
    void anEndpointOutsideTheLoopbackIsStillCheckedAndABadSubscriptionIsRefused() throws Exception {
        String name = TestUsers.withoutFactor();
        Visitor mallory = new Visitor(base);
        mallory.signIn(name);
        HttpResponse<String> page = mallory.get("mfa/settings/push");
        HttpResponse<String> refused = mallory.submit(page, "mfa/settings/push", "action", "register", "name", "X",
                "endpoint", "http://127.0.0.1:1/push/x", "p256dh", "not-a-key", "auth", "AAAA");
        assertThat(refused.body()).contains("could not be used");
        assertThat(mallory.get("mfa/settings/push").body()).doesNotContain("stepwise-push-devices");
    }
}
