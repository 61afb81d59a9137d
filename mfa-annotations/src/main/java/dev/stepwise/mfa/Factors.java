package dev.stepwise.mfa;

/**
 * Ids of the built-in factors, for {@link RequiresMfa#factors()}, {@link StepUp#factors()} and the
 * {@code stepwise.mfa.factors} context parameter. Applications that add their own factor pick their own id.
 *
 * <pre>{@code
 * @StepUp(factors = {Factors.WEBAUTHN, Factors.TOTP})   // phishing-resistant or app codes; no email
 * }</pre>
 */
public final class Factors {

    /** Time-based one-time codes from an authenticator app (RFC 6238). */
    public static final String TOTP = "totp";
    /** WebAuthn security keys and passkeys. */
    public static final String WEBAUTHN = "webauthn";
    /** One-time codes sent by email (off by default: the weakest channel). */
    public static final String EMAIL = "email";
    /** One-time codes sent by SMS or voice call. */
    public static final String SMS = "sms";
    /** One-time codes pushed to the user's registered browsers or devices (Web Push; off by default). */
    public static final String PUSH = "push";
    /** Single-use recovery codes. */
    public static final String RECOVERY = "recovery";
    /**
     * Security questions the user wrote (off by default: the weakest factor, something the user knows like the
     * password). It never counts alone, never satisfies the login requirement and satisfies a step-up only where
     * the application says so.
     */
    public static final String QUESTIONS = "questions";

    private Factors() {
    }
}
