package dev.stepwise.mfa.factor.webauthn;

import com.webauthn4j.data.AttestationConveyancePreference;
import com.webauthn4j.data.AuthenticatorAssertionResponse;
import com.webauthn4j.data.AuthenticatorAttestationResponse;
import com.webauthn4j.data.AuthenticatorSelectionCriteria;
import com.webauthn4j.data.AuthenticatorTransport;
import com.webauthn4j.data.PublicKeyCredential;
import com.webauthn4j.data.PublicKeyCredentialCreationOptions;
import com.webauthn4j.data.PublicKeyCredentialDescriptor;
import com.webauthn4j.data.PublicKeyCredentialParameters;
import com.webauthn4j.data.PublicKeyCredentialRequestOptions;
import com.webauthn4j.data.PublicKeyCredentialRpEntity;
import com.webauthn4j.data.PublicKeyCredentialType;
import com.webauthn4j.data.PublicKeyCredentialUserEntity;
import com.webauthn4j.data.ResidentKeyRequirement;
import com.webauthn4j.data.UserVerificationRequirement;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.client.Origin;
import com.webauthn4j.data.client.challenge.DefaultChallenge;
import com.webauthn4j.data.extension.client.AuthenticationExtensionClientOutput;
import com.webauthn4j.data.extension.client.RegistrationExtensionClientOutput;
import com.webauthn4j.test.authenticator.webauthn.PackedAuthenticator;
import com.webauthn4j.test.authenticator.webauthn.WebAuthnAuthenticatorAdaptor;
import com.webauthn4j.test.authenticator.webauthn.WebAuthnModelAuthenticator;
import com.webauthn4j.test.client.ClientPlatform;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What the page's script does, with webauthn4j-test's emulated authenticator in place of the real one: read
 * the options JSON the server sent (as {@code PublicKeyCredential.parseCreationOptionsFromJSON} would), call
 * the authenticator, and answer with {@code PublicKeyCredential.toJSON()} of the result, including the extra
 * members real browsers add ({@code authenticatorAttachment}, {@code response.authenticatorData},
 * {@code response.publicKeyAlgorithm}). Shared with the in-container tests through this module's test jar.
 */
public final class EmulatedBrowser {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    final WebAuthnModelAuthenticator authenticator;
    private final ClientPlatform platform;

    /** A browser at {@code origin} with a fresh packed-attestation security key. */
    public EmulatedBrowser(String origin) {
        this(origin, new PackedAuthenticator());
    }

    EmulatedBrowser(String origin, WebAuthnModelAuthenticator authenticator) {
        this.authenticator = authenticator;
        this.platform = new ClientPlatform(new Origin(origin), new WebAuthnAuthenticatorAdaptor(authenticator));
    }

    /** The page now runs at another origin (a phishing site relaying the options). */
    public EmulatedBrowser at(String origin) {
        platform.setOrigin(new Origin(origin));
        return this;
    }

    /** {@code navigator.credentials.create} with the server's options; the answer as the page posts it. */
    public String create(String optionsJson) {
        JsonNode o = JSON.readTree(optionsJson);
        PublicKeyCredentialRpEntity rp = new PublicKeyCredentialRpEntity(o.path("rp").path("id").stringValue(),
                o.path("rp").path("name").stringValue());
        PublicKeyCredentialUserEntity user = new PublicKeyCredentialUserEntity(
                B64D.decode(o.path("user").path("id").stringValue()), o.path("user").path("name").stringValue(),
                o.path("user").path("displayName").stringValue());
        List<PublicKeyCredentialParameters> params = new ArrayList<>();
        for (JsonNode p : o.path("pubKeyCredParams")) {
            params.add(new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY,
                    COSEAlgorithmIdentifier.create(p.path("alg").longValue())));
        }
        JsonNode selection = o.path("authenticatorSelection");
        PublicKeyCredentialCreationOptions options = new PublicKeyCredentialCreationOptions(rp, user,
                new DefaultChallenge(B64D.decode(o.path("challenge").stringValue())), params,
                o.path("timeout").longValue(), descriptors(o.path("excludeCredentials")),
                new AuthenticatorSelectionCriteria(null,
                        ResidentKeyRequirement.create(selection.path("residentKey").stringValue()),
                        UserVerificationRequirement.create(selection.path("userVerification").stringValue())),
                AttestationConveyancePreference.create(o.path("attestation").stringValue()), null);
        PublicKeyCredential<AuthenticatorAttestationResponse, RegistrationExtensionClientOutput> created =
                platform.create(options);
        AuthenticatorAttestationResponse r = created.getResponse();
        ObjectNode json = credentialJson(created.getRawId());
        ObjectNode response = json.putObject("response");
        response.put("clientDataJSON", B64.encodeToString(r.getClientDataJSON()));
        response.put("attestationObject", B64.encodeToString(r.getAttestationObject()));
        response.put("authenticatorData", B64.encodeToString(r.getAuthenticatorData()));
        response.put("publicKeyAlgorithm", -7);
        ArrayNode transports = response.putArray("transports");
        transports.add("usb");
        return JSON.writeValueAsString(json);
    }

    /** {@code navigator.credentials.get} with the server's options; the answer as the page posts it. */
    public String get(String optionsJson) {
        JsonNode o = JSON.readTree(optionsJson);
        PublicKeyCredentialRequestOptions options = new PublicKeyCredentialRequestOptions(
                new DefaultChallenge(B64D.decode(o.path("challenge").stringValue())), o.path("timeout").longValue(),
                o.path("rpId").stringValue(), descriptors(o.path("allowCredentials")),
                UserVerificationRequirement.create(o.path("userVerification").stringValue()), null);
        PublicKeyCredential<AuthenticatorAssertionResponse, AuthenticationExtensionClientOutput> assertion =
                platform.get(options);
        AuthenticatorAssertionResponse r = assertion.getResponse();
        ObjectNode json = credentialJson(assertion.getRawId());
        ObjectNode response = json.putObject("response");
        response.put("clientDataJSON", B64.encodeToString(r.getClientDataJSON()));
        response.put("authenticatorData", B64.encodeToString(r.getAuthenticatorData()));
        response.put("signature", B64.encodeToString(r.getSignature()));
        if (r.getUserHandle() != null) {
            response.put("userHandle", B64.encodeToString(r.getUserHandle()));
        }
        return JSON.writeValueAsString(json);
    }

    private static ObjectNode credentialJson(byte[] rawId) {
        ObjectNode json = JSON.createObjectNode();
        json.put("id", B64.encodeToString(rawId));
        json.put("rawId", B64.encodeToString(rawId));
        json.put("type", "public-key");
        json.put("authenticatorAttachment", "cross-platform");
        json.putObject("clientExtensionResults");
        return json;
    }

    private static List<PublicKeyCredentialDescriptor> descriptors(JsonNode array) {
        List<PublicKeyCredentialDescriptor> list = new ArrayList<>();
        for (JsonNode d : array) {
            Set<AuthenticatorTransport> transports = new HashSet<>();
            for (JsonNode t : d.path("transports")) {
                transports.add(AuthenticatorTransport.create(t.stringValue()));
            }
            list.add(new PublicKeyCredentialDescriptor(PublicKeyCredentialType.PUBLIC_KEY,
                    B64D.decode(d.path("id").stringValue()), transports));
        }
        return list;
    }

    /** {@code json} with the string at {@code /a/b} replaced: what a tampering client would post. */
    public static String with(String json, String pointer, String value) {
        ObjectNode root = (ObjectNode) JSON.readTree(json);
        int slash = pointer.lastIndexOf('/');
        ObjectNode parent = (ObjectNode) (slash == 0 ? root : root.at(pointer.substring(0, slash)));
        parent.put(pointer.substring(slash + 1), value);
        return JSON.writeValueAsString(root);
    }

    /** {@code json} without the member at {@code /a/b}. */
    public static String without(String json, String pointer) {
        ObjectNode root = (ObjectNode) JSON.readTree(json);
        int slash = pointer.lastIndexOf('/');
        ObjectNode parent = (ObjectNode) (slash == 0 ? root : root.at(pointer.substring(0, slash)));
        parent.remove(pointer.substring(slash + 1));
        return JSON.writeValueAsString(root);
    }

    /**
     * {@code created} (the answer of {@link #create}) with the UV flag of its authenticator data cleared: an
     * authenticator that registered without verifying the user. The emulated authenticator always sets the flag
     * when it creates a credential; the attestation statement is kept (the relying party requests "none" and does
     * not check it against its authenticator data's signature).
     */
    static String withoutUvFlag(String created) {
        var converter = new com.webauthn4j.converter.AttestationObjectConverter(
                new com.webauthn4j.converter.util.ObjectConverter());
        ObjectNode root = (ObjectNode) JSON.readTree(created);
        ObjectNode response = (ObjectNode) root.path("response");
        var attestation = converter.convert(B64D.decode(response.path("attestationObject").stringValue()));
        var data = attestation.getAuthenticatorData();
        byte flags = (byte) (data.getFlags() & ~com.webauthn4j.data.attestation.authenticator.AuthenticatorData.BIT_UV);
        var cleared = new com.webauthn4j.data.attestation.authenticator.AuthenticatorData<>(data.getRpIdHash(), flags,
                data.getSignCount(), data.getAttestedCredentialData(), data.getExtensions());
        var tampered = new com.webauthn4j.data.attestation.AttestationObject(cleared,
                attestation.getAttestationStatement());
        response.put("attestationObject", B64.encodeToString(converter.convertToBytes(tampered)));
        response.put("authenticatorData", B64.encodeToString(
                new com.webauthn4j.converter.AuthenticatorDataConverter(new com.webauthn4j.converter.util.ObjectConverter())
                        .convert(cleared)));
        return JSON.writeValueAsString(root);
    }

    static String b64(byte[] bytes) {
        return B64.encodeToString(bytes);
    }

    static byte[] unb64(String text) {
        return B64D.decode(text);
    }
}
