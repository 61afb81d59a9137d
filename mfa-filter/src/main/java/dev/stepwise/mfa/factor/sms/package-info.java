/**
 * The SMS and voice factors: one-time codes sent to a phone. An application provides the numbers with a CDI bean
 * implementing {@link dev.stepwise.mfa.factor.sms.PhoneNumberDirectory}, and either configures the built-in HTTP
 * gateway ({@code stepwise.mfa.sms.gateway.url}) or provides a {@link dev.stepwise.mfa.factor.sms.CodeSender} bean.
 *
 * <p>API: {@link dev.stepwise.mfa.factor.sms.PhoneNumberDirectory}, {@link dev.stepwise.mfa.factor.sms.CodeSender}
 * and the types their methods take. The other types are the factors' own and are not API (they may change in any
 * release).
 */
package dev.stepwise.mfa.factor.sms;
