package dev.stepwise.mfa.core;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * A "trust this device" cookie that was verified for this session's user.
 *
 * @param deviceId  the server-side device record it refers to
 * @param expiresAt when the trust ends
 */
public record TrustedDeviceGrant(String deviceId, Instant expiresAt) implements Serializable {

    /**
     * Checks the components.
     * @param deviceId the server-side device record it refers to
     * @param expiresAt when the trust ends
     */
    public TrustedDeviceGrant {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /**
     * Whether the trust still holds at {@code now} (it ends at {@code expiresAt}, exclusive).
     *
     * @param now the current instant
     * @return whether the trust still holds at {@code now} (it ends at {@code expiresAt}, exclusive)
     */
    public boolean isValidAt(Instant now) {
        return now.isBefore(expiresAt);
    }
}
