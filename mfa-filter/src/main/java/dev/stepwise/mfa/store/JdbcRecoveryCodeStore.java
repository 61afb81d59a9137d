package dev.stepwise.mfa.store;

import dev.stepwise.mfa.factor.recovery.RecoveryCodeHash;
import dev.stepwise.mfa.factor.recovery.RecoveryCodeStore;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Recovery-code hashes in {@code stepwise_recovery_code} (salted PBKDF2 from the recovery factor; never codes).
 *
 * <pre>{@code
 * RecoveryFactor recovery = new RecoveryFactor(jdbcStore.recoveryCodes(), used -> events.fire(…));
 * }</pre>
 *
 * <p>Atomicity: {@link #consume} is the single statement {@code DELETE … WHERE id = ? AND user_id = ?} with an
 * update count of 1 (NIST SP 800-63B §5.1.2.2: each code used once): of concurrent uses of one code on any nodes,
 * exactly one deletes the row. {@link #replaceAll} is one transaction: it first locks the user's row in
 * {@code stepwise_recovery_set} (so concurrent regenerations of one user run one after the other), then deletes
 * the old hashes and inserts the new ones; a failure part-way rolls everything back, leaving the old set intact.
 * On MariaDB the transaction runs at READ COMMITTED, so deleting one user's hashes locks no gap another user's
 * inserts need.
 */
public final class JdbcRecoveryCodeStore implements RecoveryCodeStore {

    private static final String COLUMNS = "id, salt, iterations, code_hash";

    private final Jdbc jdbc;

    JdbcRecoveryCodeStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void replaceAll(String user, List<RecoveryCodeHash> hashes) {
        Jdbc.requireUser(user);
        List<RecoveryCodeHash> fresh = List.copyOf(hashes);
        Set<String> ids = new HashSet<>();
        for (RecoveryCodeHash h : fresh) {
            if (!ids.add(h.id())) {
                throw new IllegalArgumentException("duplicate recovery code id");
            }
        }
        jdbc.transactionReadCommitted("replace the recovery codes", c -> {
            lockSet(c, user);
            Jdbc.update(c, "DELETE FROM stepwise_recovery_code WHERE user_id = ?", ps -> ps.setString(1, user));
            if (!fresh.isEmpty()) {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO stepwise_recovery_code (" + COLUMNS
                        + ", user_id) VALUES (?, ?, ?, ?, ?)")) {
                    for (RecoveryCodeHash h : fresh) {
                        ps.setString(1, h.id());
                        ps.setBytes(2, h.salt());
                        ps.setInt(3, h.iterations());
                        ps.setBytes(4, h.hash());
                        ps.setString(5, user);
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
            }
            return null;
        });
    }

    /**
     * Takes the row lock of the user's set for the rest of the transaction: an update of the existing row, or the
     * insert of a new one (a concurrent insert of the same row waits for ours, then finds it and updates it).
     */
    private void lockSet(Connection c, String user) throws SQLException {
        Jdbc.Binder bindUser = ps -> ps.setString(1, user);
        if (jdbc.dialect() == Dialect.MARIADB) {
            // one statement that inserts the row or locks the existing one exclusively: concurrent callers queue
            // for that lock (the catch-and-update below would let two of them share a lock on the duplicate and
            // then deadlock, each waiting to update it)
            Jdbc.update(c, "INSERT INTO stepwise_recovery_set (user_id, generation) VALUES (?, 1)"
                    + " ON DUPLICATE KEY UPDATE generation = generation + 1", bindUser);
            return;
        }
        String bump = "UPDATE stepwise_recovery_set SET generation = generation + 1 WHERE user_id = ?";
        if (Jdbc.update(c, bump, bindUser) == 1) {
            return;
        }
        if (jdbc.insertIfAbsent(c, "INSERT INTO stepwise_recovery_set (user_id, generation) VALUES (?, 1)", bindUser)) {
            return;
        }
        if (Jdbc.update(c, bump, bindUser) != 1) {
            throw new SQLException("the recovery set row of a user vanished while it was being locked", "40001");
        }
    }

    @Override
    public List<RecoveryCodeHash> list(String user) {
        Jdbc.requireUser(user);
        return jdbc.autocommit("read the recovery codes", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                    + " FROM stepwise_recovery_code WHERE user_id = ? ORDER BY id")) {
                ps.setString(1, user);
                try (ResultSet rs = ps.executeQuery()) {
                    List<RecoveryCodeHash> result = new ArrayList<>();
                    while (rs.next()) {
                        result.add(new RecoveryCodeHash(rs.getString(1), rs.getBytes(2), rs.getInt(3), rs.getBytes(4)));
                    }
                    return List.copyOf(result);
                }
            }
        });
    }

    @Override
    public boolean consume(String user, String hashId) {
        Jdbc.requireUser(user);
        Objects.requireNonNull(hashId, "hashId");
        // NIST SP 800-63B §5.1.2.2: single use — the delete is the check
        return jdbc.update("use a recovery code", "DELETE FROM stepwise_recovery_code WHERE id = ? AND user_id = ?",
                ps -> {
                    ps.setString(1, hashId);
                    ps.setString(2, user);
                }) == 1;
    }

    @Override
    public int remaining(String user) {
        Jdbc.requireUser(user);
        return jdbc.autocommit("count the recovery codes", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT COUNT(*) FROM stepwise_recovery_code WHERE user_id = ?")) {
                ps.setString(1, user);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
    }
}
