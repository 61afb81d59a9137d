package dev.stepwise.mfa.factor;

import java.util.Map;
import java.util.Optional;

/**
 * A second factor: something the user proves on the challenge page. Built in: {@code totp}, {@code webauthn},
 * {@code email}, {@code sms}, {@code recovery}. An application adds its own by providing a CDI bean that
 * implements this interface, and naming its id in {@code stepwise.mfa.factors}:
 *
 * <pre>{@code
 * @ApplicationScoped
 * public class HardwareTokenFactor implements Factor {
 *     public String id() { return "hwtoken"; }
 *     public boolean isEnrolled(String user) { return tokens.hasToken(user); }
 *     public Verification verify(String user, Map<String, String> input, ChallengeContext ctx) {
 *         return tokens.check(user, input.get("code")) ? Verification.accepted()
 *                                                      : Verification.rejected("stepwise.mfa.error.code");
 *     }
 * }
 * }</pre>
 *
 * <p>Implementations must be thread-safe, must not log codes or secrets, and should make every
 * check-and-consume atomic so that one code is accepted once even across application nodes.
 */
public interface Factor {

    /**
     * The id used in annotations, configuration and the session state, e.g. {@code "totp"}.
     *
     * @return the id used in annotations, configuration and the session state, e.g. {@code "totp"}
     */
    String id();

    /**
     * Whether {@code user} has set this factor up and may be challenged with it.
     *
     * @param user the user name (the container's caller principal name)
     * @return whether {@code user} has set this factor up and may be challenged with it
     */
    boolean isEnrolled(String user);

    /**
     * Called when the challenge page shows this factor, also for a GET, which any other site can make a
     * browser send: prepare what the page needs (e.g. WebAuthn options for this page), but send nothing and
     * change nothing the user relies on. A factor that sends a code has the capability {@link
     * CodeSending} (the built-in ones through {@link dev.stepwise.mfa.factor.otp.OutOfBandFactor}): the page then
     * sends only when the user presses "Send code" (a POST). The returned view's model is handed to the page as the map {@code page.view} of the challenge
     * page's model. The default does nothing.
     *
     * @param user the user name (the container's caller principal name)
     * @param ctx the challenge's context (what this attempt keeps in the session)
     * @return the challenge view
     */
    default ChallengeView beginChallenge(String user, ChallengeContext ctx) {
        return ChallengeView.EMPTY;
    }

    /**
     * Checks what the user submitted. {@code input} holds the form fields of the factor's page (the generic
     * page submits {@code code}). Expected outcomes are values: a wrong code is {@link Verification#rejected},
     * not an exception.
     *
     * @param user the user name (the container's caller principal name)
     * @param input the input
     * @param ctx the challenge's context (what this attempt keeps in the session)
     * @return the verification
     */
    Verification verify(String user, Map<String, String> input, ChallengeContext ctx);

    /**
     * The JSP that renders this factor's form, e.g. {@code "/mfa/webauthn.jsp"}; {@code null} (the default)
     * uses the library's one-time-code form.
     *
     * @return the JSP that renders this factor's form, e.g. {@code "/mfa/webauthn.jsp"}; {@code null} (the default) uses the library's one-time-code form
     */
    default String page() {
        return null;
    }

    /**
     * What this factor can do beyond proving a user, for the pages and the administration: one of the capability
     * interfaces of this package ({@link CodeSending}, {@link EnrolmentRemoval}, {@link RecoveryCodes},
     * {@link KeyEnrolment}, {@link KeyRegistration}, {@link KeyManagement}). The default offers the ones this object implements; a
     * factor that delegates may answer with another object.
     *
     * @param type the type
     * @param <T> the type of the value
     * @return the t, or empty if there is none
     */
    default <T> Optional<T> capability(Class<T> type) {
        return type.isInstance(this) ? Optional.of(type.cast(this)) : Optional.empty();
    }
}
