package dev.stepwise.mfa.store;

import org.junit.jupiter.api.Test;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The two schema files describe the same tables and columns; only column types may differ. */
class SchemaFilesTest {

    private static final Pattern TABLE = Pattern.compile("CREATE TABLE IF NOT EXISTS (\\w+) \\((.*)\\)", Pattern.DOTALL);
    private static final Pattern INDEX = Pattern.compile("CREATE INDEX IF NOT EXISTS (\\w+) ON (\\w+) \\(([^)]*)\\)");

    static Map<String, String> shape(Dialect dialect) {
        Map<String, String> shape = new TreeMap<>();
        for (String statement : JdbcStore.statements(dialect)) {
            Matcher t = TABLE.matcher(statement);
            Matcher i = INDEX.matcher(statement);
            if (t.matches()) {
                StringBuilder columns = new StringBuilder();
                for (String line : t.group(2).split(",\\s*\n")) {
                    String l = line.strip();
                    String first = l.split("\\s+")[0];
                    columns.append(first).append(l.contains("NOT NULL") ? "!" : "?")
                            .append(l.contains("PRIMARY KEY") ? "#" : "").append(l.contains("UNIQUE") ? "u" : "")
                            .append(' ');
                }
                shape.put(t.group(1), columns.toString());
            } else if (i.matches()) {
                shape.put(i.group(1), i.group(2) + "(" + i.group(3) + ")");
            } else {
                shape.put("unexpected statement " + statement, "");
            }
        }
        return shape;
    }

    @Test
    void bothDialectsHaveTheSameTablesColumnsKeysAndIndexes() {
        Map<String, String> h2 = shape(Dialect.H2);

        assertThat(shape(Dialect.POSTGRESQL)).isEqualTo(h2);
        assertThat(h2.keySet()).allSatisfy(name -> assertThat(name.toLowerCase(Locale.ROOT)).startsWith("stepwise_"))
                .contains("stepwise_schema_version", "stepwise_attempt", "stepwise_trust_key", "stepwise_trusted_device",
                        "stepwise_totp", "stepwise_recovery_set", "stepwise_recovery_code",
                        "stepwise_webauthn_credential", "stepwise_webauthn_user_handle", "stepwise_otp",
                        "stepwise_risk_history", "stepwise_exemption", "stepwise_enrol_hold", "stepwise_preferences");
    }

    @Test
    void commentsAreNotStatements() {
        assertThat(JdbcStore.statements(Dialect.H2)).noneMatch(s -> s.contains("--"));
    }
}
