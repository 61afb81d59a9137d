/**
 * The recovery-code factor: code sets generated once, stored hashed, each code usable once.
 *
 * <p><strong>Internal: not API; may change in any release.</strong>
 * Applications do not use these types directly; the factor is configured with the {@code stepwise.mfa.*} parameters.
 */
package dev.stepwise.mfa.factor.recovery;
