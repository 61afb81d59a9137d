package dev.stepwise.mfa.factor.webauthn;

import dev.stepwise.mfa.factor.Verification;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.Optional;

import static dev.stepwise.mfa.factor.webauthn.EmulatedBrowser.JSON;
import static dev.stepwise.mfa.factor.webauthn.EmulatedBrowser.b64;
import static dev.stepwise.mfa.factor.webauthn.EmulatedBrowser.unb64;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Passkey sign-in without a user name: the options, and every way an assertion must be refused. The emulated
 * authenticator keeps its credentials, so an empty {@code allowCredentials} finds the registered one (a
 * discoverable credential) and it answers with its user handle.
 */
class PasskeySignInTest {

    private static final Verification REJECTED = Verification.rejected(WebAuthnFactor.ERROR);

    private final WebAuthnFixture f = new WebAuthnFixture();
    private final PasskeySignIn passkeys = new PasskeySignIn(f.config, f.store, f.warnings::add);

    private String begin() {
        return passkeys.begin(f.ctx());
    }

    private Verification signIn(String assertion) {
        Optional<PasskeySignIn.Claim> claim = passkeys.claim(assertion, f.ctx());
        return claim.map(c -> passkeys.verify(c, f.ctx())).orElse(REJECTED);
    }

    @Test
    void optionsNameNoCredentialAndRequireUserVerification() {
        JsonNode options = JSON.readTree(begin());

        assertThat(options.path("allowCredentials").isArray()).isTrue();
        assertThat(options.path("allowCredentials").size()).isZero();
        assertThat(options.path("userVerification").stringValue()).isEqualTo("required");
        assertThat(options.path("rpId").stringValue()).isEqualTo(WebAuthnFixture.RP_ID);
        assertThat(unb64(options.path("challenge").stringValue())).hasSize(32);
    }

    @Test
    void aRegisteredPasskeyWithUserVerificationSignsItsOwnerIn() {
        WebAuthnCredential alices = f.register("alice");
        String assertion = f.browser.get(begin());

        Optional<PasskeySignIn.Claim> claim = passkeys.claim(assertion, f.ctx());

        assertThat(claim).get().extracting(PasskeySignIn.Claim::user).isEqualTo("alice");
        assertThat(passkeys.verify(claim.get(), f.ctx())).isEqualTo(Verification.accepted());
        assertThat(f.store.find(alices.credentialId()).orElseThrow().lastUsedAt()).isEqualTo(f.now);
    }

    @Test
    void theSameAssertionTwiceSignsInOnce() {
        f.register("alice");
        String assertion = f.browser.get(begin());

        assertThat(signIn(assertion)).isEqualTo(Verification.accepted());
        assertThat(passkeys.claim(assertion, f.ctx())).isEmpty();
    }

    @Test
    void anAssertionOfAnEarlierChallengeIsRefusedUnderTheNextOne() {
        f.register("alice");
        String old = f.browser.get(begin());
        begin();

        assertThat(signIn(old)).isEqualTo(REJECTED);
    }

    @Test
    void aChallengeOfTheSecondFactorPageDoesNotServeAPasskeySignIn() {
        f.register("alice");
        String secondFactor = f.browser.get(f.beginChallenge("alice"));

        assertThat(passkeys.claim(secondFactor, f.ctx())).isEmpty();
    }

    @Test
    void anExpiredChallengeIsRefused() {
        f.register("alice");
        String assertion = f.browser.get(begin());
        f.now = f.now.plus(f.config.timeout()).plus(Duration.ofSeconds(1));

        assertThat(passkeys.claim(assertion, f.ctx())).isEmpty();
    }

    @Test
    void anAssertionWithoutUserVerificationIsRefused() {
        f.register("alice");
        String options = begin();
        String withoutUv = f.browser.get(EmulatedBrowser.with(options, "/userVerification", "discouraged"));
        byte[] authenticatorData = unb64(JSON.readTree(withoutUv).at("/response/authenticatorData").stringValue());
        assertThat(authenticatorData[32] & 0x04).as("the UV flag is off").isZero();

        assertThat(signIn(withoutUv)).isEqualTo(REJECTED);
    }

    @Test
    void aliceCredentialWithBobsUserHandleIsRefused() {
        f.register("alice");
        f.register("bob", new EmulatedBrowser(WebAuthnFixture.ORIGIN));
        byte[] bobsHandle = f.store.findUserHandle("bob").orElseThrow();
        String assertion = f.browser.get(begin());

        String forged = EmulatedBrowser.with(assertion, "/response/userHandle", b64(bobsHandle));

        assertThat(signIn(forged)).isEqualTo(REJECTED);
    }

    @Test
    void anAssertionWithoutUserHandleIsRefused() {
        f.register("alice");
        String assertion = f.browser.get(begin());

        assertThat(signIn(EmulatedBrowser.without(assertion, "/response/userHandle"))).isEqualTo(REJECTED);
    }

    @Test
    void anUnknownCredentialIsNotEvenClaimed() {
        WebAuthnCredential alices = f.register("alice");
        String assertion = f.browser.get(begin());
        f.store.delete("alice", alices.credentialId());

        assertThat(passkeys.claim(assertion, f.ctx())).isEmpty();
    }

    @Test
    void aBadSignatureOfAKnownCredentialIsClaimedThenRefused() {
        f.register("alice");
        String assertion = f.browser.get(begin());
        byte[] signature = unb64(JSON.readTree(assertion).at("/response/signature").stringValue());
        signature[signature.length - 1] ^= 1;

        Optional<PasskeySignIn.Claim> claim = passkeys.claim(
                EmulatedBrowser.with(assertion, "/response/signature", b64(signature)), f.ctx());

        assertThat(claim).get().extracting(PasskeySignIn.Claim::user).isEqualTo("alice"); // counted against alice
        assertThat(passkeys.verify(claim.get(), f.ctx())).isEqualTo(REJECTED);
    }

    @Test
    void anAssertionFromAnotherOriginIsRefused() {
        f.register("alice");
        String options = begin();

        assertThat(signIn(f.browser.at("https://bank.example.evil.test").get(options))).isEqualTo(REJECTED);
    }

    @Test
    void aCounterThatWentBackIsRefusedWithACloneWarning() {
        WebAuthnCredential alices = f.register("alice");
        f.setStoredSignCount(alices, 1000);

        assertThat(signIn(f.browser.get(begin()))).isEqualTo(REJECTED);
        assertThat(f.warnings).singleElement().extracting(CloneWarning::user).isEqualTo("alice");
    }

    @Test
    void malformedOrOversizeInputIsNotClaimedAndUsesUpTheChallenge() {
        f.register("alice");
        for (String bad : new String[]{null, "", "not json", "{\"type\":\"public-key\"}", "[]",
                "{\"id\":\"" + "A".repeat(RelyingParty.MAX_RESPONSE_CHARS) + "\"}"}) {
            String options = begin();
            assertThat(passkeys.claim(bad, f.ctx())).as(String.valueOf(bad)).isEmpty();
            assertThat(passkeys.claim(f.browser.get(options), f.ctx())).as("challenge used up").isEmpty();
        }
    }
}
