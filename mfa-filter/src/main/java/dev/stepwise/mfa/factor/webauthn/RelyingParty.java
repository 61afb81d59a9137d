package dev.stepwise.mfa.factor.webauthn;

import com.webauthn4j.WebAuthnManager;
import com.webauthn4j.converter.AttestedCredentialDataConverter;
import com.webauthn4j.converter.AuthenticatorTransportConverter;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.credential.CredentialRecordImpl;
import com.webauthn4j.data.PublicKeyCredentialParameters;
import com.webauthn4j.data.PublicKeyCredentialType;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.client.Origin;
import com.webauthn4j.data.client.challenge.DefaultChallenge;
import com.webauthn4j.server.ServerProperty;
import dev.stepwise.mfa.factor.ChallengeContext;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The relying-party side shared by registration and authentication: the configuration, webauthn4j's verifier
 * and converters, challenge issue and single-use consumption, and the JSON codec for the browser.
 */
final class RelyingParty {

    /** Largest credential JSON accepted from the browser, in characters; checked before parsing. */
    static final int MAX_RESPONSE_CHARS = 16 * 1024;

    /** WebAuthn §13.4.3: challenges of at least 16 random bytes; 32 leaves a margin. */
    static final int CHALLENGE_BYTES = 32;

    /** WebAuthn §14.6.1: a random user handle (up to 64 bytes) that reveals nothing about the user. */
    static final int USER_HANDLE_BYTES = 32;

    /** How many decoded stored credentials are kept (each: an id, an AAGUID, a public key; about 1 KB). */
    static final int MAX_DECODED_CREDENTIALS = 1_000;

    /**
     * What the options offer, in order of preference: ES256, EdDSA (Ed25519), RS256 (WebAuthn §5.4
     * {@code pubKeyCredParams}; the spec's examples and most authenticators support ES256 and RS256).
     */
    static final List<COSEAlgorithmIdentifier> ALGORITHMS = List.of(
            COSEAlgorithmIdentifier.ES256, COSEAlgorithmIdentifier.EdDSA, COSEAlgorithmIdentifier.RS256);

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder BASE64URL_DECODER = Base64.getUrlDecoder();

    private final WebAuthnConfig config;
    private final SecureRandom random;
    private final ObjectConverter converter = new ObjectConverter();
    private final JsonMapper json = JsonMapper.builder().build();
    private final WebAuthnManager manager;
    private final AttestedCredentialDataConverter attestedCredentialDataConverter =
            new AttestedCredentialDataConverter(converter);
    private final AuthenticatorTransportConverter transportConverter = new AuthenticatorTransportConverter();
    /**
     * Stored credentials' attested data as webauthn4j objects, by their whole bytes: decoding the CBOR public key
     * cost more than anything in a verification but the signature (benchmarks/notes/jmh.md).
     */
    private final DecodedCredentials<AttestedCredentialData> decoded =
            new DecodedCredentials<>(MAX_DECODED_CREDENTIALS, attestedCredentialDataConverter::convert);

    RelyingParty(WebAuthnConfig config, SecureRandom random) {
        this.config = Objects.requireNonNull(config, "config");
        this.random = Objects.requireNonNull(random, "random");
        // Attestation "none" is requested, so attestation statements are not checked against trust anchors; the
        // non-strict manager still verifies challenge, origin, RP ID hash, flags, algorithm and signatures.
        this.manager = WebAuthnManager.createNonStrictWebAuthnManager(converter);
        // The sign-count rule (WebAuthn L2 §7.2 step 21) is applied by WebAuthnFactor itself, after the signature
        // is known to be good, so that it can report the clone warning with the stored and presented values.
        this.manager.getAuthenticationDataVerifier().setMaliciousCounterValueHandler(authenticationObject -> { });
    }

    WebAuthnConfig config() {
        return config;
    }

    WebAuthnManager manager() {
        return manager;
    }

    AttestedCredentialDataConverter attestedCredentialDataConverter() {
        return attestedCredentialDataConverter;
    }

    /** Fresh random bytes from the {@link SecureRandom}. */
    byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    /** Issues a new challenge for {@code user}, replacing any earlier one under {@code key}. */
    byte[] issueChallenge(String key, String user, ChallengeContext ctx) {
        byte[] challenge = randomBytes(CHALLENGE_BYTES);
        ctx.session().put(key, new PendingCeremony(user, challenge, ctx.now().plus(config.timeout())));
        return challenge;
    }

    /**
     * Takes the challenge under {@code key} out of the session: single use, whether or not the answer is good.
     *
     * @return the challenge, or {@code null} if there is none, it expired, or it was issued to another user
     */
    static byte[] consumeChallenge(String key, String user, ChallengeContext ctx) {
        Object stored = ctx.session().remove(key);
        if (stored instanceof PendingCeremony pending && pending.isValidFor(user, ctx.now())) {
            return pending.challenge();
        }
        return null;
    }

    /** What webauthn4j checks the client data and authenticator data against. */
    ServerProperty serverProperty(byte[] challenge) {
        Set<Origin> origins = config.origins().stream().map(Origin::new).collect(Collectors.toUnmodifiableSet());
        return ServerProperty.builder()
                .origins(origins)
                .rpId(config.rpId())
                .challenge(new DefaultChallenge(challenge))
                .build();
    }

    List<PublicKeyCredentialParameters> algorithms() {
        return ALGORITHMS.stream()
                .map(alg -> new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, alg))
                .toList();
    }

    boolean userVerificationRequired() {
        return config.userVerification() == WebAuthnConfig.UserVerification.REQUIRED;
    }

    /**
     * The webauthn4j credential record of a stored credential, to verify an assertion against: a new record each
     * time (webauthn4j's verifier sets its counter and flags), around the attested data decoded from the stored
     * bytes, which is kept between calls ({@link DecodedCredentials}).
     */
    CredentialRecordImpl credentialRecord(WebAuthnCredential credential) {
        return new CredentialRecordImpl(
                null, // attestation "none": no statement is kept
                credential.uvInitialized(), credential.backupEligible(), credential.backedUp(),
                credential.signCount(),
                decoded.get(credential.attestedCredentialData()),
                null, null, null,
                transportConverter.convertSet(credential.transports()));
    }

    // ---- JSON ----

    ObjectNode newObject() {
        return json.createObjectNode();
    }

    /** {@code [{"type":"public-key","id":…,"transports":[…]}, …]} for allow/excludeCredentials. */
    void putDescriptors(ObjectNode parent, String field, List<WebAuthnCredential> credentials) {
        ArrayNode array = parent.putArray(field);
        for (WebAuthnCredential credential : credentials) {
            ObjectNode descriptor = array.addObject();
            descriptor.put("type", "public-key");
            descriptor.put("id", credential.credentialIdBase64Url());
            ArrayNode transports = descriptor.putArray("transports");
            credential.transports().stream().sorted().forEach(transports::add);
        }
    }

    /**
     * The JSON text of {@code node}, safe to place inside an HTML {@code <script>} element or attribute: the
     * characters {@code < > & '} and the JavaScript line separators can only occur inside JSON strings, where
     * their {@code \}{@code uXXXX} escapes mean the same.
     */
    String write(JsonNode node) {
        String text = json.writeValueAsString(node);
        StringBuilder safe = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<', '>', '&', '\'', '\u2028', '\u2029' -> safe.append(String.format("\\u%04x", (int) c));
                default -> safe.append(c);
            }
        }
        return safe.toString();
    }

    /**
     * The browser's credential JSON as a tree, or {@code null} if it is missing, larger than
     * {@link #MAX_RESPONSE_CHARS}, not JSON, or not a {@code PublicKeyCredential}: an object with
     * {@code "type":"public-key"}, a base64url {@code rawId} equal to {@code id}, and a {@code response} object.
     */
    JsonNode readCredential(String text) {
        if (text == null || text.isEmpty() || text.length() > MAX_RESPONSE_CHARS) {
            return null;
        }
        JsonNode node;
        try {
            node = json.readTree(text);
        } catch (JacksonException e) {
            return null;
        }
        if (node == null || !node.isObject() || !"public-key".equals(string(node, "type"))
                || !node.path("response").isObject()) {
            return null;
        }
        byte[] rawId = base64Url(node, "rawId");
        String id = string(node, "id");
        if (rawId == null || rawId.length == 0 || id == null
                || !MessageDigest.isEqual(BASE64URL.encodeToString(rawId).getBytes(StandardCharsets.UTF_8),
                id.getBytes(StandardCharsets.UTF_8))) {
            return null;
        }
        return node;
    }

    /** The string value of {@code field}, or {@code null} if absent or not a string. */
    static String string(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isString() ? value.stringValue() : null;
    }

    /** The base64url-decoded value of {@code field}, or {@code null} if absent, not a string or not base64url. */
    static byte[] base64Url(JsonNode node, String field) {
        String value = string(node, field);
        if (value == null) {
            return null;
        }
        try {
            return BASE64URL_DECODER.decode(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static String base64Url(byte[] bytes) {
        return BASE64URL.encodeToString(bytes);
    }
}
