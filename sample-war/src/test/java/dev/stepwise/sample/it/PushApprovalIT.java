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

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Push approval with number matching end to end on Payara Micro ({@code stepwise.mfa.push.prompt=number}): the
 * user adds a "device" (a local push service in this JVM that holds the browser's keys), signs in again and
 * presses "Send notification". The test decrypts the push, and a second HTTP client without the user's cookies
 * plays the device: it opens the link's approval endpoints, and chooses the number scraped from the sign-in page.
 * The first session then continues and is signed in; a replay is refused, and a wrong pick denies.
 */
@ExtendWith(ArquillianExtension.class)
class PushApprovalIT {

    private static final Pattern LINK = Pattern.compile("\"url\":\"(http[^\"#]+)#([A-Za-z0-9_-]{43})\"");
    private static final Pattern NUMBER = Pattern.compile("id=\"stepwise-approval-number\">([0-9]{2})<");
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
                "stepwise.mfa.push.allow-local-endpoints", "true", "stepwise.mfa.push.prompt", "number");
        return SampleDeployment.war().addClasses(TestUsers.class, Visitor.class).addAsLibrary(config);
    }

    @AfterAll
    static void stop() {
        PHONE.close();
    }

    @ArquillianResource
    URL base;

    private final HttpClient device = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** A user with one device, signed in again and at the push challenge: the page after "Send notification". */
    private Visitor withDevice(String name) throws Exception {
        Visitor v = new Visitor(base);
        v.signIn(name);
        HttpResponse<String> page = v.get("mfa/settings/push");
        PushSubscription s = PHONE.subscription();
        HttpResponse<String> added = v.submit(page, "mfa/settings/push", "action", "register", "name", "Phone",
                "endpoint", s.endpoint().toString(), "p256dh", b64(s.p256dh()), "auth", b64(s.auth()));
        assertThat(added.body()).contains("Phone");
        Visitor later = new Visitor(base);
        later.signIn(name);
        return later;
    }

    private HttpResponse<String> send(Visitor v) throws Exception {
        HttpResponse<String> challenge = v.follow(v.get("account"));
        int before = PHONE.requests.size();
        HttpResponse<String> sent = v.submit(challenge, "mfa/challenge", "factor", "push", "action", "send");
        assertThat(sent.statusCode()).isEqualTo(200);
        assertThat(sent.body()).contains("choose this number").contains("stepwise-approval-number");
        assertThat(PHONE.requests).hasSize(before + 1);
        return sent;
    }

    /** The approval link of the last push: [endpoint, token]. */
    private static String[] link() {
        FakePushService.Received push = PHONE.requests.get(PHONE.requests.size() - 1);
        assertThat(push.failure()).isNull();
        String payload = new String(push.payload(), StandardCharsets.UTF_8);
        assertThat(payload).contains("\"type\":\"stepwise-approve\"");
        Matcher m = LINK.matcher(payload);
        assertThat(m.find()).as("the approval link in " + payload.length() + " octets").isTrue();
        return new String[]{m.group(1), m.group(2)};
    }

    private static int number(HttpResponse<String> page) {
        Matcher m = NUMBER.matcher(page.body());
        assertThat(m.find()).as("the number on the sign-in page").isTrue();
        return Integer.parseInt(m.group(1));
    }

    /** The device's JSON POST to the approval endpoint, from the page's own origin, without any cookie. */
    private HttpResponse<String> devicePost(String endpoint, String path, String json) throws Exception {
        URI uri = URI.create(endpoint + path);
        String origin = uri.getScheme() + "://" + uri.getRawAuthority();
        return device.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .header("Origin", origin).POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theDeviceChoosesTheNumberAndTheFirstSessionContinuesOnce() throws Exception {
        String name = TestUsers.withoutFactor();
        Visitor alice = withDevice(name);
        HttpResponse<String> sent = send(alice);
        int number = number(sent);
        String[] link = link();

        HttpResponse<String> page = device.send(HttpRequest.newBuilder(URI.create(link[0])).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("/mfa/push-approve.js").doesNotContain("<script>");
        HttpResponse<String> choices = devicePost(link[0], "/choices", "{\"token\":\"" + link[1] + "\"}");
        assertThat(choices.statusCode()).isEqualTo(200);
        assertThat(choices.body()).contains(Integer.toString(number));
        HttpResponse<String> evil = device.send(HttpRequest.newBuilder(URI.create(link[0] + "/decide"))
                .header("Content-Type", "application/json").header("Origin", "https://evil.example")
                .POST(HttpRequest.BodyPublishers.ofString("{\"token\":\"" + link[1] + "\",\"choice\":" + number
                        + "}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(evil.statusCode()).isEqualTo(403);
        HttpResponse<String> approved = devicePost(link[0], "/decide", "{\"token\":\"" + link[1] + "\",\"choice\":"
                + number + "}");
        assertThat(approved.body()).contains("approved");

        HttpResponse<String> passed = alice.answerChallenge(sent, "push", "");
        assertThat(passed.statusCode()).isEqualTo(303);
        assertThat(alice.follow(passed).body()).contains(PageParts.welcome(name));

        HttpResponse<String> replay = devicePost(link[0], "/decide", "{\"token\":\"" + link[1] + "\",\"choice\":"
                + number + "}");
        assertThat(replay.statusCode()).isEqualTo(409);
        Visitor other = new Visitor(base);
        other.signIn(name);
        HttpResponse<String> otherPage = other.follow(other.get("account"));
        assertThat(other.answerChallenge(otherPage, "push", "").statusCode()).as("another session").isEqualTo(200);
    }

    @Test
    void aWrongPickDeniesAndTheSessionCannotContinue() throws Exception {
        String name = TestUsers.withoutFactor();
        Visitor alice = withDevice(name);
        HttpResponse<String> sent = send(alice);
        int number = number(sent);
        String[] link = link();
        int wrong = number == 99 ? 98 : number + 1;

        HttpResponse<String> denied = devicePost(link[0], "/decide", "{\"token\":\"" + link[1] + "\",\"choice\":"
                + wrong + "}");
        assertThat(denied.body()).contains("denied");

        HttpResponse<String> refused = alice.answerChallenge(sent, "push", "");
        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body()).contains("was not approved");
        assertThat(devicePost(link[0], "/decide", "{\"token\":\"" + link[1] + "\",\"choice\":" + number + "}")
                .statusCode()).isEqualTo(409);
    }
}
