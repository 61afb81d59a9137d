package dev.stepwise.mfa.store;

import dev.stepwise.mfa.factor.totp.TotpCredential;
import dev.stepwise.mfa.factor.totp.TotpSecret;

import java.security.MessageDigest;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;

/**
 * The writes of {@link JdbcTotpCredentialStore} that must never replace an active credential: each is conditional
 * on {@code active = FALSE} in the statement itself, so the database's row lock decides a race between nodes, not
 * a read made earlier (two nodes provisioning one user at once, or an enrolment begun while another node
 * confirms one).
 */
final class JdbcTotpConditionalWrites {

    private final Jdbc jdbc;
    private final SecretBox box;

    JdbcTotpConditionalWrites(Jdbc jdbc, SecretBox box) {
        this.jdbc = jdbc;
        this.box = box;
    }

    /**
     * {@code TotpCredentialStore.saveUnlessActive}, each statement atomic on its own in autocommit: the insert
     * unless a row is present ({@link Jdbc#insertIfAbsent}), else {@code UPDATE … WHERE user_id = ? AND active =
     * FALSE} with an update count of 1 (MariaDB may count matched rows: the same here, the sealed secret always
     * changes). When both change nothing, the row was active (then {@code false}) or a concurrent call removed or
     * inserted one in between, and this tries again: every try lost is another call's successful write.
     */
    boolean saveUnlessActive(TotpCredential credential, byte[] sealed) {
        String user = credential.user();
        Jdbc.Binder row = ps -> {
            ps.setBytes(1, sealed);
            ps.setBoolean(2, credential.active());
            ps.setLong(3, credential.lastStep());
            ps.setString(4, user);
        };
        return jdbc.autocommit("store a TOTP enrolment", c -> {
            while (!jdbc.insertIfAbsent(c, "INSERT INTO stepwise_totp (secret_box, active, last_step, user_id)"
                    + " VALUES (?, ?, ?, ?)", row) && Jdbc.update(c, "UPDATE stepwise_totp SET secret_box = ?,"
                    + " active = ?, last_step = ? WHERE user_id = ? AND active = FALSE", row) != 1) {
                try (PreparedStatement ps = c.prepareStatement("SELECT active FROM stepwise_totp WHERE user_id = ?")) {
                    ps.setString(1, user);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next() && rs.getBoolean(1)) {
                            return false;
                        }
                    }
                }
            }
            return true;
        });
    }

    /**
     * {@code TotpCredentialStore.activatePending}: reads the pending row, opens its secret and compares it with
     * {@code pending}'s; only if they are equal, {@code UPDATE … SET active = TRUE, last_step = GREATEST(last_step,
     * ?) WHERE user_id = ? AND active = FALSE AND secret_box = ?} with the sealed bytes read, so a row replaced in
     * between (sealed anew, with a fresh nonce) or activated in between does not match: update count 0.
     */
    boolean activatePending(TotpCredential pending, long acceptedStep) {
        String user = pending.user();
        List<byte[]> sealed = jdbc.list("read a TOTP enrolment", "SELECT secret_box FROM stepwise_totp"
                + " WHERE user_id = ? AND active = FALSE", ps -> ps.setString(1, user), rs -> rs.getBytes(1));
        if (sealed.isEmpty() || !holds(sealed.get(0), user, pending.secret())) {
            return false;
        }
        return jdbc.update("activate a TOTP enrolment", "UPDATE stepwise_totp SET active = TRUE, last_step ="
                + " GREATEST(last_step, ?) WHERE user_id = ? AND active = FALSE AND secret_box = ?", ps -> {
                    ps.setLong(1, acceptedStep);
                    ps.setString(2, user);
                    ps.setBytes(3, sealed.get(0));
                }) == 1;
    }

    /** Whether {@code sealed} opens to {@code secret}, compared in constant time; a row that does not open throws. */
    private boolean holds(byte[] sealed, String user, TotpSecret secret) {
        byte[] opened = box.open(sealed, user, JdbcTotpCredentialStore.PURPOSE);
        byte[] expected = secret.bytes();
        try {
            return MessageDigest.isEqual(opened, expected);
        } finally {
            SecretBox.wipe(opened);
            SecretBox.wipe(expected);
        }
    }
}
