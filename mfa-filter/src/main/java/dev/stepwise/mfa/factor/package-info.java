/**
 * The factor SPI: a CDI bean implementing {@link dev.stepwise.mfa.factor.Factor}, named in
 * {@code stepwise.mfa.factors}, is offered like the built-in ones; it answers with a
 * {@link dev.stepwise.mfa.factor.Verification} and reads the attempt from a
 * {@link dev.stepwise.mfa.factor.ChallengeContext}. The optional interfaces here add enrolment, removal and code
 * sending to a factor.
 *
 * <p>API (SPI). The built-in factors live in the sub-packages.
 */
package dev.stepwise.mfa.factor;
