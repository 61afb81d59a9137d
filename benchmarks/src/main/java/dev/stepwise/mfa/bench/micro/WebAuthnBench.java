package dev.stepwise.mfa.bench.micro;

import com.webauthn4j.converter.AttestedCredentialDataConverter;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import dev.stepwise.mfa.factor.ChallengeContext;
import dev.stepwise.mfa.factor.Verification;
import dev.stepwise.mfa.factor.webauthn.EmulatedBrowser;
import dev.stepwise.mfa.factor.webauthn.InMemoryWebAuthnCredentialStore;
import dev.stepwise.mfa.factor.webauthn.RegistrationResult;
import dev.stepwise.mfa.factor.webauthn.WebAuthnConfig;
import dev.stepwise.mfa.factor.webauthn.WebAuthnCredential;
import dev.stepwise.mfa.factor.webauthn.WebAuthnFactor;
import dev.stepwise.mfa.factor.webauthn.WebAuthnRegistration;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A WebAuthn ES256 assertion verified by the library's factor, {@link WebAuthnFactor#verify} (target ≤ 300 µs):
 * the challenge taken from the session, the posted JSON read and checked, the credential looked up, webauthn4j's
 * parse and verification (client data, RP ID hash, flags, ECDSA P-256 signature) and the counter rule. The key is
 * registered and the assertion made once in the set-up, by the library's registration and webauthn4j-test's
 * emulated authenticator; the session hands the same challenge out again and the store keeps the registered
 * counter ({@link ReplayingSession}, {@link FrozenCounterStore}), so every call verifies a valid first answer.
 * {@code es256SignatureOnly} is the floor: the JDK's ECDSA P-256 check of the same signature, nothing else.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
public class WebAuthnBench {

    private static final String USER = "alice";
    private static final String ORIGIN = "https://bank.example";

    private WebAuthnFactor factor;
    private ChallengeContext ctx;
    private Map<String, String> answer;
    private PublicKey publicKey;
    private byte[] signedData;
    private byte[] signature;

    @Setup
    public void setUp() throws GeneralSecurityException {
        WebAuthnConfig config = WebAuthnConfig.of("bank.example", "Example Bank", Set.of(ORIGIN));
        InMemoryWebAuthnCredentialStore registered = new InMemoryWebAuthnCredentialStore();
        ReplayingSession session = new ReplayingSession();
        ctx = new ChallengeContext(Instant.now(), Locale.ENGLISH, "192.0.2.7", "JMH", session, ORIGIN);
        EmulatedBrowser key = new EmulatedBrowser(ORIGIN);
        WebAuthnRegistration registration = new WebAuthnRegistration(config, registered);
        String created = key.create(registration.beginRegistration(USER, USER, ctx));
        if (!(registration.finishRegistration(USER, created, "Key", ctx)
                instanceof RegistrationResult.Registered r)) {
            throw new IllegalStateException("the emulated key did not register");
        }
        WebAuthnCredential credential = registered.find(r.credentialId()).orElseThrow();
        requireEs256(credential);
        factor = new WebAuthnFactor(config, new FrozenCounterStore(registered, credential), w -> { });
        String options = (String) factor.beginChallenge(USER, ctx).model().get(WebAuthnFactor.OPTIONS);
        answer = Map.of("factor", "webauthn", WebAuthnFactor.CREDENTIAL, key.get(options));
        keepSignedData(answer.get(WebAuthnFactor.CREDENTIAL));
        session.replaying();
        for (int i = 0; i < 2; i++) {
            if (!(verify() instanceof Verification.Accepted)) {
                throw new IllegalStateException("the emulated key's assertion must be accepted every time");
            }
        }
    }

    /** Checks that the key is ES256 and keeps what the signature check alone needs. */
    private void requireEs256(WebAuthnCredential credential) {
        var key = new AttestedCredentialDataConverter(new ObjectConverter())
                .convert(credential.attestedCredentialData()).getCOSEKey();
        if (!COSEAlgorithmIdentifier.ES256.equals(key.getAlgorithm())) {
            throw new IllegalStateException("the emulated key must be an ES256 key, is " + key.getAlgorithm());
        }
        publicKey = key.getPublicKey();
    }

    /** WebAuthn §7.2 step 20: the signature is over authenticatorData ‖ SHA-256(clientDataJSON). */
    private void keepSignedData(String credentialJson) throws GeneralSecurityException {
        JsonNode response = JsonMapper.builder().build().readTree(credentialJson).path("response");
        Base64.Decoder b64 = Base64.getUrlDecoder();
        byte[] authenticatorData = b64.decode(response.path("authenticatorData").stringValue());
        byte[] clientDataHash = MessageDigest.getInstance("SHA-256")
                .digest(b64.decode(response.path("clientDataJSON").stringValue()));
        signedData = ByteBuffer.allocate(authenticatorData.length + clientDataHash.length).put(authenticatorData)
                .put(clientDataHash).array();
        signature = b64.decode(response.path("signature").stringValue());
        if (!es256SignatureOnly()) {
            throw new IllegalStateException("the assertion's signature must verify");
        }
    }

    @Benchmark
    public Verification verify() {
        return factor.verify(USER, answer, ctx);
    }

    @Benchmark
    public boolean es256SignatureOnly() throws GeneralSecurityException {
        Signature ecdsa = Signature.getInstance("SHA256withECDSA");
        ecdsa.initVerify(publicKey);
        ecdsa.update(signedData);
        return ecdsa.verify(signature);
    }
}
