package dev.stepwise.mfa.store;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The JDBC store: one {@link DataSource} (the web layer looks it up by the JNDI name in
 * {@code stepwise.mfa.datasource}), plain JDBC, tables prefixed {@code stepwise_}. Opening it detects the dialect
 * from the database's metadata and creates or checks the schema; then it hands out the individual stores, which
 * share the data source and are thread-safe.
 *
 * <pre>{@code
 * DataSource ds = InitialContext.doLookup("java:comp/DefaultDataSource");
 * JdbcStore store = JdbcStore.open(ds, new SecretBox(keyBytes), true, Clock.systemUTC());
 * AccountThrottle throttle = new AccountThrottle(store.attempts(), AttemptPolicy.defaults(), clock);
 * }</pre>
 *
 * <p>All shared state lives in the database, and every check-and-consume is one atomic statement (see each
 * store), so application nodes sharing one database never both accept one code.
 */
public final class JdbcStore {

    /** The schema version this release writes and reads: its last migration script's (docs/schema-migrations.md). */
    public static final int SCHEMA_VERSION = SchemaScripts.CURRENT;

    private final Jdbc jdbc;
    private final SecretBox box;
    private final Clock clock;

    private JdbcStore(Jdbc jdbc, SecretBox box, Clock clock) {
        this.jdbc = jdbc;
        this.box = box;
        this.clock = clock;
    }

    /**
     * Connects, detects the dialect and prepares the schema: {@code open(dataSource, box,
     * SchemaMode.of(createSchema), clock)}.
     *
     * @param dataSource   the database
     * @param box          seals secrets at rest (TOTP secrets, trust keys, questions, push auth secrets)
     * @param createSchema {@code true}: {@link SchemaMode#MIGRATE}; {@code false}: {@link SchemaMode#VERSION_ONLY}
     * @param clock        for the times the schema history records
     * @return the store
     * @throws StoreUnavailableException when the database cannot be reached
     * @throws StoreSchemaException      as {@link #open(DataSource, SecretBox, SchemaMode, Clock)}
     */
    public static JdbcStore open(DataSource dataSource, SecretBox box, boolean createSchema, Clock clock) {
        return open(dataSource, box, SchemaMode.of(createSchema), clock);
    }

    /**
     * Connects, detects the dialect and migrates or checks the schema (docs/schema-migrations.md).
     *
     * @param dataSource the database
     * @param box        seals secrets at rest (TOTP secrets, trust keys, questions, push auth secrets)
     * @param mode       what to do with the schema ({@code stepwise.mfa.store.create-schema})
     * @param clock      for the times the schema history records
     * @return the store
     * @throws StoreUnavailableException when the database cannot be reached
     * @throws StoreSchemaException      when the schema is missing versions (and not to be migrated), was written by
     *                                   a newer release, holds a version that failed half-way or an applied script
     *                                   that this jar has edited, or the database is not supported (or, on
     *                                   MariaDB, no database is selected in the JDBC URL)
     */
    public static JdbcStore open(DataSource dataSource, SecretBox box, SchemaMode mode, Clock clock) {
        Objects.requireNonNull(dataSource, "dataSource");
        Objects.requireNonNull(box, "box");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(clock, "clock");
        Dialect dialect;
        try (Connection c = dataSource.getConnection()) {
            dialect = Dialect.of(c.getMetaData());
            SchemaLock.requireDatabaseSelected(c, dialect);
        } catch (SQLException e) {
            throw Jdbc.fault("connect", e);
        }
        Jdbc jdbc = new Jdbc(dataSource, dialect);
        if (mode == SchemaMode.MIGRATE) {
            SchemaMigrator.migrate(jdbc, clock);
        }
        SchemaState state = jdbc.autocommit("read the schema version", SchemaState::read);
        if (mode == SchemaMode.VERSION_ONLY) {
            SchemaCheck.requireCurrentVersionRecorded(state, dialect);
        } else {
            SchemaCheck.requireCurrent(state, dialect);
        }
        if (dialect == Dialect.MARIADB) {
            requireMatchedRowCounts(jdbc);
        }
        return new JdbcStore(jdbc, box, clock);
    }

    /**
     * A cheap check that the database answers, for a readiness probe: borrows a connection and asks the driver
     * whether it is valid, waiting at most {@code timeout} (rounded up to whole seconds, at least 1) for the
     * answer. Borrowing the connection waits as long as the data source's own pool allows.
     *
     * @param timeout how long the driver may take to answer
     * @return whether the database answered in time
     * @throws StoreUnavailableException when no connection could be had
     */
    public boolean ping(Duration timeout) {
        long seconds = Math.max(1, (timeout.toMillis() + 999) / 1000);
        int wait = (int) Math.min(seconds, Integer.MAX_VALUE);
        return jdbc.autocommit("answer a health check", c -> c.isValid(wait));
    }

    /** {@return the detected dialect} */
    public Dialect dialect() {
        return jdbc.dialect();
    }

    /**
     * Per-account failure counters for {@code dev.stepwise.mfa.core.AccountThrottle}.
     *
     * @return the JDBC attempt store
     */
    public JdbcAttemptStore attempts() {
        return new JdbcAttemptStore(jdbc);
    }

    /**
     * Server-side records of trusted devices.
     *
     * @return the JDBC trusted device store
     */
    public JdbcTrustedDeviceStore trustedDevices() {
        return new JdbcTrustedDeviceStore(jdbc);
    }

    /**
     * Keys that sign trust-this-device cookies, sealed at rest.
     *
     * @return the JDBC trust key store
     */
    public JdbcTrustKeyStore trustKeys() {
        return new JdbcTrustKeyStore(jdbc, box);
    }

    /**
     * TOTP enrolments with sealed secrets, for {@code TotpFactor}.
     *
     * @return the JDBC TOTP credential store
     */
    public JdbcTotpCredentialStore totpCredentials() {
        return new JdbcTotpCredentialStore(jdbc, box);
    }

    /**
     * Recovery-code hashes, for {@code RecoveryFactor}.
     *
     * @return the JDBC recovery code store
     */
    public JdbcRecoveryCodeStore recoveryCodes() {
        return new JdbcRecoveryCodeStore(jdbc);
    }

    /**
     * Security questions (sealed) and answer hashes, for {@code QuestionsFactor}.
     *
     * @return the JDBC security question store
     */
    public JdbcSecurityQuestionStore securityQuestions() {
        return new JdbcSecurityQuestionStore(jdbc, box);
    }

    /**
     * WebAuthn credential records and user handles, for the WebAuthn factor.
     *
     * @return the JDBC web authn credential store
     */
    public JdbcWebAuthnCredentialStore webAuthnCredentials() {
        return new JdbcWebAuthnCredentialStore(jdbc);
    }

    /**
     * Pending email/SMS codes and their resend cooldown, for {@code OneTimeCodes}.
     *
     * @return the JDBC one time code store
     */
    public JdbcOneTimeCodeStore oneTimeCodes() {
        return new JdbcOneTimeCodeStore(jdbc);
    }

    /** {@return the push factor's devices (table {@code stepwise_push_subscription}, schema version 9)} */
    public JdbcPushSubscriptionStore pushSubscriptions() {
        return new JdbcPushSubscriptionStore(jdbc, box);
    }

    /** {@return the push factor's approvals with number matching (stepwise_push_approval, schema version 11)} */
    public JdbcPushApprovalStore pushApprovals() {
        return new JdbcPushApprovalStore(jdbc);
    }

    /** {@return what successful sign-ins taught about each user (devices, networks, last login), for adaptive MFA} */
    public JdbcRiskHistory riskHistory() {
        return new JdbcRiskHistory(jdbc);
    }

    /**
     * Administrators' temporary MFA exemptions.
     *
     * @return the JDBC exemption store
     */
    public JdbcExemptionStore exemptions() {
        return new JdbcExemptionStore(jdbc);
    }

    /**
     * Holds on factors enrolled while an administrator's exemption was active.
     *
     * @return the JDBC enrolment hold store
     */
    public JdbcEnrolmentHoldStore enrolmentHolds() {
        return new JdbcEnrolmentHoldStore(jdbc);
    }

    /** {@return each user's own MFA choices ("always ask at sign-in")} */
    public JdbcUserMfaPreferences preferences() {
        return new JdbcUserMfaPreferences(jdbc);
    }

    /**
     * Housekeeping, to run now and then (at startup, daily): deletes trusted-device records and pending codes that
     * have expired, code send reservations whose cooldown has ended, trust keys that can no longer verify anything,
     * exemptions and enrolment holds that have ended, and push approvals that have expired. Each is one
     * {@code DELETE} in autocommit mode, so several nodes may run it at the same time: each expired row is deleted, and counted, by one of them. Nothing still valid is touched; failure counters are kept (only a success ends consecutive failures),
     * and so is the sign-in history, whose expiry depends on a setting: see {@link #purgeExpired(Instant, Duration)}.
     *
     * @param now the current instant
     * @return how many rows were deleted
     */
    public int purgeExpired(Instant now) {
        Objects.requireNonNull(now, "now");
        return trustedDevices().deleteExpired(now) + trustKeys().deleteExpired(now) + oneTimeCodes().purgeExpired(now)
                + exemptions().deleteEndedBefore(now) + enrolmentHolds().deleteEndedBefore(now)
                + pushApprovals().purgeExpired(now);
    }

    /**
     * {@link #purgeExpired(Instant)}, and also forgets the devices and networks of the sign-in history last seen
     * longer than {@code riskMemory} ago ({@code stepwise.mfa.adaptive.memory}); each user's last-login entry
     * stays.
     *
     * <pre>{@code
     * store.purgeExpired(clock.instant(), adaptiveSettings.memory());
     * }</pre>
     *
     * @param riskMemory how long a device or network stays known after it was last seen; positive
     * @param now the current instant
     * @return how many rows were deleted
     */
    public int purgeExpired(Instant now, Duration riskMemory) {
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(riskMemory, "riskMemory");
        if (riskMemory.isNegative() || riskMemory.isZero()) {
            throw new IllegalArgumentException("the sign-in history memory must be positive, was " + riskMemory);
        }
        return purgeExpired(now) + riskHistory().forgetBefore(now.minus(riskMemory));
    }

    Jdbc jdbc() {
        return jdbc;
    }

    SecretBox box() {
        return box;
    }

    Clock clock() {
        return clock;
    }

    /**
     * MariaDB reports an update's count either as the rows it matched (MariaDB Connector/J's default) or, with
     * {@code useAffectedRows=true}, as the rows it changed; the store's compare-and-sets read "matched" (a trusted
     * device touched at the time it was last seen is still a match). Checked once at startup with an update that
     * matches the version row and changes nothing.
     */
    private static void requireMatchedRowCounts(Jdbc jdbc) {
        int count = jdbc.update("check how the connection counts updated rows", "UPDATE stepwise_schema_version"
                + " SET version = version WHERE version = ?", ps -> ps.setInt(1, SCHEMA_VERSION));
        if (count != 1) {
            throw new StoreSchemaException("the MariaDB data source counts changed rows instead of matched ones "
                    + "(useAffectedRows=true): the Stepwise MFA store needs MariaDB Connector/J's default, "
                    + "useAffectedRows=false; remove the property from the data source");
        }
    }
}
