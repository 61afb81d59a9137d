package dev.stepwise.mfa.factor.webauthn;

import dev.stepwise.mfa.factor.ChallengeContext;
import dev.stepwise.mfa.factor.Verification;
import dev.stepwise.mfa.factor.webauthn.WebAuthnConfig.UserVerification;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static dev.stepwise.mfa.factor.webauthn.EmulatedBrowser.JSON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@code stepwise.mfa.webauthn.user-verification} as {@link WebAuthnByOrigin} applies it, with a configured relying
 * party and in development mode (one relying party per origin): both ceremonies ask for it, and with
 * {@code required} an answer whose authenticator data lacks the UV flag proves nothing. The attack: a browser or
 * authenticator that signs without verifying the user (it was told {@code discouraged}, or it ignores the
 * options), to pass with the key alone where the application requires a PIN or biometric.
 */
class UserVerificationTest {

    private static final String DEV_ORIGIN = "http://localhost:8080";
    private static final Instant T0 = Instant.parse("2026-12-05T10:00:00Z");

    private final InMemoryWebAuthnCredentialStore store = new InMemoryWebAuthnCredentialStore();
    private final MapSession session = new MapSession();
    private final List<CloneWarning> warnings = new java.util.ArrayList<>();

    private ChallengeContext ctx(String origin) {
        return new ChallengeContext(T0, Locale.ENGLISH, "192.0.2.7", "JUnit", session, origin);
    }

    private WebAuthnByOrigin development(UserVerification uv) {
        return new WebAuthnByOrigin(null, "Bank", uv, store, warnings::add);
    }

    private WebAuthnByOrigin configured(UserVerification uv) {
        WebAuthnConfig config = WebAuthnConfig.of(WebAuthnFixture.RP_ID, "Bank", Set.of(WebAuthnFixture.ORIGIN))
                .withUserVerification(uv);
        return new WebAuthnByOrigin(config, "Bank", UserVerification.PREFERRED, store, warnings::add);
    }

    /** The options as a browser that skips user verification acts on them. */
    private static String withoutUv(String options, boolean registration) {
        ObjectNode o = (ObjectNode) JSON.readTree(options);
        ObjectNode target = registration ? (ObjectNode) o.path("authenticatorSelection") : o;
        target.put("userVerification", "discouraged");
        return JSON.writeValueAsString(o);
    }

    private static String uvAsked(String options, boolean registration) {
        var o = JSON.readTree(options);
        return (registration ? o.path("authenticatorSelection") : o).path("userVerification").stringValue();
    }

    /** Registers a key that verifies the user; returns the browser holding it. */
    private EmulatedBrowser registered(WebAuthnByOrigin factor, String origin) {
        EmulatedBrowser browser = new EmulatedBrowser(origin);
        String options = factor.beginRegistration("alice", "Alice", ctx(origin));
        assertThat(factor.finishRegistration("alice", browser.create(options), "Key", ctx(origin)))
                .isEqualTo(Verification.accepted());
        return browser;
    }

    private Verification signIn(WebAuthnByOrigin factor, EmulatedBrowser browser, String origin, boolean uv) {
        String options = (String) factor.beginChallenge("alice", ctx(origin)).model().get(WebAuthnFactor.OPTIONS);
        String answer = browser.get(uv ? options : withoutUv(options, false));
        return factor.verify("alice", Map.of(WebAuthnFactor.CREDENTIAL, answer), ctx(origin));
    }

    @ParameterizedTest
    @EnumSource(UserVerification.class)
    void bothCeremoniesAskForTheConfiguredVerificationInDevelopmentAndWithARelyingParty(UserVerification uv) {
        for (var factorAndOrigin : List.of(Map.entry(development(uv), DEV_ORIGIN),
                Map.entry(configured(uv), WebAuthnFixture.ORIGIN))) {
            WebAuthnByOrigin factor = factorAndOrigin.getKey();
            String origin = factorAndOrigin.getValue();

            assertThat(uvAsked(factor.beginRegistration("alice", "Alice", ctx(origin)), true)).isEqualTo(uv.value());
            assertThat(uvAsked((String) factor.beginChallenge("alice", ctx(origin)).model()
                    .get(WebAuthnFactor.OPTIONS), false)).isEqualTo(uv.value());
        }
    }

    @Test
    void requiredInDevelopmentRefusesAnAssertionWithoutTheUvFlagAndMovesNoCounter() {
        WebAuthnByOrigin factor = development(UserVerification.REQUIRED);
        EmulatedBrowser key = registered(factor, DEV_ORIGIN);
        WebAuthnCredential before = store.list("alice").get(0);

        assertThat(signIn(factor, key, DEV_ORIGIN, false)).isEqualTo(Verification.rejected(WebAuthnFactor.ERROR));

        WebAuthnCredential after = store.list("alice").get(0);
        assertThat(after.signCount()).isEqualTo(before.signCount());
        assertThat(after.lastUsedAt()).isNull();
        assertThat(signIn(factor, key, DEV_ORIGIN, true)).isEqualTo(Verification.accepted());
    }

    @Test
    void requiredWithARelyingPartyRefusesAnAssertionWithoutTheUvFlag() {
        WebAuthnByOrigin factor = configured(UserVerification.REQUIRED);
        EmulatedBrowser key = registered(factor, WebAuthnFixture.ORIGIN);

        assertThat(signIn(factor, key, WebAuthnFixture.ORIGIN, false))
                .isEqualTo(Verification.rejected(WebAuthnFactor.ERROR));
        assertThat(signIn(factor, key, WebAuthnFixture.ORIGIN, true)).isEqualTo(Verification.accepted());
    }

    @ParameterizedTest
    @EnumSource(value = UserVerification.class, names = {"PREFERRED", "DISCOURAGED"})
    void preferredOrDiscouragedAcceptsAnAssertionWithoutTheUvFlag(UserVerification uv) {
        WebAuthnByOrigin factor = development(uv);
        EmulatedBrowser key = registered(factor, DEV_ORIGIN);

        assertThat(signIn(factor, key, DEV_ORIGIN, false)).isEqualTo(Verification.accepted());
    }

    @Test
    void requiredRefusesARegistrationWithoutTheUvFlagAndStoresNothing() {
        WebAuthnByOrigin factor = development(UserVerification.REQUIRED);
        String options = factor.beginRegistration("alice", "Alice", ctx(DEV_ORIGIN));
        String created = EmulatedBrowser.withoutUvFlag(new EmulatedBrowser(DEV_ORIGIN).create(withoutUv(options, true)));

        Verification result = factor.finishRegistration("alice", created, "Key", ctx(DEV_ORIGIN));

        assertThat(result).isEqualTo(Verification.rejected(RegistrationResult.Reason.NOT_VERIFIED.messageKey()));
        assertThat(store.list("alice")).isEmpty();
    }

    @Test
    void preferredAcceptsARegistrationWithoutTheUvFlag() {
        WebAuthnByOrigin factor = development(UserVerification.PREFERRED);
        String options = factor.beginRegistration("alice", "Alice", ctx(DEV_ORIGIN));
        String created = EmulatedBrowser.withoutUvFlag(new EmulatedBrowser(DEV_ORIGIN).create(withoutUv(options, true)));

        assertThat(factor.finishRegistration("alice", created, "Key", ctx(DEV_ORIGIN)))
                .isEqualTo(Verification.accepted());
        assertThat(store.list("alice")).singleElement().extracting(WebAuthnCredential::uvInitialized).isEqualTo(false);
    }

    @ParameterizedTest
    @ValueSource(strings = {"required", "preferred", "discouraged"})
    void theParameterValuesNameTheRequirements(String value) {
        assertThat(UserVerification.ofValue(value).value()).isEqualTo(value);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"Required", "REQUIRED", " required", "always", "requiredx", "requİred"})
    void anyOtherValueIsRefused(String value) {
        assertThatIllegalArgumentException().isThrownBy(() -> UserVerification.ofValue(value))
                .withMessageContaining("required, preferred or discouraged");
    }
}
