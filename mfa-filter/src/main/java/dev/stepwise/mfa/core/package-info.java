/**
 * The pure decision core: {@link dev.stepwise.mfa.core.Gatekeeper} decides each request from the requirements, the
 * user's MFA state and what the store knows of the user. No servlet, CDI or JDBC types; time comes from a
 * {@link java.time.Clock}.
 *
 * <p><strong>Internal: not API; may change in any release.</strong>
 * Applications do not use these types directly; the filter and the interceptors call them.
 *
 * @serial exclude
 */
package dev.stepwise.mfa.core;
