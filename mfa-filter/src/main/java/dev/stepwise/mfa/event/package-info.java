/**
 * Audit events of the MFA lifecycle, fired as CDI events: observe {@link dev.stepwise.mfa.event.MfaEvent} for all
 * of them, or one type; {@link dev.stepwise.mfa.event.AuditLine} formats one as a line.
 *
 * <p>API.
 */
package dev.stepwise.mfa.event;
