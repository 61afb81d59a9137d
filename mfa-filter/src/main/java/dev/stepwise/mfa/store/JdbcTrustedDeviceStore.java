package dev.stepwise.mfa.store;

import dev.stepwise.mfa.trust.TrustedDevice;
import dev.stepwise.mfa.trust.TrustedDeviceStore;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Trusted-device records in {@code stepwise_trusted_device}.
 *
 * <pre>{@code
 * TrustedDevices trust = new TrustedDevices(jdbcStore.trustedDevices(), jdbcStore.trustKeys(), clock, …);
 * }</pre>
 *
 * <p>Atomicity: every write is one statement. Revocation is {@code UPDATE … SET revoked_at = ? WHERE … AND
 * revoked_at IS NULL}, and {@code touch} only updates unrevoked rows, so a revocation is never undone by a
 * concurrent check, and revoking one device is scoped to its user in the same statement. A sign-in with a trust
 * cookie ({@link #touchIfActive}) is one round trip: an {@code UPDATE} whose condition is the whole validity check
 * (device, user, not revoked, not expired), returning the row only when it matched ({@link Dialect#returning}); on
 * MariaDB, which cannot return rows from an {@code UPDATE}, that update and a read of the row in one transaction.
 */
public final class JdbcTrustedDeviceStore implements TrustedDeviceStore {

    private static final String COLUMNS = "device_id, user_id, created_at, last_seen_at, user_agent, expires_at,"
            + " revoked_at";

    /** A sign-in with a trust cookie: the whole validity check of the record is this update's condition. */
    private static final String TOUCH_IF_ACTIVE = "UPDATE stepwise_trusted_device SET last_seen_at ="
            + " GREATEST(last_seen_at, ?) WHERE device_id = ? AND user_id = ? AND revoked_at IS NULL"
            + " AND expires_at > ?";

    private final Jdbc jdbc;

    JdbcTrustedDeviceStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void create(TrustedDevice d) {
        Objects.requireNonNull(d, "device");
        Jdbc.requireUser(d.user());
        boolean inserted = jdbc.autocommit("store a trusted device", c -> jdbc.insertIfAbsent(c,
                "INSERT INTO stepwise_trusted_device (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)", ps -> {
                    ps.setString(1, d.deviceId());
                    ps.setString(2, d.user());
                    ps.setLong(3, Jdbc.millis(d.createdAt()));
                    ps.setLong(4, Jdbc.millis(d.lastSeenAt()));
                    ps.setString(5, d.userAgent());
                    ps.setLong(6, Jdbc.millis(d.expiresAt()));
                    if (d.revokedAt() == null) {
                        ps.setNull(7, java.sql.Types.BIGINT);
                    } else {
                        ps.setLong(7, Jdbc.millis(d.revokedAt()));
                    }
                }));
        if (!inserted) {
            throw new IllegalArgumentException("a trusted device with this id exists already");
        }
    }

    @Override
    public Optional<TrustedDevice> find(String deviceId) {
        Objects.requireNonNull(deviceId, "deviceId");
        return jdbc.autocommit("read a trusted device", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT " + COLUMNS + " FROM stepwise_trusted_device WHERE device_id = ?")) {
                ps.setString(1, deviceId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(row(rs)) : Optional.<TrustedDevice>empty();
                }
            }
        });
    }

    @Override
    public boolean touch(String deviceId, Instant lastSeenAt) {
        Objects.requireNonNull(deviceId, "deviceId");
        return jdbc.update("update a trusted device", "UPDATE stepwise_trusted_device SET last_seen_at ="
                + " GREATEST(last_seen_at, ?) WHERE device_id = ? AND revoked_at IS NULL", ps -> {
                    ps.setLong(1, Jdbc.millis(lastSeenAt));
                    ps.setString(2, deviceId);
                }) == 1;
    }

    @Override
    public Optional<TrustedDevice> touchIfActive(String user, String deviceId, Instant now) {
        Jdbc.requireUser(user);
        Objects.requireNonNull(deviceId, "deviceId");
        long at = Jdbc.millis(now);
        Jdbc.Binder bind = ps -> {
            ps.setLong(1, at);
            ps.setString(2, deviceId);
            ps.setString(3, user);
            ps.setLong(4, at);
        };
        // the row lock and the re-check of this condition after a concurrent revocation make it atomic
        if (!jdbc.dialect().updateReturns()) {
            return touchThenRead(deviceId, bind);
        }
        List<TrustedDevice> rows = jdbc.list("use a trusted device", jdbc.dialect().returning(TOUCH_IF_ACTIVE, COLUMNS),
                bind, JdbcTrustedDeviceStore::row);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    /**
     * MariaDB (no {@code UPDATE … RETURNING}): the same conditional {@code UPDATE}, then, only if it matched, the
     * row read in the same transaction, while the update's row lock keeps a revocation out: what is returned is
     * the record as this sign-in left it. A refusal is one statement, a sign-in two.
     */
    private Optional<TrustedDevice> touchThenRead(String deviceId, Jdbc.Binder bind) {
        return jdbc.transaction("use a trusted device", c -> {
            if (Jdbc.update(c, TOUCH_IF_ACTIVE, bind) != 1) {
                return Optional.<TrustedDevice>empty();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT " + COLUMNS + " FROM stepwise_trusted_device WHERE device_id = ?")) {
                ps.setString(1, deviceId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(row(rs)) : Optional.<TrustedDevice>empty();
                }
            }
        });
    }

    @Override
    public List<TrustedDevice> listByUser(String user) {
        Jdbc.requireUser(user);
        return jdbc.autocommit("list trusted devices", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM stepwise_trusted_device"
                    + " WHERE user_id = ? ORDER BY created_at DESC, device_id")) {
                ps.setString(1, user);
                try (ResultSet rs = ps.executeQuery()) {
                    List<TrustedDevice> result = new ArrayList<>();
                    while (rs.next()) {
                        result.add(row(rs));
                    }
                    return List.copyOf(result);
                }
            }
        });
    }

    @Override
    public boolean revoke(String user, String deviceId, Instant at) {
        Jdbc.requireUser(user);
        Objects.requireNonNull(deviceId, "deviceId");
        return jdbc.update("revoke a trusted device", "UPDATE stepwise_trusted_device SET revoked_at = ?"
                + " WHERE device_id = ? AND user_id = ? AND revoked_at IS NULL", ps -> {
                    ps.setLong(1, Jdbc.millis(at));
                    ps.setString(2, deviceId);
                    ps.setString(3, user);
                }) == 1;
    }

    @Override
    public int revokeAll(String user, Instant at) {
        Jdbc.requireUser(user);
        return jdbc.update("revoke trusted devices", "UPDATE stepwise_trusted_device SET revoked_at = ?"
                + " WHERE user_id = ? AND revoked_at IS NULL", ps -> {
                    ps.setLong(1, Jdbc.millis(at));
                    ps.setString(2, user);
                });
    }

    @Override
    public int deleteExpired(Instant before) {
        return jdbc.update("delete expired trusted devices",
                "DELETE FROM stepwise_trusted_device WHERE expires_at < ?", ps -> ps.setLong(1, Jdbc.millis(before)));
    }

    private static TrustedDevice row(ResultSet rs) throws SQLException {
        long revoked = rs.getLong(7);
        Instant revokedAt = rs.wasNull() ? null : Jdbc.instant(revoked);
        return new TrustedDevice(rs.getString(1), rs.getString(2), Jdbc.instant(rs.getLong(3)),
                Jdbc.instant(rs.getLong(4)), rs.getString(5), Jdbc.instant(rs.getLong(6)), revokedAt);
    }
}
