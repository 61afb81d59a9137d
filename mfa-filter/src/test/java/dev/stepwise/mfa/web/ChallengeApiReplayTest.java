package dev.stepwise.mfa.web;

import dev.stepwise.mfa.core.Requirement;
import dev.stepwise.mfa.event.MfaEvent;
import dev.stepwise.mfa.factor.ChallengeContext;
import dev.stepwise.mfa.factor.TestChallengeContexts;
import dev.stepwise.mfa.factor.webauthn.EmulatedBrowser;
import dev.stepwise.mfa.factor.webauthn.RegistrationResult;
import dev.stepwise.mfa.factor.webauthn.WebAuthnCredential;
import dev.stepwise.mfa.factor.webauthn.WebAuthnRegistration;
import dev.stepwise.mfa.http.PendingChallenge;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.stepwise.mfa.web.ApiFixture.ORIGIN;
import static dev.stepwise.mfa.web.ApiFixture.USER;
import static dev.stepwise.mfa.web.ApiFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Answers that must prove nothing twice, and WebAuthn over the JSON challenge API: a TOTP code is accepted once,
 * also when 32 sessions send it at the same moment; the options come as an object; an assertion made with another
 * user's key is a counted failure.
 */
class ChallengeApiReplayTest {

    private final ApiFixture fx = new ApiFixture().aliceChallenged();

    private String answer(String code) {
        return "{\"factor\":\"totp\",\"code\":\"" + code + "\"}";
    }

    @Test
    void theSameRightCodeTwiceIsAcceptedOnce() throws Exception {
        String code = fx.code();

        FakeHttp.Response first = fx.send(fx.post("/verify", answer(code)));
        FakeHttp.Response second = fx.send(fx.post("/verify", answer(code)));

        assertThat(first.status).isEqualTo(200);
        assertThat(second.status).isEqualTo(401);
        assertThat(json(second).getString("type")).isEqualTo("urn:stepwise:problem:factor-rejected");
        assertThat(fx.events).filteredOn(MfaEvent.FactorVerified.class::isInstance).hasSize(1);
    }

    @Test
    void thirtyTwoSessionsSendingTheSameRightCodeAtOnceAreAcceptedOnce() throws Exception {
        String code = fx.code();
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            FakeHttp.Session session = new FakeHttp.Session();
            fx.signIn(session, USER, "csrf-" + i);
            FakeHttp.Request request = ApiFixture.post(USER, session, "csrf-" + i, "/verify", answer(code));
            ChallengeApiServlet servlet = fx.servlet();
            calls.add(() -> ApiFixture.send(servlet, request).status);
        }
        ExecutorService pool = Executors.newFixedThreadPool(32);
        List<Integer> statuses = new ArrayList<>();
        try {
            for (Future<Integer> f : pool.invokeAll(calls)) {
                statuses.add(f.get());
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
        assertThat(statuses).allMatch(s -> s == 200 || s == 401 || s == 429);
        assertThat(fx.events).filteredOn(MfaEvent.FactorVerified.class::isInstance).hasSize(1);
    }

    @Test
    void webAuthnBeginGivesTheRequestOptionsAsAnObject() throws Exception {
        register(USER, new EmulatedBrowser(ORIGIN));
        allowWebAuthn();

        FakeHttp.Response response = fx.send(fx.post("/begin", "{\"factor\":\"webauthn\"}"));

        assertThat(response.status).isEqualTo(200);
        JsonObject options = json(response).getJsonObject("view").getJsonObject("options");
        assertThat(options.getString("challenge")).isNotBlank();
        assertThat(options.getString("rpId")).isEqualTo("bank.example");
        assertThat(options.getJsonArray("allowCredentials")).hasSize(1);
        assertThat(json(response).getJsonObject("view").containsKey("stepwise_webauthn_options")).isFalse();
        assertThat(fx.failures()).isZero();
    }

    @Test
    void webAuthnAnswersAsThePageWouldAndProvesTheFactor() throws Exception {
        EmulatedBrowser key = new EmulatedBrowser(ORIGIN);
        register(USER, key);
        allowWebAuthn();
        JsonObject options = json(fx.send(fx.post("/begin", "{\"factor\":\"webauthn\"}")))
                .getJsonObject("view").getJsonObject("options");

        String credential = key.get(options.toString());
        FakeHttp.Response response = fx.send(fx.post("/verify",
                "{\"factor\":\"webauthn\",\"credential\":" + credential + "}"));

        assertThat(response.status).isEqualTo(200);
        assertThat(json(response).getString("verified")).isEqualTo("webauthn");
    }

    @Test
    void anAssertionMadeWithAnotherUsersKeyIsRejectedAndCounted() throws Exception {
        register(USER, new EmulatedBrowser(ORIGIN));
        EmulatedBrowser bobsKey = new EmulatedBrowser(ORIGIN);
        WebAuthnCredential bobs = register("bob", bobsKey);
        allowWebAuthn();
        JsonObject options = json(fx.send(fx.post("/begin", "{\"factor\":\"webauthn\"}")))
                .getJsonObject("view").getJsonObject("options");
        // alice's challenge, signed with bob's key listed as if it were hers
        JsonObject forBob = Json.createObjectBuilder(options).add("allowCredentials", Json.createArrayBuilder()
                .add(Json.createObjectBuilder().add("type", "public-key").add("id", bobs.credentialIdBase64Url())))
                .build();

        FakeHttp.Response response = fx.send(fx.post("/verify",
                "{\"factor\":\"webauthn\",\"credential\":" + bobsKey.get(forBob.toString()) + "}"));

        assertThat(response.status).isEqualTo(401);
        assertThat(json(response).getInt("attemptsLeft")).isEqualTo(9);
        assertThat(fx.failures()).isEqualTo(1);
        assertThat(fx.verified()).isFalse();
    }

    /** A null credential is malformed, not a guess; a well-formed wrong one (an empty object) is a guess. */
    @Test
    void aNullCredentialIs400AndAWellFormedWrongOneIsCounted() throws Exception {
        register(USER, new EmulatedBrowser(ORIGIN));
        allowWebAuthn();
        assertThat(fx.send(fx.post("/begin", "{\"factor\":\"webauthn\"}")).status).isEqualTo(200);

        FakeHttp.Response malformed = fx.send(fx.post("/verify", "{\"factor\":\"webauthn\",\"credential\":null}"));
        assertThat(malformed.status).isEqualTo(400);
        assertThat(json(malformed).getString("type")).isEqualTo("urn:stepwise:problem:bad-request");
        assertThat(fx.failures()).isZero();

        FakeHttp.Response wrong = fx.send(fx.post("/verify", "{\"factor\":\"webauthn\",\"credential\":{}}"));
        assertThat(wrong.status).isEqualTo(401);
        assertThat(fx.failures()).isEqualTo(1);
        assertThat(fx.verified()).isFalse();
    }

    /** The pending step-up accepts WebAuthn too. */
    private void allowWebAuthn() {
        fx.pending = PendingChallenge.issue(List.of("totp", "webauthn"), Requirement.stepUp(Duration.ofMinutes(2))
                .withReason("transfer"), null, fx.clock.instant(), fx.clock.instant().plus(Duration.ofMinutes(10)));
        fx.session().pending(fx.pending);
    }

    private WebAuthnCredential register(String user, EmulatedBrowser key) {
        WebAuthnRegistration registration = new WebAuthnRegistration(fx.webauthnConfig, fx.keys);
        ChallengeContext ctx = new ChallengeContext(fx.clock.instant(), Locale.ENGLISH, "192.0.2.7", "JUnit",
                TestChallengeContexts.session());
        String options = registration.beginRegistration(user, user, ctx);
        RegistrationResult result = registration.finishRegistration(user, key.create(options), "Key", ctx);
        byte[] id = ((RegistrationResult.Registered) result).credentialId();
        return fx.keys.find(id).orElseThrow();
    }
}
