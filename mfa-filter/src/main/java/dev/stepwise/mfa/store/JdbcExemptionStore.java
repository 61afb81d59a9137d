package dev.stepwise.mfa.store;

import dev.stepwise.mfa.core.exemption.ExemptionStore;
import dev.stepwise.mfa.core.exemption.MfaExemption;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Administrators' MFA exemptions in {@code stepwise_exemption}: at most one row per user.
 *
 * <pre>{@code
 * ExemptionStore exemptions = jdbcStore.exemptions();
 * exemptions.save(MfaExemption.grant("alice", "bob", "lost phone", Duration.ofHours(24), now, max));
 * }</pre>
 *
 * <p>Atomicity, one statement each: {@link #save} is an upsert on the user (a new exemption replaces the old),
 * {@link #revoke} a {@code DELETE} of the user's row, {@link #deleteEndedBefore}
 * {@code DELETE … WHERE until_at <= ?} (an exemption replaced concurrently by a longer one is re-checked under its
 * row lock and stays). A row that has ended may still be returned by {@link #find}; the policy checks
 * {@link MfaExemption#isActiveAt} with its own clock.
 */
public final class JdbcExemptionStore implements ExemptionStore {

    private static final String COLUMNS = "user_id, until_at, reason, granted_by, created_at";

    private final Jdbc jdbc;

    JdbcExemptionStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void save(MfaExemption e) {
        Objects.requireNonNull(e, "exemption");
        Jdbc.requireUser(e.user());
        if (e.grantedBy().isEmpty() || e.grantedBy().length() > Jdbc.MAX_USER_LENGTH) {
            throw new IllegalArgumentException("the granting administrator's id must have 1 to "
                    + Jdbc.MAX_USER_LENGTH + " characters");
        }
        jdbc.autocommit("store an exemption", c -> jdbc.upsert(c, "stepwise_exemption", List.of("user_id"),
                List.of("until_at", "reason", "granted_by", "created_at"), ps -> {
                    ps.setString(1, e.user());
                    ps.setLong(2, Jdbc.millis(e.until()));
                    ps.setString(3, e.reason());
                    ps.setString(4, e.grantedBy());
                    ps.setLong(5, Jdbc.millis(e.createdAt()));
                }));
    }

    @Override
    public Optional<MfaExemption> find(String user) {
        Jdbc.requireUser(user);
        return jdbc.autocommit("read an exemption", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT " + COLUMNS + " FROM stepwise_exemption WHERE user_id = ?")) {
                ps.setString(1, user);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(row(rs)) : Optional.<MfaExemption>empty();
                }
            }
        });
    }

    @Override
    public boolean revoke(String user) {
        Jdbc.requireUser(user);
        return jdbc.update("revoke an exemption", "DELETE FROM stepwise_exemption WHERE user_id = ?",
                ps -> ps.setString(1, user)) == 1;
    }

    @Override
    public List<MfaExemption> list() {
        List<MfaExemption> result = jdbc.list("list exemptions", "SELECT " + COLUMNS + " FROM stepwise_exemption",
                ps -> { }, JdbcExemptionStore::row);
        // sorted here, not by ORDER BY: the database's collation would order names differently per installation
        result.sort(Comparator.comparing(MfaExemption::user));
        return List.copyOf(result);
    }

    @Override
    public int deleteEndedBefore(Instant cutoff) {
        Objects.requireNonNull(cutoff, "cutoff");
        // until is exclusive: an exemption whose until is the cutoff has ended by then
        return jdbc.update("delete ended exemptions", "DELETE FROM stepwise_exemption WHERE until_at <= ?",
                ps -> ps.setLong(1, Jdbc.millis(cutoff)));
    }

    private static MfaExemption row(ResultSet rs) throws SQLException {
        return new MfaExemption(rs.getString(1), Jdbc.instant(rs.getLong(2)), rs.getString(3), rs.getString(4),
                Jdbc.instant(rs.getLong(5)));
    }
}
