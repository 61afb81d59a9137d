package dev.stepwise.mfa.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;

/**
 * The rows of {@code stepwise_secret_key} (see the schema files) and one sample of the secrets sealed elsewhere in
 * the store, for {@link SecretKeyCheck}. Writes are insert-unless-present only: a row, once there, is never
 * replaced; only a stray development key is ever deleted.
 */
final class SecretKeyTable {

    /** A fixed label sealed with the key in use. */
    static final String CHECK = "check";
    /** Development mode's generated key, in the clear. */
    static final String DEVELOPMENT_KEY = "development-key";

    /** The schema version that adds {@code stepwise_secret_key}. */
    private static final int SECRET_KEY_VERSION = 4;

    /** "Table not found": H2 and MariaDB 42S02, PostgreSQL 42P01. */
    private static final Set<String> MISSING_TABLE = Set.of("42S02", "42P01", "42S04");

    /** A secret sealed by another store, with the owner and purpose it was sealed for. */
    record Sealed(byte[] sealed, String owner, String purpose) {
    }

    private final Jdbc jdbc;
    private final Clock clock;

    SecretKeyTable(Jdbc jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The content of one entry, if written. */
    Optional<byte[]> read(String entry) {
        try {
            return jdbc.autocommit("read the secret key check", c -> {
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT content FROM stepwise_secret_key WHERE entry = ?")) {
                    ps.setString(1, entry);
                    try (ResultSet rs = ps.executeQuery()) {
                        return rs.next() ? Optional.of(rs.getBytes(1)) : Optional.<byte[]>empty();
                    }
                }
            });
        } catch (StoreUnavailableException e) {
            if (e.getCause() instanceof SQLException s && MISSING_TABLE.contains(s.getSQLState())) {
                throw new StoreSchemaException("the table stepwise_secret_key is missing in this database although"
                        + " its version is recorded: run " + SchemaScripts.of(jdbc.dialect(), SECRET_KEY_VERSION)
                        .resource() + " from the mfa-filter jar again (it is idempotent)", s);
            }
            throw e;
        }
    }

    /** Writes an entry unless one is there; the caller reads it back to learn which one won. */
    void insertIfAbsent(String entry, byte[] content) {
        jdbc.autocommit("write the secret key check", c -> jdbc.insertIfAbsent(c,
                "INSERT INTO stepwise_secret_key (entry, content, created_at) VALUES (?, ?, ?)", ps -> {
                    ps.setString(1, entry);
                    ps.setBytes(2, content);
                    ps.setLong(3, Jdbc.millis(clock.instant()));
                }));
    }

    /** Deletes an entry (development mode's stray key, once a configured key's check holds). */
    void delete(String entry) {
        jdbc.update("delete a stray development key", "DELETE FROM stepwise_secret_key WHERE entry = ?",
                ps -> ps.setString(1, entry));
    }

    /**
     * One secret sealed by the store before the check existed (a database of an earlier release): a TOTP secret, or
     * else a trust-signing key.
     */
    Optional<Sealed> anySealedSecret() {
        return jdbc.autocommit("read a sealed secret", c -> {
            Optional<Sealed> totp = first(c.prepareStatement("SELECT secret_box, user_id FROM stepwise_totp"
                    + " ORDER BY user_id"), JdbcTotpCredentialStore.PURPOSE);
            return totp.isPresent() ? totp : first(c.prepareStatement("SELECT key_box, key_id FROM stepwise_trust_key"
                    + " ORDER BY key_id"), JdbcTrustKeyStore.PURPOSE);
        });
    }

    private static Optional<Sealed> first(PreparedStatement statement, String purpose) throws SQLException {
        try (PreparedStatement ps = statement) {
            ps.setMaxRows(1);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Sealed(rs.getBytes(1), rs.getString(2), purpose)) : Optional.empty();
            }
        }
    }
}
