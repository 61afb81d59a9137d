package dev.stepwise.mfa.store;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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

    /** The schema version this release writes and reads. */
    public static final int SCHEMA_VERSION = 1;

    private final Jdbc jdbc;
    private final SecretBox box;
    private final Clock clock;

    private JdbcStore(Jdbc jdbc, SecretBox box, Clock clock) {
        this.jdbc = jdbc;
        this.box = box;
        this.clock = clock;
    }

    /**
     * Connects, detects the dialect and prepares the schema.
     *
     * @param dataSource   the database
     * @param box          seals secrets at rest (TOTP secrets, trust-signing keys)
     * @param createSchema {@code create-schema=true}: create missing tables and record the schema version;
     *                     otherwise only check that the schema is there and of this version
     * @param clock        for the installation time of the schema version row
     * @return the JDBC store
     * @throws StoreUnavailableException when the database cannot be reached
     * @throws StoreSchemaException      when the schema is missing (and not to be created), of another version, or
     *                                   the database is not supported
     */
    public static JdbcStore open(DataSource dataSource, SecretBox box, boolean createSchema, Clock clock) {
        Objects.requireNonNull(dataSource, "dataSource");
        Objects.requireNonNull(box, "box");
        Objects.requireNonNull(clock, "clock");
        Dialect dialect;
        try (Connection c = dataSource.getConnection()) {
            dialect = Dialect.of(c.getMetaData());
        } catch (SQLException e) {
            throw Jdbc.fault("connect", e);
        }
        Jdbc jdbc = new Jdbc(dataSource, dialect);
        if (createSchema) {
            SchemaInstaller.install(jdbc, clock);
        }
        int version = installedVersion(jdbc);
        if (version != SCHEMA_VERSION) {
            throw new StoreSchemaException("the Stepwise MFA schema in this database is version " + version
                    + ", this release uses version " + SCHEMA_VERSION
                    + (version > SCHEMA_VERSION ? ": it was written by a newer release" : ": migrate it first"));
        }
        requireLaterTables(jdbc);
        if (dialect == Dialect.MARIADB) {
            SchemaInstaller.requireMatchedRowCounts(jdbc);
        }
        return new JdbcStore(jdbc, box, clock);
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
     * and exemptions and enrolment holds that have ended. Each is one {@code DELETE} in autocommit mode, so
     * several nodes may run it at the same time: each expired row is deleted, and counted, by one of them. Nothing still valid is touched; failure counters are kept (only a success ends consecutive failures),
     * and so is the sign-in history, whose expiry depends on a setting: see {@link #purgeExpired(Instant, Duration)}.
     *
     * @param now the current instant
     * @return how many rows were deleted
     */
    public int purgeExpired(Instant now) {
        Objects.requireNonNull(now, "now");
        return trustedDevices().deleteExpired(now) + trustKeys().deleteExpired(now) + oneTimeCodes().purgeExpired(now)
                + exemptions().deleteEndedBefore(now) + enrolmentHolds().deleteEndedBefore(now);
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
     * Tables that a later release added to schema version 1 (each file creates them with {@code IF NOT EXISTS}): a
     * database made by an earlier release and opened with {@code create-schema=false} lacks them, which is said at
     * startup instead of failing the first request that needs one.
     */
    private static void requireLaterTables(Jdbc jdbc) {
        try {
            jdbc.autocommit("check the send reservation table", c -> {
                try (Statement st = c.createStatement()) {
                    st.executeQuery("SELECT COUNT(*) FROM stepwise_otp_send WHERE 1 = 0").close();
                }
                return null;
            });
        } catch (StoreUnavailableException e) {
            SQLException cause = (SQLException) e.getCause();
            if (isMissingTable(cause)) {
                throw new StoreSchemaException("the Stepwise MFA table stepwise_otp_send (the email/SMS resend "
                        + "cooldown shared by all nodes) is missing in this database: set create-schema=true for one "
                        + "start, or run its CREATE TABLE and CREATE INDEX from " + jdbc.dialect().schemaResource()
                        + " in the mfa-filter jar", cause);
            }
            throw e;
        }
    }

    /** 42S02: H2 and MariaDB "table not found"; 42P01: PostgreSQL "undefined table". */
    private static boolean isMissingTable(SQLException e) {
        String state = e.getSQLState();
        return "42S02".equals(state) || "42P01".equals(state) || "42S04".equals(state);
    }

    private static int installedVersion(Jdbc jdbc) {
        try {
            return jdbc.autocommit("read the schema version", c -> {
                try (Statement st = c.createStatement();
                     ResultSet rs = st.executeQuery("SELECT MAX(version) FROM stepwise_schema_version")) {
                    rs.next();
                    int v = rs.getInt(1);
                    if (rs.wasNull()) {
                        throw new StoreSchemaException("the Stepwise MFA schema version table is empty: set "
                                + "create-schema=true or insert the version row of " + jdbc.dialect().schemaResource());
                    }
                    return v;
                }
            });
        } catch (StoreUnavailableException e) {
            SQLException cause = (SQLException) e.getCause();
            if (isMissingTable(cause)) {
                throw new StoreSchemaException("the Stepwise MFA tables are missing in this database: set "
                        + "create-schema=true or run " + jdbc.dialect().schemaResource() + " from the mfa-filter jar",
                        cause);
            }
            throw e;
        }
    }
}
