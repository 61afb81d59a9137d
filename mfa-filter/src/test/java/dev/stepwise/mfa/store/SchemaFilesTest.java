package dev.stepwise.mfa.store;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The migration scripts of every dialect, versions 1 to the current one together, describe the same tables and
 * columns; only column types and (MariaDB) table options may differ.
 */
class SchemaFilesTest {

    private static final Pattern TABLE = Pattern.compile("CREATE TABLE IF NOT EXISTS (\\w+) \\((.*)\\)([^()]*)", Pattern.DOTALL);
    private static final String MARIADB_TABLE_OPTIONS =
            " ENGINE=InnoDB ROW_FORMAT=DYNAMIC DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin";
    private static final Pattern INDEX = Pattern.compile("CREATE INDEX IF NOT EXISTS (\\w+) ON (\\w+) \\(([^)]*)\\)");
    /** A PostgreSQL storage parameter (V6: room for HOT updates); other databases have none. */
    private static final Pattern STORAGE = Pattern.compile("ALTER TABLE (\\w+) SET \\((fillfactor = \\d+)\\)");
    /** A column given a wider type (V10: the sealed push auth secret), H2's and MariaDB's way; a type may differ. */
    private static final Pattern RETYPE = Pattern.compile(
            "ALTER TABLE (\\w+) (?:ALTER COLUMN (\\w+) SET DATA TYPE|MODIFY (\\w+)) (.+)");

    /** Every statement of every version of the dialect's scripts, in order. */
    static List<String> statements(Dialect dialect) {
        return SchemaScripts.all(dialect).stream().flatMap(s -> s.statements().stream()).toList();
    }

    static Map<String, String> shape(Dialect dialect) {
        Map<String, String> shape = new TreeMap<>();
        for (String statement : statements(dialect)) {
            if (statement.startsWith("INSERT INTO stepwise_schema_version")) {
                continue;   // each script records its own version: SchemaScriptsTest
            }
            Matcher t = TABLE.matcher(statement);
            Matcher i = INDEX.matcher(statement);
            Matcher storage = STORAGE.matcher(statement);
            Matcher retype = RETYPE.matcher(statement);
            if (storage.matches()) {
                shape.put(storage.group(1) + " storage", storage.group(2));
            } else if (retype.matches()) {
                String column = retype.group(2) != null ? retype.group(2) : retype.group(3);
                shape.put(retype.group(1) + "." + column + " type", retype.group(4));
            } else if (t.matches()) {
                StringBuilder columns = new StringBuilder();
                for (String line : t.group(2).split(",\\s*\n")) {
                    String l = line.strip();
                    String first = l.split("\\s+")[0];
                    columns.append(first).append(l.contains("NOT NULL") ? "!" : "?")
                            .append(l.contains("PRIMARY KEY") ? "#" : "").append(l.contains("UNIQUE") ? "u" : "")
                            .append(' ');
                }
                shape.put(t.group(1), columns.toString());
                if (!t.group(3).isEmpty()) {
                    shape.put(t.group(1) + " options", t.group(3));
                }
            } else if (i.matches()) {
                shape.put(i.group(1), i.group(2) + "(" + i.group(3) + ")");
            } else {
                shape.put("unexpected statement " + statement, "");
            }
        }
        return shape;
    }

    @Test
    void everyDialectHasTheSameTablesColumnsKeysAndIndexes() {
        Map<String, String> h2 = shape(Dialect.H2);
        assertThat(h2).containsEntry("stepwise_push_subscription.auth type", "VARBINARY(64)");
        h2.keySet().removeIf(name -> name.endsWith(" type"));

        Map<String, String> postgresql = shape(Dialect.POSTGRESQL);
        assertThat(postgresql).containsEntry("stepwise_totp storage", "fillfactor = 90")
                .containsEntry("stepwise_attempt storage", "fillfactor = 70")
                .containsEntry("stepwise_trusted_device storage", "fillfactor = 90");
        postgresql.keySet().removeIf(name -> name.endsWith(" storage"));
        assertThat(postgresql).isEqualTo(h2);
        Map<String, String> mariadb = shape(Dialect.MARIADB);
        assertThat(mariadb).containsEntry("stepwise_push_subscription.auth type", "VARBINARY(64) NOT NULL");
        mariadb.keySet().removeIf(name -> name.endsWith(" options") || name.endsWith(" type"));
        assertThat(mariadb).isEqualTo(h2);
        assertThat(h2.keySet()).allSatisfy(name -> assertThat(name.toLowerCase(Locale.ROOT)).startsWith("stepwise_"))
                .contains("stepwise_schema_version", "stepwise_attempt", "stepwise_trust_key", "stepwise_trusted_device",
                        "stepwise_totp", "stepwise_recovery_set", "stepwise_recovery_code",
                        "stepwise_webauthn_credential", "stepwise_webauthn_user_handle", "stepwise_otp", "stepwise_otp_send",
                        "stepwise_risk_history", "stepwise_risk_signin", "stepwise_exemption", "stepwise_enrol_hold", "stepwise_preferences");
    }

    /**
     * Every MariaDB table is InnoDB (row locks), keeps long index keys, and compares ids byte for byte in utf8mb4
     * (whatever the database's defaults): 'Alice' and 'alice ' are not 'alice'.
     */
    @Test
    void everyMariaDbTableHasTheSameOptions() {
        Map<String, String> mariadb = shape(Dialect.MARIADB);
        List<String> tables = mariadb.keySet().stream().filter(name -> mariadb.get(name).endsWith(" ")).toList();
        assertThat(tables).hasSizeGreaterThanOrEqualTo(15).allSatisfy(table ->
                assertThat(mariadb.get(table + " options")).as(table).isEqualTo(MARIADB_TABLE_OPTIONS));
    }

    @Test
    void commentsAreNotStatements() {
        for (Dialect d : Dialect.values()) {
            assertThat(statements(d)).noneMatch(s -> s.contains("--"));
        }
    }
}
