package dev.stepwise.mfa.trust;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where the server-side records of trusted devices live (the JDBC store in {@code stepwise_trusted_device}).
 *
 * <pre>{@code
 * TrustedDeviceStore devices = jdbcStore.trustedDevices();
 * devices.revokeAll("alice", now);   // after a password change
 * }</pre>
 *
 * <p>Implementations are thread-safe; revocations are single conditional updates, so a revoked device can never be
 * un-revoked by a concurrent {@link #touch}.
 */
public interface TrustedDeviceStore {

    /**
     * Stores a new record.
     *
     * @param device the device
     * @throws IllegalArgumentException if a record with its device id exists (ids are random 128-bit values, so
     *                                  this means a broken random source)
     */
    void create(TrustedDevice device);

    /**
     * The record of {@code deviceId}, revoked or expired ones included.
     *
     * @param deviceId the trusted device's id
     * @return the record of {@code deviceId}, revoked or expired ones included
     */
    Optional<TrustedDevice> find(String deviceId);

    /**
     * Sets the last-seen time of a device that is not revoked; returns whether one was updated.
     *
     * @param deviceId the trusted device's id
     * @param lastSeenAt when the device was seen
     * @return whether the device record was found and updated
     */
    boolean touch(String deviceId, Instant lastSeenAt);

    /**
     * A sign-in with the device's cookie: marks the device of {@code user} seen at {@code now} and returns its
     * record, but only if it is {@code user}'s, not revoked and not expired at {@code now}; otherwise returns empty
     * and writes nothing. The JDBC store does this in one conditional statement, so a revocation committed before
     * it is never overlooked and an ended or foreign record is never touched.
     *
     * <p>This default is the two-step form for stores that have nothing better (a look-up, then {@link #touch}).
     *
     * @param user the user name (the container's caller principal name)
     * @param deviceId the trusted device's id
     * @param now the current instant
     * @return the trusted device, or empty if there is none
     */
    default Optional<TrustedDevice> touchIfActive(String user, String deviceId, Instant now) {
        Optional<TrustedDevice> found = find(deviceId);
        if (found.isEmpty() || !found.get().user().equals(user) || !found.get().isActiveAt(now)
                || !touch(deviceId, now)) {
            return Optional.empty();
        }
        TrustedDevice d = found.get();
        Instant seen = now.isAfter(d.lastSeenAt()) ? now : d.lastSeenAt();
        return Optional.of(new TrustedDevice(d.deviceId(), d.user(), d.createdAt(), seen, d.userAgent(),
                d.expiresAt(), null));
    }

    /**
     * The records of {@code user}, newest first, revoked and expired ones included.
     *
     * @param user the user name (the container's caller principal name)
     * @return the records of {@code user}, newest first, revoked and expired ones included
     */
    List<TrustedDevice> listByUser(String user);

    /**
     * Revokes one device of {@code user}; a device of another user is left alone.
     *
     * @param user the user name (the container's caller principal name)
     * @param deviceId the trusted device's id
     * @param at the instant
     * @return whether this call revoked it (false if unknown, another user's, or already revoked)
     */
    boolean revoke(String user, String deviceId, Instant at);

    /**
     * Revokes every unrevoked device of {@code user}; returns how many.
     *
     * @param user the user name (the container's caller principal name)
     * @param at the instant
     * @return how many devices were revoked
     */
    int revokeAll(String user, Instant at);

    /**
     * Deletes records that expired before {@code before}; returns how many.
     *
     * @param before the before
     * @return how many devices were deleted
     */
    int deleteExpired(Instant before);
}
