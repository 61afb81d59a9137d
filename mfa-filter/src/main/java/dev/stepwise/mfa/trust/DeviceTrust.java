package dev.stepwise.mfa.trust;

import dev.stepwise.mfa.core.TrustedDeviceGrant;

import java.time.Instant;
import java.util.Objects;

/**
 * Whether a trust-this-device cookie lets its user skip session MFA: the answer of
 * {@link TrustedDevices#check}. A value either way, never an exception for a bad cookie.
 *
 * <pre>{@code
 * DeviceTrust t = trustedDevices.check(cookieValue, user);
 * if (t instanceof DeviceTrust.Trusted ok) {
 *     state = state.withTrust(ok.grant());
 * } else {
 *     clearCookie(response);   // docs/security-model.md: revoked/expired → ignored and cleared
 * }
 * }</pre>
 */
public sealed interface DeviceTrust {

    /**
     * The cookie is valid: signature, user, expiry, and a live server-side record.
     *
     * @param device    the record (its last-seen time already updated)
     * @param expiresAt the earlier of the cookie's and the record's expiry
     */
    record Trusted(TrustedDevice device, Instant expiresAt) implements DeviceTrust {
        /**
         * Checks the components.
         * @param device the record (its last-seen time already updated)
         * @param expiresAt the earlier of the cookie's and the record's expiry
         */
        public Trusted {
            Objects.requireNonNull(device, "device");
            Objects.requireNonNull(expiresAt, "expiresAt");
        }

        /** {@return what the session state keeps of it} */
        public TrustedDeviceGrant grant() {
            return new TrustedDeviceGrant(device.deviceId(), expiresAt);
        }
    }

    /** Not trusted; the reason is for the operator's log, not for the user. */
    record Untrusted(TrustRefusal reason) implements DeviceTrust {
        /**
         * Checks the components.
         * @param reason the reason
         */
        public Untrusted {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
