package dev.stepwise.mfa.store;

import dev.stepwise.mfa.core.exemption.EnrolmentHold;
import dev.stepwise.mfa.core.exemption.EnrolmentHoldStore;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Holds on factors enrolled under an exemption, in {@code stepwise_enrol_hold}: one row per user and factor.
 *
 * <pre>{@code
 * EnrolmentHoldStore holds = jdbcStore.enrolmentHolds();
 * holds.save(new EnrolmentHold("alice", "totp", now, now.plus(Duration.ofDays(1))));
 * }</pre>
 *
 * <p>Atomicity, one statement each: {@link #save} is an upsert on (user, factor), {@link #deleteEndedBefore}
 * {@code DELETE … WHERE until_at <= ?}.
 */
public final class JdbcEnrolmentHoldStore implements EnrolmentHoldStore {

    /** Longest factor id the table holds ({@code VARCHAR(64)}). */
    private static final int MAX_FACTOR_LENGTH = 64;

    private final Jdbc jdbc;

    JdbcEnrolmentHoldStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void save(EnrolmentHold hold) {
        Objects.requireNonNull(hold, "hold");
        Jdbc.requireUser(hold.user());
        if (hold.factorId().isEmpty() || hold.factorId().length() > MAX_FACTOR_LENGTH) {
            throw new IllegalArgumentException("a factor id must have 1 to " + MAX_FACTOR_LENGTH + " characters");
        }
        jdbc.autocommit("store an enrolment hold", c -> jdbc.upsert(c, "stepwise_enrol_hold",
                List.of("user_id", "factor_id"), List.of("enrolled_at", "until_at"), ps -> {
                    ps.setString(1, hold.user());
                    ps.setString(2, hold.factorId());
                    ps.setLong(3, Jdbc.millis(hold.enrolledAt()));
                    ps.setLong(4, Jdbc.millis(hold.until()));
                }));
    }

    @Override
    public List<EnrolmentHold> find(String user) {
        Jdbc.requireUser(user);
        List<EnrolmentHold> holds = jdbc.list("read enrolment holds",
                "SELECT factor_id, enrolled_at, until_at FROM stepwise_enrol_hold WHERE user_id = ?",
                ps -> ps.setString(1, user), rs -> new EnrolmentHold(user, rs.getString(1),
                        Jdbc.instant(rs.getLong(2)), Jdbc.instant(rs.getLong(3))));
        // sorted here, not by ORDER BY: the database's collation would order ids differently per installation
        holds.sort(Comparator.comparing(EnrolmentHold::factorId));
        return List.copyOf(holds);
    }

    @Override
    public int deleteEndedBefore(Instant cutoff) {
        Objects.requireNonNull(cutoff, "cutoff");
        // until is exclusive: a hold whose until is the cutoff has ended by then
        return jdbc.update("delete ended enrolment holds", "DELETE FROM stepwise_enrol_hold WHERE until_at <= ?",
                ps -> ps.setLong(1, Jdbc.millis(cutoff)));
    }
}
