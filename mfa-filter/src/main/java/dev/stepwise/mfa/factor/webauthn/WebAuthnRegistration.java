package dev.stepwise.mfa.factor.webauthn;

import com.webauthn4j.data.AuthenticatorTransport;
import com.webauthn4j.data.RegistrationData;
import com.webauthn4j.data.RegistrationParameters;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.authenticator.AuthenticatorData;
import com.webauthn4j.data.extension.authenticator.RegistrationExtensionAuthenticatorOutput;
import com.webauthn4j.verifier.exception.VerificationException;
import dev.stepwise.mfa.factor.ChallengeContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The registration ceremony (WebAuthn §7.1): adds a security key or passkey to a user's account. Pure Java; the
 * web layer calls it from the settings page, which needs a fresh factor first (step-up) and a CSRF token.
 *
 * <pre>{@code
 * WebAuthnRegistration registration = new WebAuthnRegistration(config, store);
 *
 * // GET: the page's script passes this to PublicKeyCredential.parseCreationOptionsFromJSON(...)
 * String options = registration.beginRegistration(user, "Alice Example", ctx);
 *
 * // POST: the script sends JSON.stringify(credential) (credential.toJSON()) and the name the user typed
 * RegistrationResult result = registration.finishRegistration(user, request.getParameter("credential"),
 *         request.getParameter("name"), ctx);
 * }</pre>
 *
 * <p>The options JSON ({@code PublicKeyCredentialCreationOptionsJSON}, binary fields base64url without
 * padding) looks like this; it contains only {@code \}{@code uXXXX}-escaped {@code < > & '}, so it may be
 * placed in a {@code <script type="application/json">} element as is:
 *
 * <pre>{@code
 * {"rp":{"id":"bank.example","name":"Example Bank"},
 *  "user":{"id":"<32 random bytes>","name":"alice","displayName":"Alice Example"},
 *  "challenge":"<32 random bytes>",
 *  "pubKeyCredParams":[{"type":"public-key","alg":-7},{"type":"public-key","alg":-8},
 *                      {"type":"public-key","alg":-257}],
 *  "timeout":300000,
 *  "excludeCredentials":[{"type":"public-key","id":"…","transports":["usb"]}],
 *  "authenticatorSelection":{"residentKey":"preferred","requireResidentKey":false,
 *                            "userVerification":"preferred"},
 *  "attestation":"none"}
 * }</pre>
 *
 * <p>The response the browser sends back is {@code PublicKeyCredential.toJSON()} of the created credential:
 * {@code {"id","rawId","type":"public-key","response":{"clientDataJSON","attestationObject","transports":[…]},
 * "clientExtensionResults":{}}} (other members such as {@code authenticatorAttachment} or
 * {@code response.publicKey} are ignored).
 *
 * <p>Thread-safe; the challenge lives in the {@link ChallengeContext#session()} under
 * {@value #SESSION_KEY} and is removed by the first {@code finishRegistration}, whatever its outcome.
 */
public final class WebAuthnRegistration {

    /** The session key of the pending registration challenge. */
    public static final String SESSION_KEY = "webauthn.registration";

    private static final Pattern TRANSPORT = Pattern.compile("[a-z][a-z-]{0,31}");

    private final RelyingParty rp;
    private final WebAuthnCredentialStore store;

    /**
     * A registration ceremony for the relying party {@code config}, storing into {@code store}.
     *
     * @param config the configuration
     * @param store the store
     */
    public WebAuthnRegistration(WebAuthnConfig config, WebAuthnCredentialStore store) {
        this(config, store, new SecureRandom());
    }

    WebAuthnRegistration(WebAuthnConfig config, WebAuthnCredentialStore store, SecureRandom random) {
        this.rp = new RelyingParty(config, random);
        this.store = Objects.requireNonNull(store, "store");
    }

    /**
     * Starts a registration: issues a challenge (kept in the session, replacing an earlier one) and returns the
     * {@code PublicKeyCredentialCreationOptions} as JSON.
     *
     * @param user        the principal name; sent as {@code user.name} (the authenticator shows it to pick an
     *                    account), never as {@code user.id}
     * @param displayName the user's name for humans; blank means {@code user}; longer than 64 characters is cut
     *                    (WebAuthn §5.4.3: authenticators may truncate at 64 bytes)
     * @param ctx the challenge's context (what this attempt keeps in the session)
     * @return the {@code PublicKeyCredentialCreationOptions} as JSON
     */
    public String beginRegistration(String user, String displayName, ChallengeContext ctx) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(ctx, "ctx");
        String shownName = displayName == null || displayName.isBlank() ? user : displayName.strip();
        if (shownName.length() > 64) {
            shownName = shownName.substring(0, 64);
        }
        // WebAuthn §14.6.1: the user handle is random and says nothing about the user; stored once per user
        byte[] userHandle = store.userHandle(user, rp.randomBytes(RelyingParty.USER_HANDLE_BYTES));
        byte[] challenge = rp.issueChallenge(SESSION_KEY, user, ctx);
        WebAuthnConfig config = rp.config();

        ObjectNode options = rp.newObject();
        ObjectNode rpEntity = options.putObject("rp");
        rpEntity.put("id", config.rpId());
        rpEntity.put("name", config.rpName());
        ObjectNode userEntity = options.putObject("user");
        userEntity.put("id", RelyingParty.base64Url(userHandle));
        userEntity.put("name", user);
        userEntity.put("displayName", shownName);
        options.put("challenge", RelyingParty.base64Url(challenge));
        ArrayNode params = options.putArray("pubKeyCredParams");
        for (var alg : RelyingParty.ALGORITHMS) {
            params.addObject().put("type", "public-key").put("alg", alg.getValue());
        }
        options.put("timeout", config.timeout().toMillis());
        // WebAuthn §5.4 excludeCredentials: the authenticator refuses to create a second credential for this
        // account on a device that already holds one
        rp.putDescriptors(options, "excludeCredentials", store.list(user));
        ObjectNode selection = options.putObject("authenticatorSelection");
        selection.put("residentKey", "preferred"); // a passkey where the authenticator can store one
        selection.put("requireResidentKey", false);
        selection.put("userVerification", config.userVerification().value());
        options.put("attestation", "none");
        return rp.write(options);
    }

    /**
     * Finishes a registration: checks the browser's answer with webauthn4j and stores the credential.
     *
     * <p>The pending challenge is taken out of the session first (once a syntactically acceptable name is
     * given), so a second call with the same answer is refused with {@link RegistrationResult.Reason#NO_CHALLENGE}.
     * Malformed or oversized input is a {@link RegistrationResult.Refused}, never an exception; a failing store
     * throws (fail closed, nothing half-stored).
     *
     * @param responseJson {@code JSON.stringify(credential)} of what {@code navigator.credentials.create} returned,
     *                     at most 16 KiB
     * @param name         what the user calls this authenticator, 1 to 64 characters
     * @param user the principal name; sent as {@code user.name} (the authenticator shows it to pick an account), never as {@code user.id}
     * @param ctx the challenge's context (what this attempt keeps in the session)
     * @return the registration result
     */
    public RegistrationResult finishRegistration(String user, String responseJson, String name,
                                                 ChallengeContext ctx) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(ctx, "ctx");
        String checkedName;
        try {
            checkedName = WebAuthnCredential.checkName(name == null ? "" : name);
        } catch (IllegalArgumentException e) {
            return refused(RegistrationResult.Reason.INVALID_NAME);
        }
        //spec| WebAuthn L2 §7.1 step 8: C.challenge equals the challenge of the options; used once
        byte[] challenge = RelyingParty.consumeChallenge(SESSION_KEY, user, ctx);
        if (challenge == null) {
            return refused(RegistrationResult.Reason.NO_CHALLENGE);
        }
        JsonNode credential = rp.readCredential(responseJson);
        if (credential == null
                || RelyingParty.base64Url(credential.path("response"), "clientDataJSON") == null
                || RelyingParty.base64Url(credential.path("response"), "attestationObject") == null) {
            return refused(RegistrationResult.Reason.MALFORMED);
        }

        RegistrationData data;
        try {
            data = rp.manager().parseRegistrationResponseJSON(responseJson);
            //spec| WebAuthn L2 §7.1 steps 5-21 (webauthn4j): type webauthn.create, challenge, origin, rpIdHash,
            //spec| UP flag, UV if required, alg among pubKeyCredParams, attestation statement and signature
            rp.manager().verify(data, new RegistrationParameters(rp.serverProperty(challenge), rp.algorithms(),
                    rp.userVerificationRequired(), true));
        } catch (VerificationException e) {
            return refused(RegistrationResult.Reason.NOT_VERIFIED);
        } catch (RuntimeException e) {
            // DataConversionException, but also Jackson or NullPointerException on an unexpected structure:
            // garbage from the browser is a refusal, not a fault
            return refused(RegistrationResult.Reason.MALFORMED);
        }
        return keep(user, RelyingParty.base64Url(credential, "rawId"), data, checkedName, ctx);
    }

    /** Stores the verified credential, if the browser reported the id the authenticator attested. */
    private RegistrationResult keep(String user, byte[] rawId, RegistrationData data, String checkedName,
                                    ChallengeContext ctx) {
        AuthenticatorData<RegistrationExtensionAuthenticatorOutput> authenticatorData =
                data.getAttestationObject().getAuthenticatorData();
        AttestedCredentialData attested = authenticatorData.getAttestedCredentialData();
        byte[] credentialId = attested == null ? null : attested.getCredentialId();
        // the id the browser reports must be the one the authenticator attested
        if (credentialId == null || !MessageDigest.isEqual(credentialId, rawId)) {
            return refused(RegistrationResult.Reason.NOT_VERIFIED);
        }
        WebAuthnCredential record;
        try {
            record = new WebAuthnCredential(user, credentialId,
                    rp.attestedCredentialDataConverter().convert(attested), authenticatorData.getSignCount(),
                    transports(data.getTransports()), attested.getAaguid().getValue(), checkedName,
                    authenticatorData.isFlagUV(), authenticatorData.isFlagBE(), authenticatorData.isFlagBS(),
                    ctx.now(), null);
        } catch (IllegalArgumentException e) {
            return refused(RegistrationResult.Reason.NOT_VERIFIED); // e.g. a credential id over 1023 bytes
        }
        //spec| WebAuthn L2 §7.1 step 22: if the credentialId is already registered, fail the ceremony
        if (!store.add(record)) {
            return refused(RegistrationResult.Reason.ALREADY_REGISTERED);
        }
        return new RegistrationResult.Registered(credentialId);
    }

    private static Set<String> transports(Set<AuthenticatorTransport> transports) {
        if (transports == null) {
            return Set.of();
        }
        // hints only, but stored: keep what looks like a transport name ("usb", "hybrid", "smart-card")
        return transports.stream().filter(Objects::nonNull).map(AuthenticatorTransport::getValue)
                .filter(t -> t != null && TRANSPORT.matcher(t).matches())
                .limit(8).collect(Collectors.toUnmodifiableSet());
    }

    private static RegistrationResult refused(RegistrationResult.Reason reason) {
        return new RegistrationResult.Refused(reason);
    }
}
