package dev.stepwise.mfa.store;

import dev.stepwise.mfa.MutableClock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every {@code DELETE} of the housekeeping ({@link JdbcStore#purgeExpired(Instant, Duration)}) finds its rows through
 * an index, on every supported database, except the two whose table is better scanned (see {@link #SCANNED}); and a database
 * created by an earlier release gets the indexes when the store opens it with {@code create-schema=true}.
 */
class HousekeepingIndexesTest {

    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    static final byte[] BOX_KEY = "0123456789abcdef0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

    /**
     * Housekeeping deletes that scan their table on purpose: the trust keys are a handful of rows per deployment;
     * an index on the sign-in history's {@code last_seen_at} would make every sign-in's refresh of it a non-HOT
     * update on PostgreSQL (a write to every index) to speed up a background purge.
     */
    static final Map<String, String> SCANNED = Map.of(
            "stepwise_trust_key", "a handful of keys",
            "stepwise_risk_history", "refreshed at every sign-in");

    /** The indexes this release adds for housekeeping. */
    static final List<String> HOUSEKEEPING_INDEXES = List.of("stepwise_trusted_device_expires", "stepwise_otp_expires",
            "stepwise_otp_send_until", "stepwise_exemption_until", "stepwise_enrol_hold_until",
            "stepwise_risk_signin_at", "stepwise_push_approval_expires");

    static TestDatabase database(String dialect) {
        return switch (dialect) {
            case "h2" -> TestDatabase.h2();
            case "postgresql" -> TestDatabase.postgres();
            default -> TestDatabase.mariadb();
        };
    }

    static JdbcStore open(TestDatabase db, javax.sql.DataSource ds, boolean create) {
        return JdbcStore.open(ds, new SecretBox(BOX_KEY), create, new MutableClock(T0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql", "mariadb"})
    void everyHousekeepingDeleteUsesAnIndex(String dialect) throws SQLException {
        try (TestDatabase db = database(dialect)) {
            StatementCounter statements = new StatementCounter(db.dataSource());
            JdbcStore store = open(db, statements.dataSource(), true);
            statements.reset();
            store.purgeExpired(T0, Duration.ofDays(90));
            List<String> deletes = statements.sql().stream().filter(s -> s.startsWith("DELETE")).toList();
            assertThat(deletes).hasSize(9);

            List<String> planned = new ArrayList<>();
            try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
                if (db.dialect() == Dialect.POSTGRESQL) {
                    st.execute("SET enable_seqscan = off"); // an index is used whenever there is one to use
                }
                for (String delete : deletes) {
                    String table = delete.split("\\s+")[2];
                    String plan = plan(st, delete.replace("kind <> ?", "kind <> 'LOGIN'")
                            .replace("?", "1000000000000"));
                    boolean scan = plan.contains("Seq Scan") || plan.toLowerCase(Locale.ROOT).contains("tablescan")
                            || plan.contains("possible_keys=null");   // MariaDB: no index it could use
                    assertThat(scan).as("%s: %s", delete, plan).isEqualTo(SCANNED.containsKey(table));
                    planned.add(table);
                }
            }
            assertThat(planned).containsAll(SCANNED.keySet());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql", "mariadb"})
    void aDatabaseOfAnEarlierReleaseGetsTheIndexesWhenTheSchemaIsCreated(String dialect) throws SQLException {
        try (TestDatabase db = database(dialect)) {
            open(db, db.dataSource(), true);
            try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
                for (String index : HOUSEKEEPING_INDEXES) {
                    // MariaDB names the table; the index names are <table>_<column>
                    st.execute("DROP INDEX " + index + (db.dialect() == Dialect.MARIADB
                            ? " ON " + index.substring(0, index.lastIndexOf('_')) : ""));
                }
            }
            SchemaFixtures.asLeftByAnEarlierBuild(db.dataSource());
            assertThat(indexes(db)).doesNotContainAnyElementsOf(HOUSEKEEPING_INDEXES);

            assertThatThrownBy(() -> open(db, db.dataSource(), false)) // create-schema=false: checked, never altered
                    .isInstanceOf(StoreSchemaException.class).hasMessageContaining("version is 1");
            assertThat(indexes(db)).doesNotContainAnyElementsOf(HOUSEKEEPING_INDEXES);

            open(db, db.dataSource(), true);
            assertThat(indexes(db)).containsAll(HOUSEKEEPING_INDEXES);
        }
    }

    static String plan(Statement st, String sql) throws SQLException {
        StringBuilder plan = new StringBuilder();
        try (ResultSet rs = st.executeQuery("EXPLAIN " + sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                if (columns == 1) {
                    plan.append(rs.getString(1));
                } else {   // MariaDB: a table, one row per table read
                    for (int i = 1; i <= columns; i++) {
                        plan.append(rs.getMetaData().getColumnLabel(i)).append('=').append(rs.getString(i)).append(' ');
                    }
                }
                plan.append('\n');
            }
        }
        return plan.toString();
    }

    static List<String> indexes(TestDatabase db) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection c = db.dataSource().getConnection()) {
            for (String table : StoreContractTest.tables(c)) {
                try (ResultSet rs = c.getMetaData().getIndexInfo(c.getCatalog(), c.getSchema(), table, false, false)) {
                    while (rs.next()) {
                        String name = rs.getString("INDEX_NAME");
                        if (name != null) {
                            names.add(name.toLowerCase(Locale.ROOT));
                        }
                    }
                }
            }
        }
        return names;
    }
}
