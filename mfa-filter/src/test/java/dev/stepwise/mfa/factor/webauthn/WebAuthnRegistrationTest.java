package dev.stepwise.mfa.factor.webauthn;

import com.webauthn4j.converter.AttestedCredentialDataConverter;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import static dev.stepwise.mfa.factor.webauthn.EmulatedBrowser.JSON;
import static dev.stepwise.mfa.factor.webauthn.EmulatedBrowser.b64;
import static dev.stepwise.mfa.factor.webauthn.EmulatedBrowser.unb64;
import static dev.stepwise.mfa.factor.webauthn.WebAuthnFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link WebAuthnRegistration}: the creation options the browser gets, and what {@code finishRegistration}
 * accepts and refuses.
 */
class WebAuthnRegistrationTest {

    private final WebAuthnFixture f = new WebAuthnFixture();

    private RegistrationResult finish(String user, String json) {
        return f.registration.finishRegistration(user, json, "My key", f.ctx());
    }

    private static RegistrationResult refused(RegistrationResult.Reason reason) {
        return new RegistrationResult.Refused(reason);
    }

    // ---- the whole ceremony ----

    @Test
    void registerWhenBrowserAnswersThenCredentialStoredForUser() {
        String options = f.registration.beginRegistration("alice", "Alice Example", f.ctx());
        String answer = f.browser.create(options);

        RegistrationResult result = f.registration.finishRegistration("alice", answer, "  YubiKey blue ", f.ctx());

        assertThat(result).isInstanceOf(RegistrationResult.Registered.class);
        byte[] id = ((RegistrationResult.Registered) result).credentialId();
        assertThat(id).isEqualTo(unb64(JSON.readTree(answer).path("rawId").stringValue()));
        assertThat(((RegistrationResult.Registered) result).credentialIdBase64Url())
                .isEqualTo(JSON.readTree(answer).path("id").stringValue());
        WebAuthnCredential stored = f.store.find(id).orElseThrow();
        assertThat(stored.user()).isEqualTo("alice");
        assertThat(stored.name()).isEqualTo("YubiKey blue");
        assertThat(stored.signCount()).isEqualTo(1); // the emulator counts from 1
        assertThat(stored.transports()).containsExactly("usb");
        assertThat(stored.aaguid()).isEqualTo(new UUID(0, 0)); // attestation "none": the browser zeroes it
        assertThat(stored.createdAt()).isEqualTo(T0);
        assertThat(stored.lastUsedAt()).isNull();
        assertThat(f.store.list("alice")).containsExactly(stored);
        assertThat(f.store.list("bob")).isEmpty();
    }

    @Test
    void registerThenAttestedCredentialDataIsWebAuthn4jSerialization() {
        WebAuthnCredential stored = f.register("alice");

        AttestedCredentialData data = new AttestedCredentialDataConverter(new ObjectConverter())
                .convert(stored.attestedCredentialData());

        assertThat(data.getCredentialId()).isEqualTo(stored.credentialId());
        assertThat(data.getCOSEKey()).isNotNull();
        assertThat(data.getAaguid().getValue()).isEqualTo(stored.aaguid());
    }

    @Test
    void registerTwoKeysThenBothListedAndSecondOptionsExcludeFirst() {
        WebAuthnCredential first = f.register("alice");

        String options = f.registration.beginRegistration("alice", "Alice", f.ctx());
        JsonNode exclude = JSON.readTree(options).path("excludeCredentials");
        assertThat(exclude).hasSize(1);
        assertThat(exclude.get(0).path("id").stringValue()).isEqualTo(first.credentialIdBase64Url());
        assertThat(exclude.get(0).path("type").stringValue()).isEqualTo("public-key");
        assertThat(exclude.get(0).path("transports").get(0).stringValue()).isEqualTo("usb");

        EmulatedBrowser secondKey = new EmulatedBrowser(WebAuthnFixture.ORIGIN);
        f.now = T0.plusSeconds(60); // list() is oldest first
        RegistrationResult result = f.registration.finishRegistration("alice", secondKey.create(options), "Spare",
                f.ctx());

        assertThat(result).isInstanceOf(RegistrationResult.Registered.class);
        assertThat(f.store.list("alice")).extracting(WebAuthnCredential::name).containsExactly("Key of alice",
                "Spare");
    }

    // ---- the options ----

    @Test
    void beginRegistrationThenOptionsAreBrowserShaped() {
        JsonNode o = JSON.readTree(f.registration.beginRegistration("alice", "Alice Example", f.ctx()));

        assertThat(o.path("rp").path("id").stringValue()).isEqualTo("bank.example");
        assertThat(o.path("rp").path("name").stringValue()).isEqualTo("Example Bank");
        assertThat(o.path("user").path("name").stringValue()).isEqualTo("alice");
        assertThat(o.path("user").path("displayName").stringValue()).isEqualTo("Alice Example");
        assertThat(unb64(o.path("challenge").stringValue())).hasSize(32);
        assertThat(o.path("pubKeyCredParams").findValues("alg")).extracting(JsonNode::intValue)
                .containsExactly(-7, -8, -257);
        assertThat(o.path("pubKeyCredParams").findValuesAsString("type")).containsOnly("public-key");
        assertThat(o.path("timeout").longValue()).isEqualTo(300_000L);
        assertThat(o.path("excludeCredentials").isArray()).isTrue();
        assertThat(o.path("excludeCredentials")).isEmpty();
        assertThat(o.path("authenticatorSelection").path("residentKey").stringValue()).isEqualTo("preferred");
        assertThat(o.path("authenticatorSelection").path("requireResidentKey").booleanValue()).isFalse();
        assertThat(o.path("authenticatorSelection").path("userVerification").stringValue()).isEqualTo("preferred");
        assertThat(o.path("attestation").stringValue()).isEqualTo("none");
    }

    @Test
    void beginRegistrationThenUserHandleRandomStablePerUserAndNotTheName() {
        byte[] alice1 = userHandle(f.registration.beginRegistration("alice", "", f.ctx()));
        byte[] alice2 = userHandle(f.registration.beginRegistration("alice", "", f.ctx()));
        byte[] bob = userHandle(f.registration.beginRegistration("bob", "", f.ctx()));

        assertThat(alice1).hasSize(32).isEqualTo(alice2).isNotEqualTo(bob);
        assertThat(new String(alice1, StandardCharsets.ISO_8859_1)).doesNotContain("alice");
        assertThat(f.store.userHandle("alice", new byte[32])).isEqualTo(alice1);
    }

    private static byte[] userHandle(String options) {
        return unb64(JSON.readTree(options).path("user").path("id").stringValue());
    }

    @Test
    void beginRegistrationTwiceThenFreshChallengeEachTimeAndOnlyLatestAccepted() {
        String first = f.registration.beginRegistration("alice", "", f.ctx());
        String firstAnswer = f.browser.create(first);
        String second = f.registration.beginRegistration("alice", "", f.ctx());

        assertThat(JSON.readTree(first).path("challenge")).isNotEqualTo(JSON.readTree(second).path("challenge"));
        assertThat(finish("alice", firstAnswer)).isEqualTo(refused(RegistrationResult.Reason.NOT_VERIFIED));
        assertThat(f.store.list("alice")).isEmpty();
    }

    @Test
    void beginRegistrationWhenNamesHoldHtmlThenEscapedInJsonButSameValue() {
        String options = f.registration.beginRegistration("o'neil&co", "<script>alert(1)</script>", f.ctx());

        assertThat(options).doesNotContain("<", ">", "&", "'");
        JsonNode o = JSON.readTree(options);
        assertThat(o.path("user").path("displayName").stringValue()).isEqualTo("<script>alert(1)</script>");
        assertThat(o.path("user").path("name").stringValue()).isEqualTo("o'neil&co");
    }

    @Test
    void beginRegistrationWhenDisplayNameBlankOrLongThenUserOrCut() {
        JsonNode blank = JSON.readTree(f.registration.beginRegistration("alice", " ", f.ctx()));
        JsonNode nullName = JSON.readTree(f.registration.beginRegistration("alice", null, f.ctx()));
        JsonNode longName = JSON.readTree(f.registration.beginRegistration("alice", "x".repeat(100), f.ctx()));

        assertThat(blank.path("user").path("displayName").stringValue()).isEqualTo("alice");
        assertThat(nullName.path("user").path("displayName").stringValue()).isEqualTo("alice");
        assertThat(longName.path("user").path("displayName").stringValue()).isEqualTo("x".repeat(64));
    }

    @Test
    void beginRegistrationThenChallengeInSessionBoundToUserAndTimeout() {
        String options = f.registration.beginRegistration("alice", "", f.ctx());

        Object pending = f.session.get(WebAuthnRegistration.SESSION_KEY);
        assertThat(pending).isInstanceOf(PendingCeremony.class);
        PendingCeremony p = (PendingCeremony) pending;
        assertThat(p.user()).isEqualTo("alice");
        assertThat(p.challenge()).isEqualTo(unb64(JSON.readTree(options).path("challenge").stringValue()));
        assertThat(p.expiresAt()).isEqualTo(T0.plus(Duration.ofMinutes(5)));
        assertThat(p.toString()).doesNotContain(b64(p.challenge()));
    }

    // ---- refusals: the challenge ----

    @Test
    void finishWhenSameAnswerTwiceThenSecondRefusedAsNoChallenge() {
        String answer = f.browser.create(f.registration.beginRegistration("alice", "", f.ctx()));
        assertThat(finish("alice", answer)).isInstanceOf(RegistrationResult.Registered.class);

        assertThat(finish("alice", answer)).isEqualTo(refused(RegistrationResult.Reason.NO_CHALLENGE));
        assertThat(f.store.list("alice")).hasSize(1);
    }

    @Test
    void finishWithoutBeginThenNoChallenge() {
        WebAuthnFixture other = new WebAuthnFixture();
        String answer = other.browser.create(other.registration.beginRegistration("alice", "", other.ctx()));

        assertThat(finish("alice", answer)).isEqualTo(refused(RegistrationResult.Reason.NO_CHALLENGE));
        assertThat(f.store.list("alice")).isEmpty();
    }

    @Test
    void finishWhenBrowserSignedAnotherChallengeThenNotVerifiedAndChallengeUsedUp() {
        String options = f.registration.beginRegistration("alice", "", f.ctx());
        String forged = EmulatedBrowser.with(options, "/challenge", b64(new byte[32]));
        String answer = f.browser.create(forged);

        assertThat(finish("alice", answer)).isEqualTo(refused(RegistrationResult.Reason.NOT_VERIFIED));
        assertThat(f.session.values).doesNotContainKey(WebAuthnRegistration.SESSION_KEY);
        assertThat(f.store.list("alice")).isEmpty();
    }

    @Test
    void finishWhenJustBeforeExpiryThenRegistered() {
        String answer = f.browser.create(f.registration.beginRegistration("alice", "", f.ctx()));
        f.now = T0.plus(Duration.ofMinutes(5)).minusMillis(1);

        assertThat(finish("alice", answer)).isInstanceOf(RegistrationResult.Registered.class);
    }

    @Test
    void finishWhenJustExpiredThenNoChallenge() {
        String answer = f.browser.create(f.registration.beginRegistration("alice", "", f.ctx()));
        f.now = T0.plus(Duration.ofMinutes(5));

        assertThat(finish("alice", answer)).isEqualTo(refused(RegistrationResult.Reason.NO_CHALLENGE));
        assertThat(f.store.list("alice")).isEmpty();
    }

    @Test
    void finishWhenChallengeWasIssuedToAnotherUserThenNoChallenge() {
        String answer = f.browser.create(f.registration.beginRegistration("alice", "", f.ctx()));

        assertThat(finish("bob", answer)).isEqualTo(refused(RegistrationResult.Reason.NO_CHALLENGE));
        assertThat(f.store.list("bob")).isEmpty();
        assertThat(f.store.list("alice")).isEmpty();
    }

    // ---- refusals: origin and RP ID ----

    @Test
    void finishWhenOriginNotAllowedThenNotVerified() {
        String options = f.registration.beginRegistration("alice", "", f.ctx());
        String answer = f.browser.at("https://bank.example.evil.test").create(options);

        assertThat(finish("alice", answer)).isEqualTo(refused(RegistrationResult.Reason.NOT_VERIFIED));
        assertThat(f.store.list("alice")).isEmpty();
    }

    @Test
    void finishWhenOriginIsAllowedSubdomainThenRegistered() {
        WebAuthnFixture multi = new WebAuthnFixture(WebAuthnConfig.of("bank.example", "Example Bank",
                Set.of("https://bank.example", "https://login.bank.example")));
        String options = multi.registration.beginRegistration("alice", "", multi.ctx());
        String answer = new EmulatedBrowser("https://login.bank.example").create(options);

        assertThat(multi.registration.finishRegistration("alice", answer, "Key", multi.ctx()))
                .isInstanceOf(RegistrationResult.Registered.class);
    }

    @Test
    void finishWhenAuthenticatorUsedAnotherRpIdThenNotVerified() {
        WebAuthnFixture sub = new WebAuthnFixture(WebAuthnConfig.of("bank.example", "Example Bank",
                Set.of("https://login.bank.example")));
        String options = sub.registration.beginRegistration("alice", "", sub.ctx());
        // the page (or a script on it) asks for a credential scoped to the subdomain instead
        String scoped = EmulatedBrowser.with(options, "/rp/id", "login.bank.example");
        String answer = new EmulatedBrowser("https://login.bank.example").create(scoped);

        assertThat(sub.registration.finishRegistration("alice", answer, "Key", sub.ctx()))
                .isEqualTo(refused(RegistrationResult.Reason.NOT_VERIFIED));
        assertThat(sub.store.list("alice")).isEmpty();
    }

    // ---- refusals: the credential id ----

    @Test
    void finishWhenCredentialIdAlreadyRegisteredToAnotherUserThenRefusedAndOtherUntouched() {
        String answer = f.browser.create(f.registration.beginRegistration("alice", "", f.ctx()));
        byte[] id = unb64(JSON.readTree(answer).path("rawId").stringValue());
        WebAuthnCredential bobs = new WebAuthnCredential("bob", id, new byte[] {1}, 7, Set.of(), new UUID(0, 0),
                "Bob's", false, false, false, T0, null);
        f.store.add(bobs);

        assertThat(finish("alice", answer)).isEqualTo(refused(RegistrationResult.Reason.ALREADY_REGISTERED));
        assertThat(f.store.find(id)).contains(bobs);
        assertThat(f.store.list("alice")).isEmpty();
    }

    @Test
    void finishWhenRawIdIsNotTheAttestedCredentialIdThenNotVerified() {
        String answer = f.browser.create(f.registration.beginRegistration("alice", "", f.ctx()));
        String other = b64(new byte[] {9, 9, 9, 9});
        String swapped = EmulatedBrowser.with(EmulatedBrowser.with(answer, "/rawId", other), "/id", other);

        assertThat(finish("alice", swapped)).isEqualTo(refused(RegistrationResult.Reason.NOT_VERIFIED));
        assertThat(f.store.list("alice")).isEmpty();
    }

    // ---- refusals: the name ----

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "tab\there", "line\nbreak"})
    void finishWhenNameUnacceptableThenInvalidNameAndChallengeKept(String name) {
        String answer = f.browser.create(f.registration.beginRegistration("alice", "", f.ctx()));

        assertThat(f.registration.finishRegistration("alice", answer, name, f.ctx()))
                .isEqualTo(refused(RegistrationResult.Reason.INVALID_NAME));
        assertThat(f.store.list("alice")).isEmpty();
        // nothing was checked yet: the same answer with a good name still registers
        assertThat(f.registration.finishRegistration("alice", answer, "Good name", f.ctx()))
                .isInstanceOf(RegistrationResult.Registered.class);
    }

    @Test
    void finishWhenNameNullOrOver64ThenInvalidNameButExactly64Accepted() {
        String answer = f.browser.create(f.registration.beginRegistration("alice", "", f.ctx()));

        assertThat(f.registration.finishRegistration("alice", answer, null, f.ctx()))
                .isEqualTo(refused(RegistrationResult.Reason.INVALID_NAME));
        assertThat(f.registration.finishRegistration("alice", answer, "n".repeat(65), f.ctx()))
                .isEqualTo(refused(RegistrationResult.Reason.INVALID_NAME));
        assertThat(f.registration.finishRegistration("alice", answer, "n".repeat(64), f.ctx()))
                .isInstanceOf(RegistrationResult.Registered.class);
    }

    // ---- refusals: malformed input ----

    static Stream<String> malformed() {
        WebAuthnFixture g = new WebAuthnFixture();
        String good = g.browser.create(g.registration.beginRegistration("alice", "", g.ctx()));
        List<String> inputs = new ArrayList<>(List.of(
                "", "null", "not json", "{", "[]", "\"text\"", "{}", "{\"type\":\"public-key\"}",
                EmulatedBrowser.with(good, "/type", "password"),
                EmulatedBrowser.without(good, "/response"),
                EmulatedBrowser.without(good, "/rawId"),
                EmulatedBrowser.with(good, "/id", "AAAA"),
                EmulatedBrowser.with(good, "/rawId", "***"),
                EmulatedBrowser.without(good, "/response/clientDataJSON"),
                EmulatedBrowser.without(good, "/response/attestationObject"),
                EmulatedBrowser.with(good, "/response/attestationObject", "not/base64url+"),
                EmulatedBrowser.with(good, "/response/attestationObject", b64("garbage, not CBOR".getBytes())),
                EmulatedBrowser.with(good, "/response/clientDataJSON", b64("{\"type\":".getBytes())),
                good.substring(0, good.length() / 2))); // truncated
        inputs.add(good + " ".repeat(RelyingParty.MAX_RESPONSE_CHARS)); // a valid answer, but over 16 KiB
        return inputs.stream();
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void finishWhenMalformedThenRefusedWithoutExceptionAndNothingStored(String json) {
        f.registration.beginRegistration("alice", "", f.ctx());

        RegistrationResult result = finish("alice", json);

        assertThat(result).isInstanceOf(RegistrationResult.Refused.class);
        assertThat(((RegistrationResult.Refused) result).reason()).isIn(RegistrationResult.Reason.MALFORMED,
                RegistrationResult.Reason.NOT_VERIFIED);
        assertThat(f.store.list("alice")).isEmpty();
        assertThat(f.session.values).doesNotContainKey(WebAuthnRegistration.SESSION_KEY);
    }

    @Test
    void finishWhenNullJsonThenMalformed() {
        f.registration.beginRegistration("alice", "", f.ctx());

        assertThat(finish("alice", null)).isEqualTo(refused(RegistrationResult.Reason.MALFORMED));
    }

    @Test
    void finishWhenValidAnswerPaddedOverSizeCapThenMalformed() {
        String answer = f.browser.create(f.registration.beginRegistration("alice", "", f.ctx()));
        String padded = answer + " ".repeat(RelyingParty.MAX_RESPONSE_CHARS - answer.length() + 1);

        assertThat(finish("alice", padded)).isEqualTo(refused(RegistrationResult.Reason.MALFORMED));
    }

    @Test
    void finishWhenValidAnswerPaddedExactlyToSizeCapThenRegistered() {
        String answer = f.browser.create(f.registration.beginRegistration("alice", "", f.ctx()));
        String padded = answer + " ".repeat(RelyingParty.MAX_RESPONSE_CHARS - answer.length());

        assertThat(finish("alice", padded)).isInstanceOf(RegistrationResult.Registered.class);
    }

    // ---- values ----

    @Test
    void registeredCopiesIdInAndOutAndKeepsItOutOfToString() {
        byte[] id = {1, 2, 3};
        RegistrationResult.Registered registered = new RegistrationResult.Registered(id);
        id[0] = 9;
        registered.credentialId()[1] = 9;

        assertThat(registered.credentialId()).containsExactly(1, 2, 3);
        assertThat(registered).isEqualTo(new RegistrationResult.Registered(new byte[] {1, 2, 3}));
        assertThat(registered.toString()).doesNotContain("AQID");
        assertThat(RegistrationResult.Reason.INVALID_NAME.messageKey()).isEqualTo("stepwise.mfa.error.webauthn.name");
    }
}
