package dev.stepwise.mfa.factor.webauthn;

import com.webauthn4j.data.AuthenticationData;
import com.webauthn4j.data.AuthenticationParameters;
import com.webauthn4j.data.attestation.authenticator.AuthenticatorData;
import com.webauthn4j.data.extension.authenticator.AuthenticationExtensionAuthenticatorOutput;
import dev.stepwise.mfa.Factors;
import dev.stepwise.mfa.factor.ChallengeContext;
import dev.stepwise.mfa.factor.ChallengeView;
import dev.stepwise.mfa.factor.Factor;
import dev.stepwise.mfa.factor.Verification;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The {@code webauthn} factor: the user signs a challenge with a registered security key or passkey
 * (WebAuthn §7.2). Pure Java; the web layer renders {@link #page()} and posts the browser's answer.
 *
 * <pre>{@code
 * WebAuthnFactor webauthn = new WebAuthnFactor(config, store, warning -> cloneEvents.fire(warning));
 * }</pre>
 *
 * <p><b>Page contract.</b> {@link #beginChallenge} puts the {@code PublicKeyCredentialRequestOptions} as a JSON
 * string into the model under {@value #OPTIONS}; the page hands it to
 * {@code PublicKeyCredential.parseRequestOptionsFromJSON(...)}, calls {@code navigator.credentials.get}, and
 * posts {@code JSON.stringify(credential)} in the form field {@value #CREDENTIAL} (with {@code factor=webauthn}
 * and the CSRF token). The options look like this (binary fields base64url without padding; the text contains
 * only {@code \}{@code uXXXX}-escaped {@code < > & '}, so it may be placed in a script element as is):
 *
 * <pre>{@code
 * {"challenge":"<32 random bytes>","timeout":300000,"rpId":"bank.example",
 *  "allowCredentials":[{"type":"public-key","id":"…","transports":["internal","hybrid"]}],
 *  "userVerification":"preferred"}
 * }</pre>
 *
 * and the posted credential is {@code PublicKeyCredential.toJSON()} of the assertion:
 *
 * <pre>{@code
 * {"id":"…","rawId":"…","type":"public-key",
 *  "response":{"clientDataJSON":"…","authenticatorData":"…","signature":"…","userHandle":"…"},
 *  "clientExtensionResults":{}}
 * }</pre>
 *
 * <p><b>Checks.</b> The challenge is taken out of the session on every {@link #verify} (single use, expires
 * after the configured timeout); the credential must belong to the user who is signing in; webauthn4j checks
 * type, challenge, origin, RP ID hash, user presence, user verification if required, and the signature; a
 * signature counter that does not move forward is refused and reported as a {@link CloneWarning}; the new
 * counter and the last-used time are stored with one compare-and-set. Malformed, oversized (over 16 KiB) or
 * incomplete input is {@link Verification.Rejected}, never an exception; a failing store throws (the challenge
 * servlet answers "unavailable", nothing is granted).
 */
public final class WebAuthnFactor implements Factor {

    /** The model key of the request options JSON for the page. */
    public static final String OPTIONS = "stepwise_webauthn_options";

    /** The input key of the credential JSON the page posts. */
    public static final String CREDENTIAL = "credential";

    /** The session key of the pending authentication challenge. */
    public static final String SESSION_KEY = "webauthn.authentication";

    /** The bundle key of every refusal: the page never says which check failed. */
    public static final String ERROR = "stepwise.mfa.error.webauthn";

    private static final System.Logger LOG = System.getLogger(WebAuthnFactor.class.getName());

    private final RelyingParty rp;
    private final WebAuthnCredentialStore store;
    private final Consumer<? super CloneWarning> cloneWarnings;

    /**
     * @param config        the relying party
     * @param store         where the credentials are
     * @param cloneWarnings told about every refused sign-in whose counter went backwards; should not throw
     */
    public WebAuthnFactor(WebAuthnConfig config, WebAuthnCredentialStore store,
                          Consumer<? super CloneWarning> cloneWarnings) {
        this(config, store, cloneWarnings, new SecureRandom());
    }

    WebAuthnFactor(WebAuthnConfig config, WebAuthnCredentialStore store, Consumer<? super CloneWarning> cloneWarnings,
                   SecureRandom random) {
        this.rp = new RelyingParty(config, random);
        this.store = Objects.requireNonNull(store, "store");
        this.cloneWarnings = Objects.requireNonNull(cloneWarnings, "cloneWarnings");
    }

    @Override
    public String id() {
        return Factors.WEBAUTHN;
    }

    /** Whether {@code user} has at least one registered credential. */
    @Override
    public boolean isEnrolled(String user) {
        return !store.list(Objects.requireNonNull(user, "user")).isEmpty();
    }

    /** Issues a challenge (replacing an earlier one) and hands the request options to the page. */
    @Override
    public ChallengeView beginChallenge(String user, ChallengeContext ctx) {
        Objects.requireNonNull(user, "user");
        byte[] challenge = rp.issueChallenge(SESSION_KEY, user, ctx);
        WebAuthnConfig config = rp.config();
        ObjectNode options = rp.newObject();
        options.put("challenge", RelyingParty.base64Url(challenge));
        options.put("timeout", config.timeout().toMillis());
        options.put("rpId", config.rpId());
        rp.putDescriptors(options, "allowCredentials", store.list(user));
        options.put("userVerification", config.userVerification().value());
        return new ChallengeView(Map.of(OPTIONS, rp.write(options)));
    }

    @Override
    public Verification verify(String user, Map<String, String> input, ChallengeContext ctx) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(ctx, "ctx");
        //spec| WebAuthn L2 §7.2 step 12: C.challenge is the challenge of the options; taken out first, so it is
        //spec| answered at most once whatever the outcome
        byte[] challenge = RelyingParty.consumeChallenge(SESSION_KEY, user, ctx);
        if (challenge == null) {
            return rejected();
        }
        String text = input == null ? null : input.get(CREDENTIAL);
        JsonNode credential = rp.readCredential(text);
        if (credential == null || !complete(credential.path("response"))) {
            return rejected();
        }
        byte[] credentialId = RelyingParty.base64Url(credential, "rawId");

        //spec| WebAuthn L2 §7.2 steps 5-7: the credential is one of this user's, looked up by its id
        List<WebAuthnCredential> owned = store.list(user);
        Optional<WebAuthnCredential> found = store.find(credentialId);
        if (found.isEmpty() || !found.get().user().equals(user)) {
            return rejected();
        }
        AuthenticationData data = signed(user, text, challenge, found.get(), owned);
        return data == null ? rejected() : counted(user, credentialId, found.get(), data, ctx);
    }

    /** Whether the assertion has the parts every answer needs. */
    private static boolean complete(JsonNode response) {
        return RelyingParty.base64Url(response, "clientDataJSON") != null
                && RelyingParty.base64Url(response, "authenticatorData") != null
                && RelyingParty.base64Url(response, "signature") != null;
    }

    /** The assertion, when its user handle and signature check out for {@code stored}; else {@code null}. */
    private AuthenticationData signed(String user, String text, byte[] challenge, WebAuthnCredential stored,
                                      List<WebAuthnCredential> owned) {
        AuthenticationData data;
        try {
            data = rp.manager().parseAuthenticationResponseJSON(text);
        } catch (RuntimeException e) {
            // DataConversionException, or Jackson / NullPointerException on an unexpected structure
            return null;
        }
        //spec| WebAuthn L2 §7.2 step 6: if response.userHandle is present, it maps to the same user
        byte[] presentedHandle = data.getUserHandle();
        if (presentedHandle != null && presentedHandle.length > 0) {
            byte[] userHandle = store.userHandle(user, rp.randomBytes(RelyingParty.USER_HANDLE_BYTES));
            if (!MessageDigest.isEqual(userHandle, presentedHandle)) {
                return null;
            }
        }
        try {
            //spec| WebAuthn L2 §7.2 steps 5, 11-20 (webauthn4j): credential in allowCredentials, type
            //spec| webauthn.get, challenge, origin, rpIdHash, UP flag, UV flag if required, signature over
            //spec| authenticatorData || SHA-256(clientDataJSON)
            rp.manager().verify(data, new AuthenticationParameters(rp.serverProperty(challenge),
                    rp.credentialRecord(stored), owned.stream().map(WebAuthnCredential::credentialId).toList(),
                    rp.userVerificationRequired(), true));
        } catch (RuntimeException e) {
            // VerificationException: a check failed; anything else: input webauthn4j could not make sense of
            return null;
        }
        return data;
    }

    /** The signature counter moved forward: stored with one compare-and-set; a counter that did not is refused. */
    private Verification counted(String user, byte[] credentialId, WebAuthnCredential stored,
                                 AuthenticationData data, ChallengeContext ctx) {
        AuthenticatorData<AuthenticationExtensionAuthenticatorOutput> authenticatorData = data.getAuthenticatorData();
        long presented = authenticatorData.getSignCount();
        long previous = stored.signCount();
        //spec| WebAuthn L2 §7.2 step 21: if authData.signCount or storedSignCount is nonzero, a signCount not
        //spec| greater than storedSignCount is a signal that the authenticator may be cloned; we refuse it
        if ((presented != 0 || previous != 0) && presented <= previous) {
            warnClone(new CloneWarning(user, credentialId, stored.name(), previous, presented, ctx.now(),
                    ctx.clientAddress()));
            return rejected();
        }
        //spec| WebAuthn L2 §7.2 step 21: update storedSignCount, as one compare-and-set: a concurrent sign-in
        //spec| that moved the counter first makes this one fail
        if (!store.updateSignCount(credentialId, previous, presented, authenticatorData.isFlagBS(),
                authenticatorData.isFlagUV(), ctx.now())) {
            return rejected();
        }
        return Verification.accepted();
    }

    /** The page the lead's web layer provides for this factor. */
    @Override
    public String page() {
        return "/mfa/webauthn.jsp";
    }

    private void warnClone(CloneWarning warning) {
        try {
            cloneWarnings.accept(warning);
        } catch (RuntimeException e) {
            // the sign-in is refused either way; the listener's failure must not turn into a different answer
            LOG.log(System.Logger.Level.ERROR, "Stepwise MFA: the WebAuthn clone-warning listener failed: "
                    + e.getClass().getName());
        }
    }

    private static Verification rejected() {
        return Verification.rejected(ERROR);
    }
}
