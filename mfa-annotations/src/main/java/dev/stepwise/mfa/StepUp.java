package dev.stepwise.mfa;

import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.InterceptorBinding;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The caller must have proven a factor recently, in this session, before a risky action runs: changing the
 * password, the phone number or the email address, moving money, turning MFA off.
 *
 * <pre>{@code
 * @WebServlet("/account/password")
 * public class ChangePasswordServlet extends HttpServlet {
 *     @StepUp(maxAge = "PT5M", reason = "change-password")
 *     protected void doPost(HttpServletRequest req, HttpServletResponse resp) { ... }
 * }
 *
 * @ApplicationScoped
 * public class Payments {
 *     @StepUp(maxAge = "PT2M", factors = {Factors.WEBAUTHN, Factors.TOTP})
 *     public void transfer(Money amount, Account to) { ... }
 * }
 * }</pre>
 *
 * <p>When no acceptable factor was verified within {@link #maxAge()}, the browser is sent to the challenge
 * page and, after success, the original request continues (a POSTed form is replayed); API clients get
 * {@code 401} with {@code WWW-Authenticate: Bearer error="insufficient_user_authentication", max_age=...}.
 *
 * <p>A method-level annotation wins over the class-level one. A "trust this device" cookie never satisfies a
 * step-up unless {@link #trustedDeviceSatisfies()} says so. All attributes are {@link Nonbinding}.
 */
@Inherited
@Documented
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface StepUp {

    /**
     * How recently a factor must have been proven, as an ISO-8601 duration ({@code "PT5M"}); empty means the
     * configured default ({@code stepwise.mfa.stepup.default-max-age}, {@code PT5M} unless changed).
     *
     * @return how recently a factor must have been proven, as an ISO-8601 duration ({@code "PT5M"}); empty means the configured default ({@code stepwise.mfa.stepup.default-max-age}, {@code PT5M} unless changed)
     */
    @Nonbinding String maxAge() default "";

    /**
     * Factor ids that count for this step-up (see {@link Factors}); empty means any factor the user has
     * enrolled among those the application offers.
     *
     * @return the factors
     */
    @Nonbinding String[] factors() default {};

    /**
     * Message key shown on the challenge page, e.g. {@code "change-password"} renders
     * "Confirm it's you to change your password".
     *
     * @return the reason
     */
    @Nonbinding String reason() default "";

    /**
     * Whether a "trust this device" cookie satisfies this step-up. Default {@code false}: a remembered device
     * proves who owned the browser weeks ago, not who sits at it now.
     *
     * @return whether a "trust this device" cookie satisfies this step-up
     */
    @Nonbinding boolean trustedDeviceSatisfies() default false;
}
