package dev.stepwise.mfa.bench.micro;

import com.webauthn4j.data.AttestationConveyancePreference;
import com.webauthn4j.data.AuthenticatorAssertionResponse;
import com.webauthn4j.data.AuthenticatorAttestationResponse;
import com.webauthn4j.data.AuthenticatorSelectionCriteria;
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
import com.webauthn4j.test.client.ClientPlatform;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * A browser with a security key, emulated by webauthn4j-test: reads the options JSON the library's pages send and
 * answers with {@code PublicKeyCredential.toJSON()} as the page posts it. Only ES256 is offered to the key, so
 * the credential is an ES256 one whatever the library lists first.
 */
final class EmulatedKey {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    private final ClientPlatform platform;

    EmulatedKey(String origin) {
        this.platform = new ClientPlatform(new Origin(origin), new WebAuthnAuthenticatorAdaptor(new PackedAuthenticator()));
    }

    /** {@code navigator.credentials.create} with the library's registration options. */
    String create(String optionsJson) {
        JsonNode o = JSON.readTree(optionsJson);
        PublicKeyCredentialRpEntity rp = new PublicKeyCredentialRpEntity(o.path("rp").path("id").stringValue(),
                o.path("rp").path("name").stringValue());
        PublicKeyCredentialUserEntity user = new PublicKeyCredentialUserEntity(
                B64D.decode(o.path("user").path("id").stringValue()), o.path("user").path("name").stringValue(),
                o.path("user").path("displayName").stringValue());
        List<PublicKeyCredentialParameters> es256 = List.of(
                new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.ES256));
        PublicKeyCredentialCreationOptions options = new PublicKeyCredentialCreationOptions(rp, user,
                new DefaultChallenge(B64D.decode(o.path("challenge").stringValue())), es256,
                o.path("timeout").longValue(), List.of(), new AuthenticatorSelectionCriteria(null,
                ResidentKeyRequirement.create(o.path("authenticatorSelection").path("residentKey").stringValue()),
                UserVerificationRequirement.create(
                        o.path("authenticatorSelection").path("userVerification").stringValue())),
                AttestationConveyancePreference.create(o.path("attestation").stringValue()), null);
        PublicKeyCredential<AuthenticatorAttestationResponse, RegistrationExtensionClientOutput> created =
                platform.create(options);
        AuthenticatorAttestationResponse r = created.getResponse();
        ObjectNode json = credentialJson(created.getRawId());
        ObjectNode response = json.putObject("response");
        response.put("clientDataJSON", B64.encodeToString(r.getClientDataJSON()));
        response.put("attestationObject", B64.encodeToString(r.getAttestationObject()));
        response.putArray("transports").add("usb");
        return JSON.writeValueAsString(json);
    }

    /** {@code navigator.credentials.get} with the library's request options. */
    String get(String optionsJson) {
        JsonNode o = JSON.readTree(optionsJson);
        List<PublicKeyCredentialDescriptor> allowed = new ArrayList<>();
        for (JsonNode d : o.path("allowCredentials")) {
            allowed.add(new PublicKeyCredentialDescriptor(PublicKeyCredentialType.PUBLIC_KEY,
                    B64D.decode(d.path("id").stringValue()), Set.of()));
        }
        PublicKeyCredentialRequestOptions options = new PublicKeyCredentialRequestOptions(
                new DefaultChallenge(B64D.decode(o.path("challenge").stringValue())), o.path("timeout").longValue(),
                o.path("rpId").stringValue(), allowed,
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
}
