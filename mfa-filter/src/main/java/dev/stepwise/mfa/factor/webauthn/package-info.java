/**
 * The WebAuthn factor (security keys and passkeys as a second factor), on webauthn4j: registration and
 * authentication ceremonies, the relying party, the credential store SPI.
 *
 * <p><strong>Internal: not API; may change in any release.</strong>
 * Applications do not use these types directly; the factor is configured with the {@code stepwise.mfa.*} parameters.
 *
 * @serial exclude
 */
package dev.stepwise.mfa.factor.webauthn;
