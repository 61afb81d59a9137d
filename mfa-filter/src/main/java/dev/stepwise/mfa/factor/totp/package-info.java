/**
 * The TOTP factor (RFC 6238): secrets, enrolment with an {@code otpauth://} URI and its QR code, verification that
 * accepts each code once.
 *
 * <p><strong>Internal: not API; may change in any release.</strong>
 * Applications do not use these types directly; the factor is configured with the {@code stepwise.mfa.*} parameters.
 */
package dev.stepwise.mfa.factor.totp;
