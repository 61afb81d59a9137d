/**
 * "Trust this device", pure Java: the signed cookie value ({@link dev.stepwise.mfa.trust.TrustTokenCodec}), key
 * rotation rules ({@link dev.stepwise.mfa.trust.TrustKeyRing}), the server-side device records and the SPIs the
 * store implements ({@link dev.stepwise.mfa.trust.TrustedDeviceStore}, {@link dev.stepwise.mfa.trust.TrustKeyStore}),
 * and the service the web layer calls ({@link dev.stepwise.mfa.trust.TrustedDevices}). No servlet, CDI or JDBC types.
 *
 * <p><strong>Internal: not API; may change in any release.</strong>
 * Applications do not use these types directly; the feature is configured with the {@code stepwise.mfa.*} parameters.
 */
package dev.stepwise.mfa.trust;
