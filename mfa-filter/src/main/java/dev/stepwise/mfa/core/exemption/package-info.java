/**
 * Exemptions from MFA granted by administrators, and the holds on factors enrolled under one.
 *
 * <p><strong>Internal: not API; may change in any release.</strong>
 * Applications do not use these types directly; {@link dev.stepwise.mfa.cdi.MfaAdministration} grants and ends
 * exemptions.
 */
package dev.stepwise.mfa.core.exemption;
