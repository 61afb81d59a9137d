package dev.stepwise.mfa.web;

import dev.stepwise.mfa.core.Requirement;
import dev.stepwise.mfa.event.MfaEvent;
import dev.stepwise.mfa.factor.ChallengeContext;
import dev.stepwise.mfa.factor.TestChallengeContexts;
import dev.stepwise.mfa.factor.webauthn.EmulatedBrowser;
import dev.stepwise.mfa.factor.webauthn.RegistrationResult;
import dev.stepwise.mfa.factor.webauthn.WebAuthnConfig.UserVerification;
import dev.stepwise.mfa.factor.webauthn.WebAuthnRegistration;
import dev.stepwise.mfa.http.PendingChallenge;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import static dev.stepwise.mfa.web.ApiFixture.ORIGIN;
import static dev.stepwise.mfa.web.ApiFixture.USER;
import static dev.stepwise.mfa.web.ApiFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code stepwise.mfa.webauthn.user-verification=required} through an attempt: a key that signs without verifying
 * the user (the browser or authenticator skipped the PIN) is a wrong answer, counted once like a wrong code, and
 * nothing is granted; the same key verifying the user then passes.
 */
class UserVerificationApiTest {

    private final ApiFixture fx = new ApiFixture(UserVerification.REQUIRED).aliceChallenged();
    private final EmulatedBrowser key = new EmulatedBrowser(ORIGIN);

    private JsonObject begin() throws Exception {
        FakeHttp.Response begun = fx.send(fx.post("/begin", "{\"factor\":\"webauthn\"}"));
        assertThat(begun.status).isEqualTo(200);
        return json(begun).getJsonObject("view").getJsonObject("options");
    }

    private FakeHttp.Response verify(String credential) throws Exception {
        return fx.send(fx.post("/verify", "{\"factor\":\"webauthn\",\"credential\":" + credential + "}"));
    }

    @Test
    void anAssertionWithoutUserVerificationIsRejectedCountedOnceAndGrantsNothing() throws Exception {
        registerAndAllow();
        JsonObject options = begin();
        assertThat(options.getString("userVerification")).isEqualTo("required");
        // what a browser or authenticator that skips the PIN sends: the same key, no UV flag
        String skipped = Json.createObjectBuilder(options).add("userVerification", "discouraged").build().toString();

        FakeHttp.Response response = verify(key.get(skipped));

        assertThat(response.status).isEqualTo(401);
        assertThat(json(response).getInt("attemptsLeft")).isEqualTo(9);
        assertThat(fx.failures()).isEqualTo(1);
        assertThat(fx.verified()).isFalse();
        assertThat(fx.events).filteredOn(MfaEvent.FactorVerified.class::isInstance).isEmpty();
        assertThat(fx.events).filteredOn(MfaEvent.FactorFailed.class::isInstance).hasSize(1);

        FakeHttp.Response verified = verify(key.get(begin().toString()));
        assertThat(verified.status).isEqualTo(200);
        assertThat(fx.verified()).isTrue();
    }

    private void registerAndAllow() {
        WebAuthnRegistration registration = new WebAuthnRegistration(fx.webauthnConfig, fx.keys);
        ChallengeContext ctx = new ChallengeContext(fx.clock.instant(), Locale.ENGLISH, "192.0.2.7", "JUnit",
                TestChallengeContexts.session());
        String options = registration.beginRegistration(USER, USER, ctx);
        assertThat(registration.finishRegistration(USER, key.create(options), "Key", ctx))
                .isInstanceOf(RegistrationResult.Registered.class);
        fx.pending = PendingChallenge.issue(List.of("totp", "webauthn"), Requirement.stepUp(Duration.ofMinutes(2))
                .withReason("transfer"), null, fx.clock.instant(), fx.clock.instant().plus(Duration.ofMinutes(10)));
        fx.session().pending(fx.pending);
    }
}
