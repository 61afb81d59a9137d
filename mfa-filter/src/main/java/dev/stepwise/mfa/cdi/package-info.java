/**
 * What an application injects or has applied: {@link dev.stepwise.mfa.cdi.MfaAccounts} (a user's MFA state from the
 * application's own code), {@link dev.stepwise.mfa.cdi.MfaAdministration} (what administrators do),
 * {@link dev.stepwise.mfa.cdi.MfaGuard} (a check in code), and the interceptors behind
 * {@link dev.stepwise.mfa.RequiresMfa} and {@link dev.stepwise.mfa.StepUp}.
 *
 * <p>API. The interceptors, the JAX-RS exception mapper and the other beans here are found by the container; an
 * application names none of them.
 */
package dev.stepwise.mfa.cdi;
