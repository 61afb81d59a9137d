package dev.stepwise.mfa.store;

import dev.stepwise.mfa.trust.TrustKey;
import dev.stepwise.mfa.trust.TrustKeyStore;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Trust-signing keys in {@code stepwise_trust_key}, the key bytes sealed with the {@link SecretBox} (owner: the key
 * id, purpose {@value #PURPOSE}), so a copy of the database alone cannot forge cookies.
 *
 * <pre>{@code
 * TrustKeyStore keys = jdbcStore.trustKeys();
 * }</pre>
 *
 * <p>Atomicity: {@link #addIfAbsent} is one insert-unless-present; the {@code slot} column is unique, so two nodes
 * creating the key of one rotation slot at once store one key, and both read that one afterwards.
 */
public final class JdbcTrustKeyStore implements TrustKeyStore {

    /** SecretBox purpose of a sealed trust key. */
    public static final String PURPOSE = "trust-key";

    private final Jdbc jdbc;
    private final SecretBox box;

    JdbcTrustKeyStore(Jdbc jdbc, SecretBox box) {
        this.jdbc = jdbc;
        this.box = box;
    }

    @Override
    public List<TrustKey> findAll() {
        return jdbc.autocommit("read the trust keys", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT key_id, slot, key_box, signs_from, signs_until,"
                    + " expires_at FROM stepwise_trust_key ORDER BY signs_from, key_id");
                 ResultSet rs = ps.executeQuery()) {
                List<TrustKey> keys = new ArrayList<>();
                while (rs.next()) {
                    String id = rs.getString(1);
                    byte[] secret = box.open(rs.getBytes(3), id, PURPOSE);
                    try {
                        keys.add(new TrustKey(id, rs.getString(2), secret, Jdbc.instant(rs.getLong(4)),
                                Jdbc.instant(rs.getLong(5)), Jdbc.instant(rs.getLong(6))));
                    } finally {
                        SecretBox.wipe(secret);
                    }
                }
                return List.copyOf(keys);
            }
        });
    }

    @Override
    public boolean addIfAbsent(TrustKey key) {
        Objects.requireNonNull(key, "key");
        byte[] secret = key.secret();
        byte[] sealed;
        try {
            sealed = box.seal(secret, key.id(), PURPOSE);
        } finally {
            SecretBox.wipe(secret);
        }
        return jdbc.autocommit("store a trust key", c -> jdbc.insertIfAbsent(c, "INSERT INTO stepwise_trust_key"
                + " (key_id, slot, key_box, signs_from, signs_until, expires_at) VALUES (?, ?, ?, ?, ?, ?)", ps -> {
                    ps.setString(1, key.id());
                    ps.setString(2, key.slot());
                    ps.setBytes(3, sealed);
                    ps.setLong(4, Jdbc.millis(key.signsFrom()));
                    ps.setLong(5, Jdbc.millis(key.signsUntil()));
                    ps.setLong(6, Jdbc.millis(key.expiresAt()));
                }));
    }

    @Override
    public int deleteExpired(Instant now) {
        return jdbc.update("delete expired trust keys", "DELETE FROM stepwise_trust_key WHERE expires_at <= ?",
                ps -> ps.setLong(1, Jdbc.millis(now)));
    }
}
