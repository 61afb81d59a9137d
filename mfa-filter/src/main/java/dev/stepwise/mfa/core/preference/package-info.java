/**
 * Users' own MFA choices (e.g. always ask at sign-in) and where they are kept.
 *
 * <p><strong>Internal: not API; may change in any release.</strong>
 * Applications do not use these types directly; {@link dev.stepwise.mfa.cdi.MfaAccounts} and the settings page
 * change them.
 */
package dev.stepwise.mfa.core.preference;
