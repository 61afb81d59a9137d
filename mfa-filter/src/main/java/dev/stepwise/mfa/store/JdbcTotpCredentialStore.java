package dev.stepwise.mfa.store;

import dev.stepwise.mfa.core.FailureCount;
import dev.stepwise.mfa.core.FailureCounter;
import dev.stepwise.mfa.factor.totp.TotpCredential;
import dev.stepwise.mfa.factor.totp.TotpCredentialStore;
import dev.stepwise.mfa.factor.totp.TotpSecret;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * TOTP enrolments in {@code stepwise_totp}, the secret sealed with the {@link SecretBox} (owner: the user, purpose
 * {@value #PURPOSE}): a database dump does not reveal the secrets, and a sealed secret copied into another user's
 * row does not open ({@link SecretBoxException} from {@link #find}: fail closed).
 *
 * <pre>{@code
 * TotpFactor totp = new TotpFactor(jdbcStore.totpCredentials(), clock, TotpSettings.defaults());
 * }</pre>
 *
 * <p>Atomicity: {@link #advanceLastStep} is the single statement
 * {@code UPDATE stepwise_totp SET last_step = ? WHERE user_id = ? AND last_step < ?}; the database's row lock
 * serialises concurrent calls and re-evaluates the condition, so of two nodes verifying one code exactly one gets
 * an update count of 1 (RFC 6238 §5.2). {@link #save} is one upsert. {@link #saveUnlessActive} and
 * {@link #activatePending} never replace an active row: their writes are conditional on {@code active = FALSE}.
 */
public final class JdbcTotpCredentialStore implements TotpCredentialStore {

    /** SecretBox purpose of a sealed TOTP secret. */
    public static final String PURPOSE = "totp";

    private final Jdbc jdbc;
    private final SecretBox box;
    private final JdbcTotpConditionalWrites writes;
    private final JdbcTotpCountedAttempts counts;

    JdbcTotpCredentialStore(Jdbc jdbc, SecretBox box) {
        this.jdbc = jdbc;
        this.box = box;
        this.writes = new JdbcTotpConditionalWrites(jdbc, box);
        this.counts = new JdbcTotpCountedAttempts(jdbc, this::credential);
    }

    @Override
    public Optional<TotpCredential> find(String user) {
        Jdbc.requireUser(user);
        return jdbc.autocommit("read a TOTP enrolment", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT secret_box, active, last_step FROM stepwise_totp WHERE user_id = ?")) {
                ps.setString(1, user);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.<TotpCredential>empty();
                    }
                    return Optional.of(credential(user, rs));
                }
            }
        });
    }

    /** The credential in columns 1–3 of {@code rs} (secret_box, active, last_step). */
    TotpCredential credential(String user, ResultSet rs) throws SQLException {
        byte[] secret = box.open(rs.getBytes(1), user, PURPOSE);
        try {
            return new TotpCredential(user, new TotpSecret(secret), rs.getBoolean(2), rs.getLong(3));
        } catch (IllegalArgumentException weak) {
            // A row written before secrets of 160 bits were required: refused, never used (fail closed).
            throw new IllegalStateException("a stored TOTP secret is too weak to use; remove it and let "
                    + "the user enrol again (" + weak.getMessage() + ")", weak);
        } finally {
            SecretBox.wipe(secret);
        }
    }

    @Override
    public void save(TotpCredential credential) {
        Objects.requireNonNull(credential, "credential");
        String user = Jdbc.requireUser(credential.user());
        byte[] sealed = seal(credential);
        jdbc.autocommit("store a TOTP enrolment", c -> jdbc.upsert(c, "stepwise_totp", List.of("user_id"),
                List.of("secret_box", "active", "last_step"), ps -> {
                    ps.setString(1, user);
                    ps.setBytes(2, sealed);
                    ps.setBoolean(3, credential.active());
                    ps.setLong(4, credential.lastStep());
                }));
    }

    /** The secret of {@code credential} sealed for its user. */
    private byte[] seal(TotpCredential credential) {
        byte[] secret = credential.secret().bytes();
        try {
            return box.seal(secret, credential.user(), PURPOSE);
        } finally {
            SecretBox.wipe(secret);
        }
    }

    /** See {@link JdbcTotpConditionalWrites#saveUnlessActive}. */
    @Override
    public boolean saveUnlessActive(TotpCredential credential) {
        Objects.requireNonNull(credential, "credential");
        Jdbc.requireUser(credential.user());
        return writes.saveUnlessActive(credential, seal(credential));
    }

    /** See {@link JdbcTotpConditionalWrites#activatePending}. */
    @Override
    public boolean activatePending(TotpCredential pending, long acceptedStep) {
        Objects.requireNonNull(pending, "pending");
        Jdbc.requireUser(pending.user());
        return writes.activatePending(pending, acceptedStep);
    }

    @Override
    public void delete(String user) {
        Jdbc.requireUser(user);
        jdbc.update("delete a TOTP enrolment", "DELETE FROM stepwise_totp WHERE user_id = ?",
                ps -> ps.setString(1, user));
    }

    @Override
    public boolean advanceLastStep(String user, long step) {
        Jdbc.requireUser(user);
        // RFC 6238 §5.2: accept each OTP once — one conditional update, never read-then-write
        return jdbc.update("record a used TOTP step",
                "UPDATE stepwise_totp SET last_step = ? WHERE user_id = ? AND last_step < ?", ps -> {
                    ps.setLong(1, step);
                    ps.setString(2, user);
                    ps.setLong(3, step);
                }) == 1;
    }

    /**
     * {@link #advanceLastStep} and, only if it moved the step forward, the end of {@code user}'s consecutive failures
     * ({@code AccountThrottle.recordSuccess}), as one statement: the code check of a challenge in two round trips
     * (reserve the attempt, then this) instead of three. Atomic like {@link #advanceLastStep}: of concurrent calls
     * for one step exactly one returns {@code true}; a refused step leaves the failures alone; a fault changes
     * nothing. PostgreSQL: two data-modifying {@code WITH} queries; H2: a {@code MERGE} into the attempts whose
     * source is the {@code FINAL TABLE} of the step's {@code UPDATE}; MariaDB: one multi-table {@code UPDATE}.
     *
     * <p>Not for confirming an enrolment: there a success must not end earlier failures.
     *
     * @return whether this call used the step (and so ended the failures)
     */
    @Override
    public boolean advanceLastStepEndingFailures(FailureCounter counter, String user, long step) {
        return sharesDatabase(counter) ? advanceLastStepEndingFailures(user, step)
                : TotpCredentialStore.super.advanceLastStepEndingFailures(counter, user, step);
    }

    @Override
    public CountedAttempt countAttemptAndFind(FailureCounter counter, String user, FailureCount expected,
                                              FailureCount next) {
        return sharesDatabase(counter) ? countAttemptAndFind(user, expected, next)
                : TotpCredentialStore.super.countAttemptAndFind(counter, user, expected, next);
    }

    /**
     * Whether the failures {@code counter} keeps are {@code stepwise_attempt} rows, which one statement may count
     * or end with the TOTP step; any other counter is asked itself. Both stores are expected to come from one
     * {@link JdbcStore} (as the library wires them): a {@code JdbcAttemptStore} of another database would not see
     * the failures counted here.
     */
    /** Whether {@code counter} counts in this store's database (one statement can then do both). */
    private boolean sharesDatabase(FailureCounter counter) {
        return counter instanceof JdbcAttemptStore attempts && attempts.sameDatabase(jdbc);
    }

    /**
     * {@link #advanceLastStepEndingFailures(FailureCounter, String, long)} in this store's database.
     *
     * @param user the user name (the container's caller principal name)
     * @param step the step
     * @return whether the step was advanced
     */
    public boolean advanceLastStepEndingFailures(String user, long step) {
        Jdbc.requireUser(user);
        if (jdbc.dialect() == Dialect.MARIADB) {
            return advanceLastStepEndingFailuresMariaDb(user, step);
        }
        String claim = "UPDATE stepwise_totp SET last_step = ? WHERE user_id = ? AND last_step < ?";
        String sql = jdbc.dialect() == Dialect.POSTGRESQL
                ? "WITH s AS (" + claim + " RETURNING user_id), r AS (UPDATE stepwise_attempt SET failures = 0"
                        + " WHERE user_id IN (SELECT user_id FROM s)) SELECT COUNT(*) FROM s"
                : "SELECT COUNT(*) FROM FINAL TABLE (MERGE INTO stepwise_attempt a USING (SELECT user_id FROM FINAL"
                        + " TABLE (" + claim + ")) s ON a.user_id = s.user_id WHEN MATCHED THEN UPDATE SET failures = 0"
                        + " WHEN NOT MATCHED THEN INSERT (user_id, failures, last_failure_at) VALUES (s.user_id, 0, 0))";
        List<Integer> count = jdbc.list("record a used TOTP step", sql, ps -> {
            ps.setLong(1, step);
            ps.setString(2, user);
            ps.setLong(3, step);
        }, rs -> rs.getInt(1));
        return count.get(0) == 1;
    }

    /**
     * MariaDB: one multi-table {@code UPDATE} of the credential and, through a {@code LEFT JOIN}, the account's
     * attempt row (if any). InnoDB locks the credential's row and re-reads it before the condition is applied, as
     * for a single-table update, so of concurrent calls for one step exactly one matches. The update count is at
     * least 1 exactly when the credential's row matched (the attempt row, already at zero or absent, may add
     * nothing), whatever the connection reports: changed or found rows.
     */
    private boolean advanceLastStepEndingFailuresMariaDb(String user, long step) {
        return jdbc.update("record a used TOTP step", "UPDATE stepwise_totp t LEFT JOIN stepwise_attempt a"
                + " ON a.user_id = t.user_id SET t.last_step = ?, a.failures = 0 WHERE t.user_id = ?"
                + " AND t.last_step < ?", ps -> {
                    ps.setLong(1, step);
                    ps.setString(2, user);
                    ps.setLong(3, step);
                }) >= 1;
    }

    /**
     * The compare-and-set of an attempt's count ({@code AccountThrottle}'s reservation, as
     * {@code FailureCounter.replace(user, expected, next)}) and, only if it counted, the read of the TOTP credential
     * the check then needs with the factor's enrolment hold, in one statement: the code check of a challenge in two
     * round trips with {@link #advanceLastStepEndingFailures}, and the hold kept with the verification without a
     * third (see {@link JdbcTotpCountedAttempts}: why the hold read with the credential is the one the
     * verification is under). Of concurrent calls expecting one count exactly one counts; one that does not count
     * changes nothing and reads nothing (the throttle then reads and judges the count again). MariaDB: the
     * compare-and-set of {@link JdbcAttemptStore#replace}, then the credential and hold in one {@code SELECT}.
     *
     * @param user     the account
     * @param expected the count the throttle judged ({@link FailureCount#NONE}: no failures, no row or a row at
     *                 zero)
     * @param next     {@code expected} with this attempt
     * @return what was counted and read; the hold map is never {@code null} here
     */
    public CountedAttempt countAttemptAndFind(String user, FailureCount expected, FailureCount next) {
        Jdbc.requireUser(user);
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(next, "next");
        return counts.count(user, expected, next);
    }
}
