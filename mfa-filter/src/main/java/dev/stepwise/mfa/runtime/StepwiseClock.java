package dev.stepwise.mfa.runtime;

import jakarta.inject.Qualifier;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Qualifies a {@link java.time.Clock} bean the library should use instead of the system UTC clock, e.g. a
 * clock a test profile can move forward to show a step-up expiring:
 *
 * <pre>{@code
 * @Produces @StepwiseClock @ApplicationScoped
 * Clock clock() { return adjustableClock; }
 * }</pre>
 */
@Qualifier
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.FIELD, ElementType.PARAMETER, ElementType.TYPE})
public @interface StepwiseClock {
}
