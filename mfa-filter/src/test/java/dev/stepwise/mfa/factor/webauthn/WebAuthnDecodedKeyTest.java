package dev.stepwise.mfa.factor.webauthn;

import com.webauthn4j.converter.AttestedCredentialDataConverter;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import dev.stepwise.mfa.factor.ChallengeContext;
import dev.stepwise.mfa.factor.Verification;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The decoded public keys {@link RelyingParty} keeps between verifications: a stored record that changed is
 * decoded afresh, a kept key grants nothing to whoever does not own the record, and parallel verifications agree.
 */
class WebAuthnDecodedKeyTest {

    private static final AttestedCredentialDataConverter CONVERTER =
            new AttestedCredentialDataConverter(new ObjectConverter());

    private final WebAuthnFixture f = new WebAuthnFixture();

    private Verification verify(WebAuthnFactor factor, String user, String answer, ChallengeContext ctx) {
        Map<String, String> input = new HashMap<>();
        input.put("factor", "webauthn");
        input.put(WebAuthnFactor.CREDENTIAL, answer);
        return factor.verify(user, input, ctx);
    }

    private Verification signIn(String user, EmulatedBrowser key) {
        return verify(f.factor, user, key.get(f.beginChallenge(user)), f.ctx());
    }

    /** {@code stored} with another attested-data value, everything else as it is. */
    private static WebAuthnCredential withAttested(WebAuthnCredential stored, String user, byte[] attested) {
        return new WebAuthnCredential(user, stored.credentialId(), attested, stored.signCount(),
                stored.transports(), stored.aaguid(), stored.name(), stored.uvInitialized(), stored.backupEligible(),
                stored.backedUp(), stored.createdAt(), stored.lastUsedAt());
    }

    @Test
    void storedPublicKeyReplacedUnderTheSameCredentialIdThenTheOldKeysAssertionIsRefused() {
        WebAuthnCredential alices = f.register("alice");
        assertThat(signIn("alice", f.browser)).isEqualTo(Verification.accepted());   // her key is now decoded
        // the row changes: same credential id and AAGUID, another public key (re-registration, a restore, an admin)
        EmulatedBrowser other = new EmulatedBrowser(WebAuthnFixture.ORIGIN);
        AttestedCredentialData otherKey = CONVERTER.convert(f.register("mallory", other).attestedCredentialData());
        AttestedCredentialData old = CONVERTER.convert(alices.attestedCredentialData());
        byte[] replaced = CONVERTER.convert(new AttestedCredentialData(old.getAaguid(), old.getCredentialId(),
                otherKey.getCOSEKey()));
        WebAuthnCredential current = f.store.find(alices.credentialId()).orElseThrow();
        f.store.delete("alice", alices.credentialId());
        f.store.add(withAttested(current, "alice", replaced));

        assertThat(signIn("alice", f.browser)).isEqualTo(Verification.rejected("stepwise.mfa.error.webauthn"));
    }

    @Test
    void recordMovedToAnotherUserWithTheSameBytesThenTheFormerOwnerGainsNothing() {
        WebAuthnCredential alices = f.register("alice");
        assertThat(signIn("alice", f.browser)).isEqualTo(Verification.accepted());
        WebAuthnCredential current = f.store.find(alices.credentialId()).orElseThrow();
        f.store.delete("alice", alices.credentialId());
        f.store.add(withAttested(current, "bob", current.attestedCredentialData()));

        String answer = EmulatedBrowser.without(f.browser.get(f.beginChallenge("alice")), "/response/userHandle");
        assertThat(verify(f.factor, "alice", answer, f.ctx()))
                .isEqualTo(Verification.rejected("stepwise.mfa.error.webauthn"));
        assertThat(f.store.find(alices.credentialId()).orElseThrow().signCount()).isEqualTo(current.signCount());
    }

    @Test
    void thirtyTwoUsersVerifyingInParallelThenEachIsAcceptedAgainstTheirOwnKeyTwice() throws Exception {
        int users = 32;
        List<EmulatedBrowser> keys = new ArrayList<>();
        List<WebAuthnCredential> registered = new ArrayList<>();
        for (int i = 0; i < users; i++) {
            EmulatedBrowser key = new EmulatedBrowser(WebAuthnFixture.ORIGIN);
            keys.add(key);
            registered.add(f.register("user" + i, key));
        }
        for (int round = 1; round <= 2; round++) {   // round 1 decodes, round 2 uses what was kept
            AtomicInteger next = new AtomicInteger();
            List<Verification> results = DecodedCredentialsTest.race(users, () -> {
                int i = next.getAndIncrement();
                ChallengeContext ctx = new ChallengeContext(WebAuthnFixture.T0, Locale.ENGLISH, "192.0.2.7", "JUnit",
                        new MapSession());
                String options = (String) f.factor.beginChallenge("user" + i, ctx).model().get(WebAuthnFactor.OPTIONS);
                String answer;
                synchronized (keys.get(i)) {
                    answer = keys.get(i).get(options);
                }
                return verify(f.factor, "user" + i, answer, ctx);
            });
            assertThat(results).hasSize(users).containsOnly(Verification.accepted());
            for (int i = 0; i < users; i++) {
                assertThat(f.store.find(registered.get(i).credentialId()).orElseThrow().signCount())
                        .isEqualTo(registered.get(i).signCount() + round);
            }
        }
    }
}
