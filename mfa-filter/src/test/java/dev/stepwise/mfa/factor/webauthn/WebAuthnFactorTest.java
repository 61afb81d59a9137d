package dev.stepwise.mfa.factor.webauthn;

import dev.stepwise.mfa.factor.ChallengeView;
import dev.stepwise.mfa.factor.Verification;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import static dev.stepwise.mfa.factor.webauthn.EmulatedBrowser.JSON;
import static dev.stepwise.mfa.factor.webauthn.EmulatedBrowser.b64;
import static dev.stepwise.mfa.factor.webauthn.EmulatedBrowser.unb64;
import static dev.stepwise.mfa.factor.webauthn.WebAuthnFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.tuple;

/**
 * {@link WebAuthnFactor}: enrolment, the request options, and what {@code verify} accepts and refuses.
 */
class WebAuthnFactorTest {

    private static final Verification REJECTED = Verification.rejected("stepwise.mfa.error.webauthn");

    private final WebAuthnFixture f = new WebAuthnFixture();

    private Verification verify(String user, String credentialJson) {
        Map<String, String> input = new HashMap<>();
        input.put("factor", "webauthn");
        input.put(WebAuthnFactor.CREDENTIAL, credentialJson);
        return f.factor.verify(user, input, f.ctx());
    }

    /** Alice signs in with her key: options for her, the key's answer. */
    private String aliceAnswers() {
        return f.browser.get(f.beginChallenge("alice"));
    }

    // ---- identity ----

    @Test
    void idPageAndEnrolment() {
        assertThat(f.factor.id()).isEqualTo("webauthn");
        assertThat(f.factor.page()).isEqualTo("/mfa/webauthn.jsp");
        assertThat(f.factor.isEnrolled("alice")).isFalse();

        f.register("alice");

        assertThat(f.factor.isEnrolled("alice")).isTrue();
        assertThat(f.factor.isEnrolled("bob")).isFalse();
    }

    // ---- registration then authentication ----

    @Test
    void verifyWhenRegisteredKeySignsChallengeThenAcceptedAndCounterAndLastUsedStored() {
        WebAuthnCredential registered = f.register("alice");
        String answer = aliceAnswers();
        f.now = T0.plusSeconds(30);

        assertThat(verify("alice", answer)).isEqualTo(Verification.accepted());

        WebAuthnCredential after = f.store.find(registered.credentialId()).orElseThrow();
        assertThat(after.signCount()).isEqualTo(registered.signCount() + 1);
        assertThat(after.lastUsedAt()).isEqualTo(T0.plusSeconds(30));
        assertThat(f.warnings).isEmpty();
    }

    @Test
    void verifyRepeatedlyWithFreshChallengesThenEachAcceptedAndCounterClimbs() {
        WebAuthnCredential registered = f.register("alice");

        for (int i = 1; i <= 3; i++) {
            assertThat(verify("alice", aliceAnswers())).isEqualTo(Verification.accepted());
            assertThat(f.store.find(registered.credentialId()).orElseThrow().signCount())
                    .isEqualTo(registered.signCount() + i);
        }
    }

    @Test
    void verifyWhenAuthenticatorHasNoCounterThenZeroZeroAccepted() {
        EmulatedBrowser passkey = new EmulatedBrowser(WebAuthnFixture.ORIGIN);
        passkey.authenticator.setCountUpEnabled(false); // like many platform passkeys: counter stays 0
        WebAuthnCredential registered = f.register("alice", passkey);
        assertThat(registered.signCount()).isZero();

        assertThat(verify("alice", passkey.get(f.beginChallenge("alice")))).isEqualTo(Verification.accepted());
        assertThat(verify("alice", passkey.get(f.beginChallenge("alice")))).isEqualTo(Verification.accepted());
        assertThat(f.warnings).isEmpty();
    }

    @Test
    void verifyWithSecondOfTwoKeysThenAcceptedAndOnlyThatCounterMoves() {
        WebAuthnCredential first = f.register("alice");
        EmulatedBrowser spare = new EmulatedBrowser(WebAuthnFixture.ORIGIN);
        WebAuthnCredential second = f.register("alice", spare);

        assertThat(verify("alice", spare.get(f.beginChallenge("alice")))).isEqualTo(Verification.accepted());

        assertThat(f.store.find(first.credentialId()).orElseThrow().signCount()).isEqualTo(first.signCount());
        assertThat(f.store.find(second.credentialId()).orElseThrow().signCount()).isEqualTo(second.signCount() + 1);
    }

    // ---- the options ----

    @Test
    void beginChallengeThenModelHoldsRequestOptionsForThisUsersCredentials() {
        WebAuthnCredential alices = f.register("alice");
        f.register("bob", new EmulatedBrowser(WebAuthnFixture.ORIGIN));

        ChallengeView view = f.factor.beginChallenge("alice", f.ctx());

        assertThat(view.model()).containsOnlyKeys("stepwise_webauthn_options");
        JsonNode o = JSON.readTree((String) view.model().get(WebAuthnFactor.OPTIONS));
        assertThat(unb64(o.path("challenge").stringValue())).hasSize(32);
        assertThat(o.path("rpId").stringValue()).isEqualTo("bank.example");
        assertThat(o.path("timeout").longValue()).isEqualTo(300_000L);
        assertThat(o.path("userVerification").stringValue()).isEqualTo("preferred");
        assertThat(o.path("allowCredentials")).hasSize(1);
        assertThat(o.path("allowCredentials").get(0).path("id").stringValue())
                .isEqualTo(alices.credentialIdBase64Url());
        assertThat(o.path("allowCredentials").get(0).path("type").stringValue()).isEqualTo("public-key");
        PendingCeremony pending = (PendingCeremony) f.session.get(WebAuthnFactor.SESSION_KEY);
        assertThat(pending.challenge()).isEqualTo(unb64(o.path("challenge").stringValue()));
        assertThat(pending.user()).isEqualTo("alice");
    }

    @Test
    void beginChallengeTwiceThenDifferentChallengesAndOnlyLatestAccepted() {
        f.register("alice");
        String first = f.beginChallenge("alice");
        String answerToFirst = f.browser.get(first);
        String second = f.beginChallenge("alice");

        assertThat(JSON.readTree(first).path("challenge")).isNotEqualTo(JSON.readTree(second).path("challenge"));
        assertThat(verify("alice", answerToFirst)).isEqualTo(REJECTED);
    }

    @Test
    void beginChallengeWhenUserVerificationRequiredThenOptionsSayRequiredAndUvAssertionAccepted() {
        WebAuthnFixture strict = new WebAuthnFixture(WebAuthnConfig.of(WebAuthnFixture.RP_ID, "Example Bank",
                Set.of(WebAuthnFixture.ORIGIN)).withUserVerification(WebAuthnConfig.UserVerification.REQUIRED));
        strict.register("alice");
        String options = strict.beginChallenge("alice");

        assertThat(JSON.readTree(options).path("userVerification").stringValue()).isEqualTo("required");
        Verification v = strict.factor.verify("alice", Map.of("credential", strict.browser.get(options)),
                strict.ctx());
        assertThat(v).isEqualTo(Verification.accepted()); // the emulated key performs UV
    }

    // ---- refusals: the challenge ----

    @Test
    void verifyWhenSameAssertionTwiceThenSecondRejected() {
        WebAuthnCredential registered = f.register("alice");
        String answer = aliceAnswers();
        assertThat(verify("alice", answer)).isEqualTo(Verification.accepted());

        assertThat(verify("alice", answer)).isEqualTo(REJECTED);
        assertThat(f.store.find(registered.credentialId()).orElseThrow().signCount())
                .isEqualTo(registered.signCount() + 1);
    }

    @Test
    void verifyWhenOldAssertionReplayedAgainstNewChallengeThenRejected() {
        f.register("alice");
        String answer = aliceAnswers();
        assertThat(verify("alice", answer)).isEqualTo(Verification.accepted());
        f.beginChallenge("alice"); // the page shows again: a new challenge is pending

        assertThat(verify("alice", answer)).isEqualTo(REJECTED);
    }

    @Test
    void verifyWithoutBeginChallengeThenRejected() {
        f.register("alice");
        String answer = aliceAnswers();
        f.session.values.clear(); // another session, or one that never saw the challenge page

        assertThat(verify("alice", answer)).isEqualTo(REJECTED);
    }

    @Test
    void verifyWhenKeySignedAnotherChallengeThenRejectedAndRealChallengeUsedUp() {
        f.register("alice");
        String options = f.beginChallenge("alice");
        String forged = EmulatedBrowser.with(options, "/challenge", b64(new byte[32]));

        assertThat(verify("alice", f.browser.get(forged))).isEqualTo(REJECTED);
        assertThat(f.session.values).doesNotContainKey(WebAuthnFactor.SESSION_KEY);
        assertThat(verify("alice", f.browser.get(options))).isEqualTo(REJECTED);
    }

    @Test
    void verifyWhenJustBeforeExpiryThenAccepted() {
        f.register("alice");
        String answer = aliceAnswers();
        f.now = T0.plus(Duration.ofMinutes(5)).minusMillis(1);

        assertThat(verify("alice", answer)).isEqualTo(Verification.accepted());
    }

    @Test
    void verifyWhenJustExpiredThenRejected() {
        f.register("alice");
        String answer = aliceAnswers();
        f.now = T0.plus(Duration.ofMinutes(5));

        assertThat(verify("alice", answer)).isEqualTo(REJECTED);
    }

    @Test
    void verifyWhenChallengeIssuedToAnotherUserThenRejected() {
        f.register("alice");
        String answer = aliceAnswers();

        assertThat(verify("bob", answer)).isEqualTo(REJECTED);
    }

    // ---- refusals: origin and RP ID ----

    @Test
    void verifyWhenOriginNotAllowedThenRejectedAndCounterUnchanged() {
        WebAuthnCredential registered = f.register("alice");
        String options = f.beginChallenge("alice");
        // a phishing page relays the options; the browser reports the page's real origin
        String answer = f.browser.at("https://bank-example.evil.test").get(options);

        assertThat(verify("alice", answer)).isEqualTo(REJECTED);
        assertThat(f.store.find(registered.credentialId())).contains(registered);
    }

    @Test
    void verifyWhenAssertionScopedToAnotherRpIdThenRejected() {
        // the key was registered for login.bank.example; the relying party now expects bank.example
        WebAuthnFixture sub = new WebAuthnFixture(WebAuthnConfig.of("login.bank.example", "Example Bank",
                Set.of("https://login.bank.example")));
        EmulatedBrowser browser = new EmulatedBrowser("https://login.bank.example");
        sub.register("alice", browser);
        WebAuthnFactor parent = new WebAuthnFactor(WebAuthnConfig.of("bank.example", "Example Bank",
                Set.of("https://login.bank.example")), sub.store, sub.warnings::add);
        String options = (String) parent.beginChallenge("alice", sub.ctx()).model().get(WebAuthnFactor.OPTIONS);
        String scoped = EmulatedBrowser.with(options, "/rpId", "login.bank.example");
        String answer = browser.get(scoped);

        assertThat(parent.verify("alice", Map.of("credential", answer), sub.ctx())).isEqualTo(REJECTED);
    }

    // ---- refusals: whose credential ----

    @Test
    void verifyWhenCredentialBelongsToAnotherUserThenRejectedAndTheirCounterUnchanged() {
        f.register("alice");
        EmulatedBrowser bobsKey = new EmulatedBrowser(WebAuthnFixture.ORIGIN);
        WebAuthnCredential bobs = f.register("bob", bobsKey);
        // alice's challenge, signed with bob's key (listed as if it were hers)
        String options = f.beginChallenge("alice");
        String withBobsKey = JSON.writeValueAsString(((ObjectNode) JSON.readTree(options))
                .set("allowCredentials", JSON.readTree(
                        "[{\"type\":\"public-key\",\"id\":\"" + bobs.credentialIdBase64Url() + "\"}]")));
        String answer = bobsKey.get(withBobsKey);

        assertThat(verify("alice", answer)).isEqualTo(REJECTED);
        assertThat(f.store.find(bobs.credentialId())).contains(bobs);
    }

    @Test
    void verifyWhenUserHasNoCredentialAndPresentsAnotherUsersThenRejected() {
        // alice has no key, so her options list none; two guards refuse bob's key: the owner check, and
        // webauthn4j's allowCredentials check, which the factor feeds alice's (empty) list - empty allows nothing
        EmulatedBrowser bobsKey = new EmulatedBrowser(WebAuthnFixture.ORIGIN);
        WebAuthnCredential bobs = f.register("bob", bobsKey);
        String options = f.beginChallenge("alice");
        assertThat(JSON.readTree(options).path("allowCredentials")).isEmpty();
        String withBobsKey = JSON.writeValueAsString(((ObjectNode) JSON.readTree(options))
                .set("allowCredentials", JSON.readTree(
                        "[{\"type\":\"public-key\",\"id\":\"" + bobs.credentialIdBase64Url() + "\"}]")));

        // without a user handle (as U2F-era keys answer), which would otherwise name bob
        String answer = EmulatedBrowser.without(bobsKey.get(withBobsKey), "/response/userHandle");

        assertThat(verify("alice", answer)).isEqualTo(REJECTED);
        assertThat(f.store.find(bobs.credentialId())).contains(bobs);
    }

    @Test
    void verifyWhenCredentialUnknownThenRejected() {
        WebAuthnCredential registered = f.register("alice");
        String answer = aliceAnswers();
        f.store.delete("alice", registered.credentialId()); // removed in another tab meanwhile

        assertThat(verify("alice", answer)).isEqualTo(REJECTED);
    }

    @Test
    void verifyWhenUserHandleIsAnotherUsersThenRejected() {
        f.register("alice");
        byte[] bobsHandle = f.store.userHandle("bob", new byte[] {42, 42, 42});
        String answer = EmulatedBrowser.with(aliceAnswers(), "/response/userHandle", b64(bobsHandle));

        assertThat(verify("alice", answer)).isEqualTo(REJECTED);
    }

    @Test
    void verifyWhenUserHandleAbsentThenAccepted() {
        f.register("alice");
        String answer = EmulatedBrowser.without(aliceAnswers(), "/response/userHandle");

        assertThat(verify("alice", answer)).isEqualTo(Verification.accepted());
    }

    @Test
    void verifyWhenSignatureTamperedThenRejected() {
        WebAuthnCredential registered = f.register("alice");
        String answer = aliceAnswers();
        byte[] signature = unb64(JSON.readTree(answer).at("/response/signature").stringValue());
        signature[signature.length - 1] ^= 1;

        assertThat(verify("alice", EmulatedBrowser.with(answer, "/response/signature", b64(signature))))
                .isEqualTo(REJECTED);
        assertThat(f.store.find(registered.credentialId())).contains(registered);
    }

    // ---- refusals: the signature counter ----

    @Test
    void verifyWhenCounterBelowStoredThenRejectedAndCloneWarning() {
        WebAuthnCredential registered = f.register("alice");
        f.setStoredSignCount(registered, 1000); // a clone already signed in with higher counts
        String answer = aliceAnswers();

        assertThat(verify("alice", answer)).isEqualTo(REJECTED);

        assertThat(f.store.find(registered.credentialId()).orElseThrow().signCount()).isEqualTo(1000);
        assertThat(f.warnings).hasSize(1);
        CloneWarning warning = f.warnings.get(0);
        assertThat(warning.user()).isEqualTo("alice");
        assertThat(warning.credentialId()).isEqualTo(registered.credentialId());
        assertThat(warning.credentialName()).isEqualTo("Key of alice");
        assertThat(warning.storedSignCount()).isEqualTo(1000);
        assertThat(warning.presentedSignCount()).isEqualTo(registered.signCount() + 1);
        assertThat(warning.at()).isEqualTo(T0);
        assertThat(warning.clientAddress()).isEqualTo("192.0.2.7");
        assertThat(warning.toString()).doesNotContain(registered.credentialIdBase64Url());
    }

    @Test
    void verifyWhenCounterEqualsStoredThenRejectedAndCloneWarning() {
        WebAuthnCredential registered = f.register("alice");
        f.setStoredSignCount(registered, registered.signCount() + 1); // exactly what the key will present

        assertThat(verify("alice", aliceAnswers())).isEqualTo(REJECTED);
        assertThat(f.warnings).extracting(CloneWarning::presentedSignCount, CloneWarning::storedSignCount)
                .containsExactly(tuple(registered.signCount() + 1,
                        registered.signCount() + 1));
    }

    @Test
    void verifyWhenCounterOneAboveStoredThenAccepted() {
        WebAuthnCredential registered = f.register("alice");
        f.setStoredSignCount(registered, registered.signCount()); // unchanged: the key presents stored + 1

        assertThat(verify("alice", aliceAnswers())).isEqualTo(Verification.accepted());
        assertThat(f.warnings).isEmpty();
    }

    @Test
    void verifyWhenCounterZeroButStoredNonZeroThenRejectedAndCloneWarning() {
        EmulatedBrowser stuck = new EmulatedBrowser(WebAuthnFixture.ORIGIN);
        stuck.authenticator.setCountUpEnabled(false);
        WebAuthnCredential registered = f.register("alice", stuck);
        f.setStoredSignCount(registered, 5);

        assertThat(verify("alice", stuck.get(f.beginChallenge("alice")))).isEqualTo(REJECTED);
        assertThat(f.warnings).singleElement().extracting(CloneWarning::presentedSignCount).isEqualTo(0L);
    }

    @Test
    void verifyWhenBadSignatureWithLowCounterThenNoCloneWarning() {
        WebAuthnCredential registered = f.register("alice");
        f.setStoredSignCount(registered, 1000);
        String answer = aliceAnswers();
        byte[] signature = unb64(JSON.readTree(answer).at("/response/signature").stringValue());
        signature[signature.length - 1] ^= 1;

        assertThat(verify("alice", EmulatedBrowser.with(answer, "/response/signature", b64(signature))))
                .isEqualTo(REJECTED);
        assertThat(f.warnings).isEmpty(); // only a genuinely signed regression says "cloned"
    }

    @Test
    void verifyWhenCloneListenerThrowsThenStillRejectedWithoutException() {
        WebAuthnCredential registered = f.register("alice");
        f.setStoredSignCount(registered, 1000);
        WebAuthnFactor throwing = new WebAuthnFactor(f.config, f.store, w -> {
            throw new IllegalStateException("event bus down");
        });
        String answer = f.browser.get((String) throwing.beginChallenge("alice", f.ctx()).model()
                .get(WebAuthnFactor.OPTIONS));

        assertThatCode(() -> assertThat(throwing.verify("alice", Map.of("credential", answer), f.ctx()))
                .isEqualTo(REJECTED)).doesNotThrowAnyException();
    }

    @Test
    void verifyWhenCounterMovedConcurrentlyThenRejected() {
        WebAuthnCredential registered = f.register("alice");
        // another node's sign-in moves the counter between this node's read and its compare-and-set
        WebAuthnCredentialStore racing = new DelegatingStore(f.store) {
            @Override
            public boolean updateSignCount(byte[] credentialId, long expected, long newCount, boolean backedUp,
                                           boolean uv, Instant at) {
                f.store.updateSignCount(credentialId, expected, expected + 5, backedUp, uv, at);
                return super.updateSignCount(credentialId, expected, newCount, backedUp, uv, at);
            }
        };
        WebAuthnFactor factor = new WebAuthnFactor(f.config, racing, f.warnings::add);
        String answer = f.browser.get((String) factor.beginChallenge("alice", f.ctx()).model()
                .get(WebAuthnFactor.OPTIONS));

        assertThat(factor.verify("alice", Map.of("credential", answer), f.ctx())).isEqualTo(REJECTED);
        assertThat(f.store.find(registered.credentialId()).orElseThrow().signCount())
                .isEqualTo(registered.signCount() + 5);
    }

    // ---- refusals: malformed input ----

    static Stream<String> malformed() {
        WebAuthnFixture g = new WebAuthnFixture();
        g.register("alice");
        String good = g.browser.get(g.beginChallenge("alice"));
        return Stream.of(
                "", "null", "not json", "{", "[]", "42", "{}", "{\"type\":\"public-key\",\"response\":{}}",
                EmulatedBrowser.with(good, "/type", "password"),
                EmulatedBrowser.without(good, "/response"),
                EmulatedBrowser.with(good, "/response", "text"),
                EmulatedBrowser.without(good, "/id"),
                EmulatedBrowser.without(good, "/rawId"),
                EmulatedBrowser.with(good, "/id", "AAAA"),
                EmulatedBrowser.with(good, "/rawId", "%%%"),
                EmulatedBrowser.without(good, "/response/clientDataJSON"),
                EmulatedBrowser.without(good, "/response/authenticatorData"),
                EmulatedBrowser.without(good, "/response/signature"),
                EmulatedBrowser.with(good, "/response/signature", "+/+/"),
                EmulatedBrowser.with(good, "/response/authenticatorData", b64(new byte[] {1, 2, 3})),
                EmulatedBrowser.with(good, "/response/clientDataJSON", b64("{\"type\":".getBytes())),
                EmulatedBrowser.with(good, "/response/clientDataJSON", b64("[1,2]".getBytes())),
                EmulatedBrowser.with(good, "/response/userHandle", "!!"),
                good.substring(0, good.length() - 3),
                good + " ".repeat(RelyingParty.MAX_RESPONSE_CHARS),
                "[".repeat(3000) + "]".repeat(3000), // under the size cap, over Jackson's nesting limit
                "\"" + "x".repeat(RelyingParty.MAX_RESPONSE_CHARS * 4) + "\"");
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void verifyWhenMalformedThenRejectedWithoutExceptionAndChallengeUsedUp(String json) {
        WebAuthnCredential registered = f.register("alice");
        String options = f.beginChallenge("alice");

        assertThatCode(() -> assertThat(verify("alice", json)).isEqualTo(REJECTED)).doesNotThrowAnyException();

        assertThat(f.store.find(registered.credentialId())).contains(registered);
        // the challenge was used up by the failed attempt: a good answer to it no longer works
        assertThat(verify("alice", f.browser.get(options))).isEqualTo(REJECTED);
    }

    @Test
    void verifyWhenInputMissingOrNullThenRejected() {
        f.register("alice");
        f.beginChallenge("alice");
        assertThat(f.factor.verify("alice", Map.of(), f.ctx())).isEqualTo(REJECTED);
        f.beginChallenge("alice");
        assertThat(f.factor.verify("alice", Map.of("code", "123456"), f.ctx())).isEqualTo(REJECTED);
        f.beginChallenge("alice");
        assertThat(f.factor.verify("alice", null, f.ctx())).isEqualTo(REJECTED);
    }

    @Test
    void verifyWhenGoodAnswerPaddedToSizeCapThenAcceptedAndOneMoreCharRejected() {
        f.register("alice");
        String answer = aliceAnswers();
        String atCap = answer + " ".repeat(RelyingParty.MAX_RESPONSE_CHARS - answer.length());
        assertThat(verify("alice", atCap)).isEqualTo(Verification.accepted());

        String overCap = aliceAnswers();
        assertThat(verify("alice", overCap + " ".repeat(RelyingParty.MAX_RESPONSE_CHARS - overCap.length() + 1)))
                .isEqualTo(REJECTED);
    }

    /** Forwards everything to another store; tests override one method to simulate a race. */
    private static class DelegatingStore implements WebAuthnCredentialStore {
        private final WebAuthnCredentialStore delegate;

        DelegatingStore(WebAuthnCredentialStore delegate) {
            this.delegate = delegate;
        }

        @Override
        public boolean add(WebAuthnCredential credential) {
            return delegate.add(credential);
        }

        @Override
        public Optional<WebAuthnCredential> find(byte[] credentialId) {
            return delegate.find(credentialId);
        }

        @Override
        public List<WebAuthnCredential> list(String user) {
            return delegate.list(user);
        }

        @Override
        public boolean updateSignCount(byte[] credentialId, long expected, long newCount, boolean backedUp,
                                       boolean uv, Instant at) {
            return delegate.updateSignCount(credentialId, expected, newCount, backedUp, uv, at);
        }

        @Override
        public boolean rename(String user, byte[] credentialId, String name) {
            return delegate.rename(user, credentialId, name);
        }

        @Override
        public boolean delete(String user, byte[] credentialId) {
            return delegate.delete(user, credentialId);
        }

        @Override
        public boolean deleteUnlessLast(String user, byte[] credentialId) {
            return delegate.deleteUnlessLast(user, credentialId);
        }

        @Override
        public byte[] userHandle(String user, byte[] candidate) {
            return delegate.userHandle(user, candidate);
        }

        @Override
        public java.util.Optional<byte[]> findUserHandle(String user) {
            return delegate.findUserHandle(user);
        }
    }
}
