package dev.stepwise.mfa.factor.webauthn;

import com.webauthn4j.data.AuthenticationData;
import com.webauthn4j.data.AuthenticationParameters;
import com.webauthn4j.data.attestation.authenticator.AuthenticatorData;
import com.webauthn4j.data.extension.authenticator.AuthenticationExtensionAuthenticatorOutput;
import dev.stepwise.mfa.factor.ChallengeContext;
import dev.stepwise.mfa.factor.PasskeyLogin;
import dev.stepwise.mfa.factor.Verification;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Sign-in with a passkey, without a user name (WebAuthn §7.2 with an empty {@code allowCredentials}): the
 * authenticator offers its discoverable credentials, and the assertion names the user through its credential id
 * and {@code userHandle}. Pure Java; the web layer ({@code PasskeyServlet}) runs it in two steps:
 *
 * <pre>{@code
 * String options = passkeys.begin(ctx);                  // challenge kept in the (pre-login) session
 * Optional<Claim> claim = passkeys.claim(json, ctx);     // takes the challenge; empty: refuse, say nothing
 * Verification v = passkeys.verify(claim.get(), ctx);    // run as one counted attempt on claim.user()
 * }</pre>
 *
 * <p>User verification is always required here, whatever the relying party's setting: only a passkey with its
 * PIN or biometric counts as two factors. Checks: the challenge (one use, not expired), a credential known by its
 * id, a {@code userHandle} present and equal to the owner's stored handle, then webauthn4j (type, challenge,
 * origin, RP ID hash, user presence, user verification, signature), then the signature counter (one
 * compare-and-set; a counter that went back is refused and reported as a {@link CloneWarning}). Every refusal is
 * the same {@link Verification.Rejected}; a failing store throws.
 */
public final class PasskeySignIn {

    /** The session key of the pending passkey sign-in challenge (a pre-login session). */
    public static final String SESSION_KEY = "webauthn.passkey";

    /** Who the pending challenge is issued to: nobody yet ({@link PendingCeremony} wants a name). */
    private static final String ANYONE = "";

    private final RelyingParty rp;
    private final WebAuthnCredentialStore store;
    private final Consumer<? super CloneWarning> cloneWarnings;

    /**
     * @param config        the relying party (its user-verification setting is not used: always required)
     * @param store         where the credentials and user handles are
     * @param cloneWarnings told about every refused sign-in whose counter went backwards; should not throw
     */
    public PasskeySignIn(WebAuthnConfig config, WebAuthnCredentialStore store,
                         Consumer<? super CloneWarning> cloneWarnings) {
        this(config, store, cloneWarnings, new SecureRandom());
    }

    PasskeySignIn(WebAuthnConfig config, WebAuthnCredentialStore store, Consumer<? super CloneWarning> cloneWarnings,
                  SecureRandom random) {
        this.rp = new RelyingParty(config, random);
        this.store = Objects.requireNonNull(store, "store");
        this.cloneWarnings = Objects.requireNonNull(cloneWarnings, "cloneWarnings");
    }

    /**
     * A credential the assertion claims, found by its id, with its owner: not yet checked.
     *
     * @param user       the credential's owner
     * @param credential the stored credential
     * @param challenge  the challenge taken out of the session for this answer
     * @param json       the assertion as posted
     */
    public record Claim(String user, WebAuthnCredential credential, byte[] challenge, String json)
            implements PasskeyLogin.Claim {
        /**
         * Checks the components and copies the challenge.
         * @param user the credential's owner
         * @param credential the stored credential
         * @param challenge the challenge taken out of the session for this answer
         * @param json the assertion as posted
         */
        public Claim {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(credential, "credential");
            challenge = Objects.requireNonNull(challenge, "challenge").clone();
            Objects.requireNonNull(json, "json");
        }

        /**
         * The challenge taken out of the session for this answer.
         *
         * @return a copy of the challenge bytes
         */
        @Override
        public byte[] challenge() {
            return challenge.clone();
        }

        @Override
        public String keyName() {
            return credential.name();
        }

        /** Keeps the challenge and the assertion out of logs. */
        @Override
        public String toString() {
            return "Claim[user=" + user + "]";
        }
    }

    /**
     * Issues a challenge (replacing an earlier one) and returns the request options as JSON: an empty
     * {@code allowCredentials} and {@code userVerification} {@code required}.
     *
     * @param ctx the request's context (its session keeps the challenge)
     * @return the {@code PublicKeyCredentialRequestOptions} as JSON
     */
    public String begin(ChallengeContext ctx) {
        Objects.requireNonNull(ctx, "ctx");
        byte[] challenge = rp.issueChallenge(SESSION_KEY, ANYONE, ctx);
        WebAuthnConfig config = rp.config();
        ObjectNode options = rp.newObject();
        options.put("challenge", RelyingParty.base64Url(challenge));
        options.put("timeout", config.timeout().toMillis());
        options.put("rpId", config.rpId());
        options.putArray("allowCredentials");
        options.put("userVerification", WebAuthnConfig.UserVerification.REQUIRED.value());
        return rp.write(options);
    }

    /**
     * Takes the pending challenge out of the session (whatever follows, it is answered at most once) and finds
     * the credential the assertion names.
     *
     * @param json {@code JSON.stringify(credential)} of the assertion, at most 16 KiB
     * @param ctx  the request's context
     * @return the claim; empty when there was no valid challenge, the input is malformed or the credential is
     *         unknown (one answer for all: nothing tells whether a credential exists)
     */
    public Optional<Claim> claim(String json, ChallengeContext ctx) {
        Objects.requireNonNull(ctx, "ctx");
        //spec| WebAuthn L2 §7.2 step 12: C.challenge is the challenge of the options; taken out first
        byte[] challenge = RelyingParty.consumeChallenge(SESSION_KEY, ANYONE, ctx);
        if (challenge == null) {
            return Optional.empty();
        }
        JsonNode credential = rp.readCredential(json);
        JsonNode response = credential == null ? null : credential.path("response");
        if (response == null || RelyingParty.base64Url(response, "clientDataJSON") == null
                || RelyingParty.base64Url(response, "authenticatorData") == null
                || RelyingParty.base64Url(response, "signature") == null) {
            return Optional.empty();
        }
        //spec| WebAuthn L2 §7.2 step 6 (user not identified before): the credential is found by its id
        return store.find(RelyingParty.base64Url(credential, "rawId"))
                .map(found -> new Claim(found.user(), found, challenge, json));
    }

    /**
     * Checks the claimed assertion: user handle, webauthn4j with user verification required, signature counter.
     * Run it as one counted attempt on {@link Claim#user()}, so that a bad signature for a known credential counts
     * against that account and a locked account is not checked at all.
     *
     * @param claim what {@link #claim} found
     * @param ctx   the request's context
     * @return accepted, or the one refusal
     */
    public Verification verify(Claim claim, ChallengeContext ctx) {
        Objects.requireNonNull(claim, "claim");
        Objects.requireNonNull(ctx, "ctx");
        AuthenticationData data = signed(claim);
        return data == null ? rejected() : counted(claim, data, ctx);
    }

    /** The assertion, when its user handle, user verification and signature check out; else {@code null}. */
    private AuthenticationData signed(Claim claim) {
        AuthenticationData data;
        try {
            data = rp.manager().parseAuthenticationResponseJSON(claim.json());
        } catch (RuntimeException e) {
            return null; // DataConversionException, or Jackson / NullPointerException on an unexpected structure
        }
        //spec| WebAuthn L2 §7.2 step 6: response.userHandle must be present and map to the credential's owner
        byte[] presented = data.getUserHandle();
        Optional<byte[]> stored = store.findUserHandle(claim.user());
        if (presented == null || presented.length == 0 || stored.isEmpty()
                || !MessageDigest.isEqual(stored.get(), presented)) {
            return null;
        }
        try {
            //spec| WebAuthn L2 §7.2 steps 11-20 (webauthn4j): type webauthn.get, challenge, origin, rpIdHash,
            //spec| UP flag, UV flag (always required for a passkey sign-in), signature
            rp.manager().verify(data, new AuthenticationParameters(rp.serverProperty(claim.challenge()),
                    rp.credentialRecord(claim.credential()), null, true, true));
        } catch (RuntimeException e) {
            return null;
        }
        return data;
    }

    /** The counter moved forward: stored with one compare-and-set; a counter that did not is refused. */
    private Verification counted(Claim claim, AuthenticationData data, ChallengeContext ctx) {
        AuthenticatorData<AuthenticationExtensionAuthenticatorOutput> authenticatorData = data.getAuthenticatorData();
        WebAuthnCredential stored = claim.credential();
        long presented = authenticatorData.getSignCount();
        long previous = stored.signCount();
        //spec| WebAuthn L2 §7.2 step 21: a signCount not greater than storedSignCount may be a clone; refused
        if ((presented != 0 || previous != 0) && presented <= previous) {
            warnClone(new CloneWarning(claim.user(), stored.credentialId(), stored.name(), previous, presented,
                    ctx.now(), ctx.clientAddress()));
            return rejected();
        }
        if (!store.updateSignCount(stored.credentialId(), previous, presented, authenticatorData.isFlagBS(),
                authenticatorData.isFlagUV(), ctx.now())) {
            return rejected();
        }
        return Verification.accepted();
    }

    private void warnClone(CloneWarning warning) {
        try {
            cloneWarnings.accept(warning);
        } catch (RuntimeException e) {
            System.getLogger(PasskeySignIn.class.getName()).log(System.Logger.Level.ERROR,
                    "Stepwise MFA: the WebAuthn clone-warning listener failed: " + e.getClass().getName());
        }
    }

    private static Verification rejected() {
        return Verification.rejected(WebAuthnFactor.ERROR);
    }
}
