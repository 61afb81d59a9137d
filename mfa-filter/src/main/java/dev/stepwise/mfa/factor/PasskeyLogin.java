package dev.stepwise.mfa.factor;

import java.util.Optional;

/**
 * A factor's capability ({@link Factor#capability}) to sign a user in with a passkey alone, without a user name
 * (README "Passkey sign-in"): the built-in {@code webauthn} factor has it. The web layer asks for the options,
 * has the assertion claimed (which takes the challenge), and runs {@link #verifyPasskey} as one counted attempt on
 * the claimed user's account.
 */
public interface PasskeyLogin {

    /**
     * Issues a challenge in {@code ctx}'s session (replacing an earlier one) and returns the request options as
     * JSON: an empty {@code allowCredentials}, user verification required.
     *
     * @param ctx the request's context (its origin picks the relying party)
     * @return the {@code PublicKeyCredentialRequestOptions} as JSON
     */
    String beginPasskeySignIn(ChallengeContext ctx);

    /**
     * Takes the pending challenge (answered at most once) and finds the credential the assertion names.
     *
     * @param json the assertion as the browser posts it ({@code PublicKeyCredential.toJSON()})
     * @param ctx  the request's context
     * @return whose credential it claims to be; empty for no challenge, malformed input or an unknown credential
     */
    Optional<Claim> claimPasskey(String json, ChallengeContext ctx);

    /**
     * Checks a claimed assertion completely (user handle, signature, origin, challenge, user verification,
     * signature counter).
     *
     * @param claim what {@link #claimPasskey} returned
     * @param ctx   the request's context
     * @return accepted, or one refusal that never says which check failed
     */
    Verification verifyPasskey(Claim claim, ChallengeContext ctx);

    /** A credential an assertion claims, found by its id: not yet checked. */
    interface Claim {

        /**
         * The credential's owner.
         *
         * @return the credential's owner
         */
        String user();

        /**
         * The name the owner gave the key (the user's text).
         *
         * @return the name the owner gave the key
         */
        String keyName();
    }
}
