package dev.stepwise.mfa.factor.webauthn;

import dev.stepwise.mfa.factor.ChallengeContext;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One relying party ({@code https://bank.example}), its in-memory store, one user's session and an emulated
 * browser with a security key; time is whatever {@link #now} says.
 */
final class WebAuthnFixture {

    static final String RP_ID = "bank.example";
    static final String ORIGIN = "https://bank.example";
    static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");

    final WebAuthnConfig config;
    final InMemoryWebAuthnCredentialStore store = new InMemoryWebAuthnCredentialStore();
    final MapSession session = new MapSession();
    final List<CloneWarning> warnings = new ArrayList<>();
    final WebAuthnRegistration registration;
    final WebAuthnFactor factor;
    final EmulatedBrowser browser = new EmulatedBrowser(ORIGIN);
    Instant now = T0;

    WebAuthnFixture() {
        this(WebAuthnConfig.of(RP_ID, "Example Bank", Set.of(ORIGIN)));
    }

    WebAuthnFixture(WebAuthnConfig config) {
        this.config = config;
        this.registration = new WebAuthnRegistration(config, store);
        this.factor = new WebAuthnFactor(config, store, warnings::add);
    }

    ChallengeContext ctx() {
        return new ChallengeContext(now, Locale.ENGLISH, "192.0.2.7", "JUnit", session);
    }

    /** Registers the browser's key for {@code user}; returns the stored credential. */
    WebAuthnCredential register(String user) {
        return register(user, browser);
    }

    WebAuthnCredential register(String user, EmulatedBrowser with) {
        String options = registration.beginRegistration(user, user, ctx());
        RegistrationResult result = registration.finishRegistration(user, with.create(options), "Key of " + user,
                ctx());
        assertThat(result).isInstanceOf(RegistrationResult.Registered.class);
        byte[] id = ((RegistrationResult.Registered) result).credentialId();
        return store.find(id).orElseThrow();
    }

    /** The request options the challenge page would get for {@code user}. */
    String beginChallenge(String user) {
        return (String) factor.beginChallenge(user, ctx()).model().get(WebAuthnFactor.OPTIONS);
    }

    /** Replaces the stored record with one whose counter is {@code signCount}: the server's memory is ahead. */
    void setStoredSignCount(WebAuthnCredential c, long signCount) {
        WebAuthnCredential current = store.find(c.credentialId()).orElseThrow();
        store.delete(current.user(), current.credentialId());
        store.add(new WebAuthnCredential(current.user(), current.credentialId(), current.attestedCredentialData(),
                signCount, current.transports(), current.aaguid(), current.name(), current.uvInitialized(),
                current.backupEligible(), current.backedUp(), current.createdAt(), current.lastUsedAt()));
    }
}
