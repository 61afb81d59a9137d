package dev.stepwise.mfa.store;

import dev.stepwise.mfa.factor.webauthn.WebAuthnCredential;
import dev.stepwise.mfa.factor.webauthn.WebAuthnCredentialStore;

import java.security.MessageDigest;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * WebAuthn credential records in {@code stepwise_webauthn_credential} and user handles in
 * {@code stepwise_webauthn_user_handle}. Nothing here is secret (private keys stay on the authenticators), but
 * credential ids and keys are personal data: never logged, never in exception messages.
 *
 * <pre>{@code
 * WebAuthnCredentialStore credentials = jdbcStore.webAuthnCredentials();
 * }</pre>
 *
 * <p>Atomicity, one statement each: {@link #add} is insert-unless-present on the credential id (WebAuthn §7.1:
 * an id already registered, for any user, fails the registration); {@link #updateSignCount} is the compare-and-set
 * {@code UPDATE … WHERE credential_id = ? AND sign_count = ?} (§7.2 "update storedSignCount"), so two concurrent
 * sign-ins cannot both move the counter from one old value; {@link #userHandle} is insert-unless-present followed
 * by a read, so concurrent first calls agree on one handle.
 */
public final class JdbcWebAuthnCredentialStore implements WebAuthnCredentialStore {

    private static final String COLUMNS = "credential_id, user_id, attested_credential_data, sign_count, transports,"
            + " aaguid, name, uv_initialized, backup_eligible, backed_up, created_at, last_used_at";

    private final Jdbc jdbc;

    JdbcWebAuthnCredentialStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean add(WebAuthnCredential cr) {
        Objects.requireNonNull(cr, "credential");
        Jdbc.requireUser(cr.user());
        String transports = String.join(",", new TreeSet<>(cr.transports()));
        if (transports.length() > 255 || cr.transports().stream().anyMatch(t -> t.isEmpty() || t.contains(","))) {
            throw new IllegalArgumentException("transports must be non-empty names without commas, 255 characters in all");
        }
        return jdbc.autocommit("register a WebAuthn credential", c -> jdbc.insertIfAbsent(c,
                "INSERT INTO stepwise_webauthn_credential (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                ps -> {
                    ps.setBytes(1, cr.credentialId());
                    ps.setString(2, cr.user());
                    ps.setBytes(3, cr.attestedCredentialData());
                    ps.setLong(4, cr.signCount());
                    ps.setString(5, transports);
                    ps.setString(6, cr.aaguid().toString());
                    ps.setString(7, cr.name());
                    ps.setBoolean(8, cr.uvInitialized());
                    ps.setBoolean(9, cr.backupEligible());
                    ps.setBoolean(10, cr.backedUp());
                    ps.setLong(11, Jdbc.millis(cr.createdAt()));
                    if (cr.lastUsedAt() == null) {
                        ps.setNull(12, Types.BIGINT);
                    } else {
                        ps.setLong(12, Jdbc.millis(cr.lastUsedAt()));
                    }
                }));
    }

    @Override
    public Optional<WebAuthnCredential> find(byte[] credentialId) {
        Objects.requireNonNull(credentialId, "credentialId");
        return jdbc.autocommit("read a WebAuthn credential", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT " + COLUMNS + " FROM stepwise_webauthn_credential WHERE credential_id = ?")) {
                ps.setBytes(1, credentialId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(row(rs)) : Optional.<WebAuthnCredential>empty();
                }
            }
        });
    }

    @Override
    public List<WebAuthnCredential> list(String user) {
        Jdbc.requireUser(user);
        return jdbc.autocommit("list WebAuthn credentials", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM stepwise_webauthn_credential"
                    + " WHERE user_id = ? ORDER BY created_at, credential_id")) {
                ps.setString(1, user);
                try (ResultSet rs = ps.executeQuery()) {
                    List<WebAuthnCredential> result = new ArrayList<>();
                    while (rs.next()) {
                        result.add(row(rs));
                    }
                    return List.copyOf(result);
                }
            }
        });
    }

    @Override
    public boolean updateSignCount(byte[] credentialId, long expectedSignCount, long newSignCount, boolean backedUp,
                                   boolean uvPerformed, Instant lastUsedAt) {
        Objects.requireNonNull(credentialId, "credentialId");
        Objects.requireNonNull(lastUsedAt, "lastUsedAt");
        if (newSignCount < 0 || newSignCount > WebAuthnCredential.MAX_SIGN_COUNT) {
            throw new IllegalArgumentException("newSignCount must be 0 to " + WebAuthnCredential.MAX_SIGN_COUNT);
        }
        // WebAuthn §7.2 "update storedSignCount": a compare-and-set, one statement
        return jdbc.update("record a WebAuthn sign-in", "UPDATE stepwise_webauthn_credential SET sign_count = ?,"
                + " backed_up = ?, uv_initialized = (uv_initialized OR ?), last_used_at = ?"
                + " WHERE credential_id = ? AND sign_count = ?", ps -> {
                    ps.setLong(1, newSignCount);
                    ps.setBoolean(2, backedUp);
                    ps.setBoolean(3, uvPerformed);
                    ps.setLong(4, Jdbc.millis(lastUsedAt));
                    ps.setBytes(5, credentialId);
                    ps.setLong(6, expectedSignCount);
                }) == 1;
    }

    @Override
    public boolean rename(String user, byte[] credentialId, String name) {
        Jdbc.requireUser(user);
        Objects.requireNonNull(credentialId, "credentialId");
        String checked = WebAuthnCredential.checkName(name);
        return jdbc.update("rename a WebAuthn credential",
                "UPDATE stepwise_webauthn_credential SET name = ? WHERE credential_id = ? AND user_id = ?", ps -> {
                    ps.setString(1, checked);
                    ps.setBytes(2, credentialId);
                    ps.setString(3, user);
                }) == 1;
    }

    @Override
    public boolean delete(String user, byte[] credentialId) {
        Jdbc.requireUser(user);
        Objects.requireNonNull(credentialId, "credentialId");
        return jdbc.update("remove a WebAuthn credential",
                "DELETE FROM stepwise_webauthn_credential WHERE credential_id = ? AND user_id = ?", ps -> {
                    ps.setBytes(1, credentialId);
                    ps.setString(2, user);
                }) == 1;
    }

    /**
     * One transaction at READ COMMITTED: the user's rows are locked first, so a concurrent removal of another of
     * their credentials waits, and then sees the rows that are left.
     */
    @Override
    public boolean deleteUnlessLast(String user, byte[] credentialId) {
        Jdbc.requireUser(user);
        Objects.requireNonNull(credentialId, "credentialId");
        return jdbc.transactionReadCommitted("remove a WebAuthn credential", c -> {
            int owned = 0;
            boolean found = false;
            try (PreparedStatement ps = c.prepareStatement("SELECT credential_id FROM stepwise_webauthn_credential"
                    + " WHERE user_id = ? FOR UPDATE")) {
                ps.setString(1, user);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        owned++;
                        found |= MessageDigest.isEqual(rs.getBytes(1), credentialId);
                    }
                }
            }
            if (!found || owned < 2) {
                return false;
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM stepwise_webauthn_credential WHERE credential_id = ? AND user_id = ?")) {
                ps.setBytes(1, credentialId);
                ps.setString(2, user);
                return ps.executeUpdate() == 1;
            }
        });
    }

    @Override
    public byte[] userHandle(String user, byte[] candidate) {
        Jdbc.requireUser(user);
        Objects.requireNonNull(candidate, "candidate");
        if (candidate.length == 0 || candidate.length > 64) {
            throw new IllegalArgumentException("a user handle has 1 to 64 bytes (WebAuthn §5.4.3)");
        }
        byte[] handle = candidate.clone();
        return jdbc.autocommit("read the WebAuthn user handle", c -> {
            jdbc.insertIfAbsent(c, "INSERT INTO stepwise_webauthn_user_handle (user_id, user_handle) VALUES (?, ?)",
                    ps -> {
                        ps.setString(1, user);
                        ps.setBytes(2, handle);
                    });
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT user_handle FROM stepwise_webauthn_user_handle WHERE user_id = ?")) {
                ps.setString(1, user);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        // the candidate collided with another user's handle: 2^-256 with 32 random bytes
                        throw new SQLException("the candidate user handle belongs to another user", "23505");
                    }
                    return rs.getBytes(1);
                }
            }
        });
    }

    @Override
    public Optional<byte[]> findUserHandle(String user) {
        Jdbc.requireUser(user);
        return jdbc.autocommit("read the WebAuthn user handle", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT user_handle FROM stepwise_webauthn_user_handle WHERE user_id = ?")) {
                ps.setString(1, user);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getBytes(1)) : Optional.<byte[]>empty();
                }
            }
        });
    }

    private static WebAuthnCredential row(ResultSet rs) throws SQLException {
        String transports = rs.getString(5);
        Set<String> t = transports.isEmpty() ? Set.of() : Set.of(transports.split(","));
        long lastUsed = rs.getLong(12);
        Instant lastUsedAt = rs.wasNull() ? null : Jdbc.instant(lastUsed);
        return new WebAuthnCredential(rs.getString(2), rs.getBytes(1), rs.getBytes(3), rs.getLong(4), t,
                UUID.fromString(rs.getString(6)), rs.getString(7), rs.getBoolean(8), rs.getBoolean(9),
                rs.getBoolean(10), Jdbc.instant(rs.getLong(11)), lastUsedAt);
    }
}
