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
 * The caller must have passed multi-factor authentication in this session before the annotated servlet,
 * JAX-RS resource or CDI bean runs.
 *
 * <pre>{@code
 * @Path("/admin")
 * @RequiresMfa(roles = "admin")           // only callers in role "admin" must; others pass through
 * public class AdminResource { ... }
 *
 * @WebServlet("/reports")
 * public class ReportsServlet extends HttpServlet {
 *     @RequiresMfa(factors = {Factors.WEBAUTHN, Factors.TOTP})
 *     protected void doGet(HttpServletRequest req, HttpServletResponse resp) { ... }
 * }
 * }</pre>
 *
 * <p>A method-level annotation wins over the class-level one; {@link StepUp} on the same element is stricter
 * and wins over this one. The servlet filter reads it on {@code @WebServlet} classes and their {@code doXxx}
 * methods; the CDI interceptor enforces it on CDI beans and JAX-RS resources.
 *
 * <p>A "trust this device" cookie satisfies this requirement unless {@link #trustedDeviceSatisfies()} is
 * {@code false}. All attributes are {@link Nonbinding}: one interceptor serves every combination.
 */
@Inherited
@Documented
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface RequiresMfa {

    /**
     * Factor ids that satisfy this requirement (see {@link Factors}); empty means any factor the user has
     * enrolled among those the application offers.
     *
     * @return the factors
     */
    @Nonbinding String[] factors() default {};

    /**
     * Only callers in at least one of these roles must pass MFA; empty means every authenticated caller.
     *
     * @return the roles
     */
    @Nonbinding String[] roles() default {};

    /**
     * Message key (in the application's or the library's bundle) shown on the challenge page to explain why
     * a second factor is asked; empty shows the generic text.
     *
     * @return the reason
     */
    @Nonbinding String reason() default "";

    /**
     * Whether a valid "trust this device" cookie satisfies this requirement. Default {@code true}: that is
     * what trusting a device means.
     *
     * @return whether a valid "trust this device" cookie satisfies this requirement
     */
    @Nonbinding boolean trustedDeviceSatisfies() default true;
}
