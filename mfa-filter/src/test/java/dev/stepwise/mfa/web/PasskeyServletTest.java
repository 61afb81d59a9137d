package dev.stepwise.mfa.web;

import dev.stepwise.mfa.event.MfaEvent;
import dev.stepwise.mfa.factor.webauthn.EmulatedBrowser;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.security.enterprise.AuthenticationStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.stepwise.mfa.web.PasskeyFixture.verifyBody;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Passkey sign-in's endpoint ({@code {stepwise.mfa.path}/passkey}) under attack: alice registered a passkey, the
 * visitor is not signed in. A refusal records nothing: no caller, no proof, no {@code PasskeySignIn} event.
 */
class PasskeyServletTest {

    private final PasskeyFixture fx = new PasskeyFixture();

    private static JsonObject json(FakeHttp.Response response) {
        return Json.createReader(new StringReader(response.bodyText())).readObject();
    }

    private static void assertProblem(FakeHttp.Response response, int status, String type) {
        assertThat(response.status).isEqualTo(status);
        assertThat(response.contentType).isEqualTo("application/problem+json");
        assertThat(json(response).getString("type")).isEqualTo("urn:stepwise:problem:" + type);
    }

    private void assertNothingRecorded() {
        assertThat(fx.verified("alice")).isFalse();
        assertThat(fx.events(MfaEvent.PasskeySignIn.class)).isEmpty();
        assertThat(fx.events(MfaEvent.FactorVerified.class)).isEmpty();
    }

    @Test
    void alicesPasskeySignsHerInWithoutASecondChallenge() throws Exception {
        int renewals = fx.browser.renewals;

        FakeHttp.Response response = fx.send(fx.post("/verify", verifyBody(fx.alicesAssertion())));

        assertThat(response.status).isEqualTo(303);
        assertThat(response.header("Location")).isEqualTo("/bank/");
        assertThat(fx.authentications).singleElement().satisfies(p -> {
            assertThat(p.isNewAuthentication()).isTrue();
            assertThat(((PasskeyCredential) p.getCredential()).caller()).isEqualTo("alice");
        });
        assertThat(fx.verified("alice")).isTrue();
        assertThat(fx.browser.renewals).as("a new session id").isEqualTo(renewals + 1);
        assertThat(fx.events(MfaEvent.PasskeySignIn.class)).singleElement()
                .satisfies(e -> assertThat(e.user()).isEqualTo("alice"));
        assertThat(fx.events(MfaEvent.FactorVerified.class)).singleElement()
                .satisfies(e -> assertThat(((MfaEvent.FactorVerified) e).factorId()).isEqualTo("webauthn"));
    }

    @Test
    void optionsAskForAnyPasskeyWithUserVerification() throws Exception {
        JsonObject options = Json.createReader(new StringReader(fx.options())).readObject();

        assertThat(options.getJsonArray("allowCredentials")).isEmpty();
        assertThat(options.getString("userVerification")).isEqualTo("required");
    }

    @Test
    void theIdentityStoreRefusingRecordsNothing() throws Exception {
        fx.identityStore = user -> AuthenticationStatus.SEND_FAILURE;

        FakeHttp.Response response = fx.send(fx.post("/verify", verifyBody(fx.alicesAssertion())));

        assertProblem(response, 401, "passkey-rejected");
        assertNothingRecorded();
    }

    @Test
    void aPostFromAnotherSiteIsRefusedBeforeAnythingIsRead() throws Exception {
        String assertion = fx.alicesAssertion();
        FakeHttp.Request request = fx.request("POST", "/verify").header("Sec-Fetch-Site", "cross-site")
                .header("Origin", "https://evil.example")
                .body("application/json", verifyBody(assertion).getBytes());

        assertProblem(fx.send(request), 403, "cross-origin");
        assertThat(fx.authentications).isEmpty();
        assertNothingRecorded();
        FakeHttp.Request options = fx.request("POST", "/options").header("Origin", "https://evil.example")
                .body("application/json", "{}".getBytes());
        assertProblem(fx.send(options), 403, "cross-origin");
    }

    @Test
    void aReplayedAssertionSignsInOnce() throws Exception {
        String assertion = fx.alicesAssertion();
        assertThat(fx.send(fx.post("/verify", verifyBody(assertion))).status).isEqualTo(303);
        fx.browser.attributes.clear(); // signed out, same browser
        fx.options();

        assertProblem(fx.send(fx.post("/verify", verifyBody(assertion))), 401, "passkey-rejected");
        assertThat(fx.authentications).hasSize(1);
    }

    @Test
    void theSameAssertionPostedTwiceIsRefusedTheSecondTime() throws Exception {
        fx.identityStore = user -> AuthenticationStatus.SEND_FAILURE; // the first does not sign in either
        String assertion = fx.alicesAssertion();
        fx.send(fx.post("/verify", verifyBody(assertion)));

        assertProblem(fx.send(fx.post("/verify", verifyBody(assertion))), 401, "passkey-rejected");
        assertThat(fx.authentications).hasSize(1);
    }

    @Test
    void thirtyTwoParallelPostsOfOneAssertionSignInAtMostOnce() throws Exception {
        String body = verifyBody(fx.alicesAssertion());
        PasskeyServlet servlet = fx.servlet();
        ExecutorService pool = Executors.newFixedThreadPool(32);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < 32; i++) {
                Callable<Integer> post = () -> {
                    start.await();
                    return fx.send(servlet, fx.post("/verify", body)).status;
                };
                answers.add(pool.submit(post));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get());
            }
            assertThat(statuses).filteredOn(s -> s == 303).hasSize(1);
            assertThat(statuses).filteredOn(s -> s == 401).hasSize(31);
        } finally {
            pool.shutdownNow();
        }
        assertThat(fx.authentications).hasSize(1);
        assertThat(fx.events(MfaEvent.PasskeySignIn.class)).hasSize(1);
    }

    @Test
    void anAssertionWithoutUserVerificationIsRefused() throws Exception {
        String options = EmulatedBrowser.with(fx.options(), "/userVerification", "discouraged");

        assertProblem(fx.send(fx.post("/verify", verifyBody(fx.alicesKey.get(options)))), 401,
                "passkey-rejected");
        assertThat(fx.authentications).isEmpty();
        assertThat(fx.failures("alice")).isEqualTo(1);
        assertNothingRecorded();
    }

    @Test
    void alicesCredentialWithBobsHandleIsRefused() throws Exception {
        fx.register("bob", new EmulatedBrowser(PasskeyFixture.ORIGIN));
        byte[] bobs = fx.keys.findUserHandle("bob").orElseThrow();
        String forged = EmulatedBrowser.with(fx.alicesAssertion(), "/response/userHandle",
                Base64.getUrlEncoder().withoutPadding().encodeToString(bobs));

        assertProblem(fx.send(fx.post("/verify", verifyBody(forged))), 401, "passkey-rejected");
        assertThat(fx.authentications).isEmpty();
        assertThat(fx.verified("bob")).isFalse();
        assertNothingRecorded();
    }

    @Test
    void anUnknownCredentialGetsTheSameAnswerAsABadSignatureAndCountsNothing() throws Exception {
        FakeHttp.Response wrong = fx.send(fx.post("/verify", verifyBody(signatureFlipped(fx.alicesAssertion()))));
        assertThat(fx.failures("alice")).as("a bad signature of a known credential counts").isEqualTo(1);
        String assertion = fx.alicesAssertion();
        fx.keys.list("alice").forEach(c -> fx.keys.delete("alice", c.credentialId()));

        FakeHttp.Response unknown = fx.send(fx.post("/verify", verifyBody(assertion)));

        assertProblem(unknown, 401, "passkey-rejected");
        assertThat(unknown.bodyText()).isEqualTo(wrong.bodyText());
        assertThat(fx.failures("alice")).isEqualTo(1);
        assertThat(fx.authentications).isEmpty();
    }

    @Test
    void aLockedAccountIsRefusedEvenWithTheRightPasskey() throws Exception {
        for (int i = 0; i < 10; i++) {
            fx.clock.advance(java.time.Duration.ofMinutes(5)); // past the growing delay between failures
            fx.send(fx.post("/verify", verifyBody(signatureFlipped(fx.alicesAssertion()))));
        }
        assertThat(fx.events(MfaEvent.LockedOut.class)).hasSize(1);

        FakeHttp.Response response = fx.send(fx.post("/verify", verifyBody(fx.alicesAssertion())));

        assertProblem(response, 401, "passkey-rejected");
        assertThat(fx.authentications).isEmpty();
        assertNothingRecorded();
    }

    @Test
    void aClonedKeyIsRefusedWithOneCloneWarning() throws Exception {
        var stored = fx.keys.list("alice").get(0);
        fx.keys.updateSignCount(stored.credentialId(), stored.signCount(), 1000, false, true, PasskeyFixture.NOW);

        FakeHttp.Response response = fx.send(fx.post("/verify", verifyBody(fx.alicesAssertion())));

        assertProblem(response, 401, "passkey-rejected");
        assertThat(fx.clones).singleElement().satisfies(c -> assertThat(c.user()).isEqualTo("alice"));
        assertThat(fx.failures("alice")).isEqualTo(1);
        assertThat(fx.authentications).isEmpty();
        assertNothingRecorded();
    }

    @Test
    void aStoreOutageIs503AndRecordsNothing() throws Exception {
        String assertion = fx.alicesAssertion();
        fx.storeDown = true;

        FakeHttp.Response response = fx.send(fx.post("/verify", verifyBody(assertion)));

        assertProblem(response, 503, "mfa-unavailable");
        assertThat(fx.authentications).isEmpty();
        fx.storeDown = false;
        assertNothingRecorded();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{", "[]", "{\"credential\":\"text\"}", "{\"credential\":{},\"credential\":{}}",
            "{\"credential\":{\"n\":1e9999999999}}", "{\"other\":1}"})
    void malformedBodiesAre400(String body) throws Exception {
        fx.options();

        assertThat(fx.send(fx.post("/verify", body)).status).isEqualTo(400);
        assertThat(fx.authentications).isEmpty();
        assertThat(fx.failures("alice")).isZero();
    }

    @Test
    void anOversizeBodyIs413AndAnotherTypeIs415() throws Exception {
        String big = verifyBody("{\"id\":\"" + "A".repeat(70 * 1024) + "\"}");
        assertProblem(fx.send(fx.post("/verify", big)), 413, "too-large");

        FakeHttp.Request form = fx.post("/verify", "{}");
        form.contentType = "application/x-www-form-urlencoded";
        assertThat(fx.send(form).status).isEqualTo(415);
    }

    @Test
    void aSignedInCallerCannotSignInAgainWithAPasskey() throws Exception {
        FakeHttp.Request request = fx.post("/options", "{}");
        request.principal = "bob";

        assertProblem(fx.send(request), 409, "signed-in");
    }

    @Test
    void withPasskeyLoginOffEveryPathIs404() throws Exception {
        PasskeyFixture off = new PasskeyFixture("off");

        assertThat(off.send(off.request("GET", null)).status).isEqualTo(404);
        assertThat(off.send(off.post("/options", "{}")).status).isEqualTo(404);
        assertThat(off.send(off.post("/verify", verifyBody("{}"))).status).isEqualTo(404);
    }

    @Test
    void getOnAPostEndpointIs405() throws Exception {
        assertThat(fx.send(fx.request("GET", "/verify")).status).isEqualTo(405);
    }

    private static String signatureFlipped(String assertion) {
        String signature = Json.createReader(new StringReader(assertion)).readObject().getJsonObject("response")
                .getString("signature");
        byte[] bytes = Base64.getUrlDecoder().decode(signature);
        bytes[bytes.length - 1] ^= 1;
        return EmulatedBrowser.with(assertion, "/response/signature",
                Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }
}
