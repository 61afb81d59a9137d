package dev.stepwise.mfa.factor;

/**
 * A factor's capability to register a security key or passkey with a browser ceremony (the built-in
 * {@code webauthn} factor): the settings page asks for the ceremony's options ({@link #beginRegistration}) and
 * posts the browser's answer ({@link #finishRegistration}). The origin of {@code ctx} names the site the page
 * was served from.
 */
public interface KeyRegistration {

    /**
     * The options of a new ceremony (JSON for the page's script), replacing an unanswered one of this session.
     *
     * @param user the user name (the container's caller principal name)
     * @param displayName the display name
     * @param ctx the challenge's context (what this attempt keeps in the session)
     * @return the options of a new ceremony (JSON for the page's script), replacing an unanswered one of this session
     */
    String beginRegistration(String user, String displayName, ChallengeContext ctx);

    /**
     * Checks the browser's answer and stores the new key.
     *
     * @param user the user name (the container's caller principal name)
     * @param credentialJson the credential JSON
     * @param name the name
     * @param ctx the challenge's context (what this attempt keeps in the session)
     * @return accepted when stored; rejected with the message key of what the page shows otherwise
     */
    Verification finishRegistration(String user, String credentialJson, String name, ChallengeContext ctx);
}
