/**
 * The email factor: one-time codes sent by mail. An application provides the addresses with a CDI bean
 * implementing {@link dev.stepwise.mfa.factor.email.EmailAddressDirectory}.
 *
 * <p>API: {@link dev.stepwise.mfa.factor.email.EmailAddressDirectory}. The other types are the factor's own and
 * are not API (they may change in any release).
 */
package dev.stepwise.mfa.factor.email;
