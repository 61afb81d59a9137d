package dev.stepwise.mfa.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code create-schema=true}: runs the dialect's schema file and records the schema version, so that several
 * nodes starting at once on an empty database create one schema. Every statement of the files is idempotent
 * ({@code IF NOT EXISTS}) and the version row comes last.
 */
final class SchemaInstaller {

    /** {@code pg_advisory_xact_lock} id serialising schema installation across nodes ("Stepwise" in ASCII). */
    private static final long SCHEMA_LOCK = 0x5374657077697365L;

    /** How long a MariaDB node waits for another one installing the schema, in seconds. */
    private static final int MARIADB_LOCK_WAIT = 120;

    /** Serialises H2 installations within this JVM (applications sharing Payara's embedded H2). */
    private static final Object INSTALL_LOCK = new Object();

    private SchemaInstaller() {
    }

    /** The schema's statements, in order, without comments. */
    static List<String> statements(Dialect dialect) {
        String text;
        try (InputStream in = SchemaInstaller.class.getClassLoader().getResourceAsStream(dialect.schemaResource())) {
            if (in == null) {
                throw new IllegalStateException("schema resource missing from the jar: " + dialect.schemaResource());
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + dialect.schemaResource(), e);
        }
        StringBuilder sql = new StringBuilder();
        for (String line : text.split("\n")) {
            String t = line.strip();
            if (!t.startsWith("--")) {
                sql.append(line).append('\n');
            }
        }
        List<String> result = new ArrayList<>();
        for (String s : sql.toString().split(";")) {
            if (!s.isBlank()) {
                result.add(s.strip());
            }
        }
        return result;
    }

    static void install(Jdbc jdbc, Clock clock) {
        List<String> ddl = statements(jdbc.dialect());
        switch (jdbc.dialect()) {
            case POSTGRESQL -> installPostgres(jdbc, clock, ddl);
            case MARIADB -> installMariaDb(jdbc, clock, ddl);
            case H2 -> installH2(jdbc, clock, ddl);
        }
    }

    /**
     * DDL is transactional, so the schema appears whole or not at all; the advisory lock keeps two nodes starting
     * at once from racing on CREATE TABLE IF NOT EXISTS (which can fail on pg_type otherwise).
     */
    private static void installPostgres(Jdbc jdbc, Clock clock, List<String> ddl) {
        jdbc.transaction("create the schema", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                ps.setLong(1, SCHEMA_LOCK);
                ps.executeQuery().close();
            }
            runAll(jdbc, clock, c, ddl);
            return null;
        });
    }

    /**
     * H2 has no advisory lock, and concurrent CREATE INDEX IF NOT EXISTS can fail there ("object already exists"):
     * serialise within the JVM (the embedded case), and retry, since every statement is idempotent, for H2 servers
     * shared by several JVMs. DDL commits on its own.
     */
    private static void installH2(Jdbc jdbc, Clock clock, List<String> ddl) {
        synchronized (INSTALL_LOCK) {
            for (int attempt = 1; ; attempt++) {
                try {
                    jdbc.transaction("create the schema", c -> {
                        runAll(jdbc, clock, c, ddl);
                        return null;
                    });
                    return;
                } catch (StoreUnavailableException e) {
                    if (attempt == 3) {
                        throw e;
                    }
                }
            }
        }
    }

    /**
     * MariaDB commits each DDL statement on its own, so there is no transaction to hold them: a named lock of the
     * database ({@code GET_LOCK}, per connection) lets one node at a time run the idempotent statements; the
     * others wait for it, then find everything there. The lock is released explicitly, since a pooled connection
     * outlives this use.
     */
    private static void installMariaDb(Jdbc jdbc, Clock clock, List<String> ddl) {
        jdbc.autocommit("create the schema", c -> {
            String name = "CONCAT('stepwise_mfa_schema.', DATABASE())";
            try (Statement st = c.createStatement()) {
                try (ResultSet rs = st.executeQuery("SELECT GET_LOCK(" + name + ", " + MARIADB_LOCK_WAIT + ")")) {
                    if (!rs.next() || rs.getInt(1) != 1) {
                        throw new SQLException("another node held the schema installation lock for more than "
                                + MARIADB_LOCK_WAIT + " s", "55P03");
                    }
                }
                try {
                    runAll(jdbc, clock, c, ddl);
                } finally {
                    st.executeQuery("SELECT RELEASE_LOCK(" + name + ")").close();
                }
            }
            return null;
        });
    }

    /**
     * MariaDB reports an update's count either as the rows it matched (MariaDB Connector/J's default) or, with
     * {@code useAffectedRows=true}, as the rows it changed; the store's compare-and-sets read "matched" (a trusted
     * device touched at the time it was last seen is still a match). Checked once at startup with an update that
     * matches the version row and changes nothing.
     */
    static void requireMatchedRowCounts(Jdbc jdbc) {
        int count = jdbc.update("check how the connection counts updated rows", "UPDATE stepwise_schema_version"
                + " SET version = version WHERE version = ?", ps -> ps.setInt(1, JdbcStore.SCHEMA_VERSION));
        if (count != 1) {
            throw new StoreSchemaException("the MariaDB data source counts changed rows instead of matched ones "
                    + "(useAffectedRows=true): the Stepwise MFA store needs MariaDB Connector/J's default, "
                    + "useAffectedRows=false; remove the property from the data source");
        }
    }

    private static void runAll(Jdbc jdbc, Clock clock, Connection c, List<String> ddl) throws SQLException {
        try (Statement st = c.createStatement()) {
            for (String s : ddl) {
                st.execute(s);
            }
        }
        jdbc.insertIfAbsent(c, "INSERT INTO stepwise_schema_version (version, installed_at, description)"
                + " VALUES (?, ?, ?)", ps -> {
                    ps.setInt(1, JdbcStore.SCHEMA_VERSION);
                    ps.setLong(2, Jdbc.millis(clock.instant()));
                    ps.setString(3, "initial schema");
                });
    }
}
