/**
 * Adaptive MFA: risk signals judge a sign-in and the assessor turns their verdicts into a
 * {@link dev.stepwise.mfa.core.risk.RiskLevel}. Add a signal as a CDI bean implementing
 * {@link dev.stepwise.mfa.core.risk.RiskSignal}.
 *
 * <p>API (SPI): {@link dev.stepwise.mfa.core.risk.RiskSignal} and the types its method takes and returns. The
 * built-in signals and the assessor are not API (they may change in any release).
 */
package dev.stepwise.mfa.core.risk;
