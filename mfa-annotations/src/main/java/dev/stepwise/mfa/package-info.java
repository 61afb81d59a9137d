/**
 * Stepwise MFA's annotations: {@link dev.stepwise.mfa.RequiresMfa} (a second factor once per session) and
 * {@link dev.stepwise.mfa.StepUp} (a factor proven recently) on CDI beans and their methods, and
 * {@link dev.stepwise.mfa.Factors}, the ids of the built-in factors.
 *
 * <p>API. This jar needs only the interceptor and CDI APIs; the library that enforces the annotations is
 * {@code mfa-filter}.
 */
package dev.stepwise.mfa;
