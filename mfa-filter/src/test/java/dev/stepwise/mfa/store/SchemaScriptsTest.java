package dev.stepwise.mfa.store;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scripts in the jar: Flyway's names and layout, one per version and dialect, each recording its own version
 * last, and never edited once released.
 */
class SchemaScriptsTest {

    /** SHA-256 of each released script (docs/schema-migrations.md: a released script never changes; add a version). */
    private static final Map<String, String> RELEASED = Map.ofEntries(
            Map.entry("h2/V1__first_schema.sql", "04401e2afeafdebe359efd3fd92ec349186e329eb8242446420ccccff0008fb3"),
            Map.entry("h2/V2__enrolment_holds.sql", "c152b24f14b7f97c5847d8ff57160258c4b64e27e448a59a4102ddee54660ce7"),
            Map.entry("h2/V3__housekeeping_indexes.sql", "72b7e6a419347813d30cee5a3c5a81870927ba5522194ab93346f98b1bfa2624"),
            Map.entry("h2/V4__secret_key_check.sql", "304afd3c6d6dee6234454e3e559536240aa6ffc0e5f9eddb6f8eb89011613f7d"),
            Map.entry("h2/V5__code_send_reservation.sql", "38651023067b2f545b7820b625d0be2089852999f7895e758e506a3bcb625f66"),
            Map.entry("h2/V6__hot_update_room.sql", "a36c184428a9d70a071dc583118372a0698a380b048a6441ba3d3efab835a18d"),
            Map.entry("h2/V7__risk_signins.sql", "6535cd9603ba9e767d6be17f128a091b68a31ce4fd5a43c051a9cd7719456864"),
            Map.entry("h2/V8__security_questions.sql", "92bf3c83aba242e048f756530af1ff91e5833665e8da4985c2e3a8fa511a9fb9"),
            Map.entry("h2/V9__push_subscriptions.sql", "052899b3357e7bc6cbfb054ebfac4356725e568ec11966be7def693fe62f68b9"),
            Map.entry("h2/V10__push_auth_sealed.sql", "cc033ba5c51416b9e53b8793a1b0155e7f3dd1e2c35482d73890d18c1edc3db3"),
            Map.entry("h2/V11__push_approvals.sql", "525e16e221182f98cbe03feee5f6d792bb615c8e8c8406909e5d4c3cdd9ddc0f"),
            Map.entry("postgresql/V1__first_schema.sql", "82cb99e036d706be53210e41b8319af531d737c7bd98673c2d0f6240ed88ca41"),
            Map.entry("postgresql/V2__enrolment_holds.sql", "09acf41d3d87605dc9d547a5dd8e2245a66f2de1eed9b5ba3a8a9dd038288b12"),
            Map.entry("postgresql/V3__housekeeping_indexes.sql", "1984d90836b01869c0978729c386f10d37931924db29e6f4c50af8caed708b01"),
            Map.entry("postgresql/V4__secret_key_check.sql", "82805b36f4b80e98a840d610f30b3897c6eeccc19e90d9a238e70a6573632c76"),
            Map.entry("postgresql/V5__code_send_reservation.sql", "135e7d9ad87337cbab572c1ba301d38fb42217956676208a76128d845b0f9e70"),
            Map.entry("postgresql/V6__hot_update_room.sql", "33803cf2068d7e573266f1870011dad761871068362c7d80d32e837ca05834e8"),
            Map.entry("postgresql/V7__risk_signins.sql", "642982ab60dd2f981aa246333d805204a5bfc9c61754634afd5b9297f67a619e"),
            Map.entry("postgresql/V8__security_questions.sql", "8dcb7def9a1b80f2e228d3120b82539f052a5545dcebcda28912bdd91549a511"),
            Map.entry("postgresql/V9__push_subscriptions.sql", "cdeee061b8840c92828289835608feb866ff73d5ff0697bccc02db10a8ff297f"),
            Map.entry("postgresql/V10__push_auth_sealed.sql", "ef95061ec07c85f4f563e13b8ec02627e86d09909551ef5754da7578eb38caf0"),
            Map.entry("postgresql/V11__push_approvals.sql", "048edace1f9bae3cb6526d7093c9fd6e241d25ce28924fc4c95008de56b4d965"),
            Map.entry("mariadb/V1__first_schema.sql", "053a5093952141cfc9e9feccbc4a354cd510e1f0c57410d2450c6ead2efd71cc"),
            Map.entry("mariadb/V2__enrolment_holds.sql", "d9813e6d52c65706150276dc9c932a414edae77c159f0b09b01a4d9194a92520"),
            Map.entry("mariadb/V3__housekeeping_indexes.sql", "34dfb0dd78da8eb776ad804055310cd7cf90d2f14d3dea76426fb490f004fef9"),
            Map.entry("mariadb/V4__secret_key_check.sql", "1b90158932f757dbbf052dbdac9915550aeb329a667bd78f8bc164dbffa32df0"),
            Map.entry("mariadb/V5__code_send_reservation.sql", "e3114e2844354921b45b3431d6f76914f67351249ba9ed2a3c3ac1c510620d65"),
            Map.entry("mariadb/V6__hot_update_room.sql", "540273e2a1a65ea0ab7e0b1b9c600e08062b849dbef76d1ec06b3b5819390fb3"),
            Map.entry("mariadb/V7__risk_signins.sql", "0bb341c7010f319a7b4aa35436966d8d7d7927cb670fadb58f897d9b4dd28a00"),
            Map.entry("mariadb/V8__security_questions.sql", "66d458081d21be12eee07e737810c17ed72c8e1809b35a61fe52738bb2387c39"),
            Map.entry("mariadb/V9__push_subscriptions.sql", "424cc234b3093b07be61694c348109581af81a67f20a2b85a1cee3f70cf63f73"),
            Map.entry("mariadb/V10__push_auth_sealed.sql", "7f0a88d35d638ffe5a1426990c5cf8bd68427a761e306dd4f7ad39e0fede7a38"),
            Map.entry("mariadb/V11__push_approvals.sql", "2f95d64005a0fc2530e149aa8e914ae7184bddc5d14738237e07b2a791ba6386"));

    @Test
    void everyFileInEachFolderIsAListedVersionWithFlywaysName() throws IOException, URISyntaxException {
        for (Dialect d : Dialect.values()) {
            URL folder = getClass().getClassLoader().getResource(d.migrationFolder());
            assertThat(folder).as(d.migrationFolder()).isNotNull();
            try (Stream<Path> files = Files.list(Path.of(folder.toURI()))) {
                assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
                        .allMatch(name -> name.matches("V[1-9][0-9]*__[a-z0-9_]+\\.sql"))
                        .containsExactlyInAnyOrderElementsOf(SchemaScripts.all(d).stream()
                                .map(SchemaScript::fileName).toList());
            }
        }
    }

    @Test
    void eachScriptRecordsItsOwnVersionLastAndCreatesOnlyIfNotExists() {
        for (Dialect d : Dialect.values()) {
            for (SchemaScript script : SchemaScripts.all(d)) {
                List<String> statements = script.statements();
                assertThat(statements.get(statements.size() - 1)).as(script.resource())
                        .startsWith("INSERT INTO stepwise_schema_version (version, installed_at, description)")
                        .containsPattern("(VALUES \\(|SELECT )" + script.version() + ", ")
                        .contains(d == Dialect.H2 ? "WHERE NOT EXISTS (SELECT 1 FROM stepwise_schema_version WHERE version = "
                                + script.version() + ")" : d == Dialect.POSTGRESQL ? "ON CONFLICT (version) DO NOTHING"
                                : "ON DUPLICATE KEY UPDATE version = version");
                assertThat(statements.subList(0, statements.size() - 1)).as(script.resource())
                        .allMatch(s -> s.startsWith("CREATE TABLE IF NOT EXISTS stepwise_")
                                || s.startsWith("CREATE INDEX IF NOT EXISTS stepwise_")
                                || d == Dialect.POSTGRESQL // setting a storage parameter again changes nothing
                                && s.matches("ALTER TABLE stepwise_\\w+ SET \\(fillfactor = \\d+\\)")
                                || isWidening(d, s));
            }
        }
    }

    /** Setting a column to the same type again changes nothing: a widening may run twice. */
    private static boolean isWidening(Dialect d, String statement) {
        return d == Dialect.H2
                && statement.matches("ALTER TABLE stepwise_\\w+ ALTER COLUMN \\w+ SET DATA TYPE VARBINARY\\(\\d+\\)")
                || d == Dialect.MARIADB
                && statement.matches("ALTER TABLE stepwise_\\w+ MODIFY \\w+ VARBINARY\\(\\d+\\) NOT NULL");
    }

    @Test
    void releasedScriptsNeverChange() {
        for (Dialect d : Dialect.values()) {
            for (SchemaScript script : SchemaScripts.all(d)) {
                assertThat(script.checksum()).as(script.resource())
                        .isEqualTo(RELEASED.get(d.folderName() + "/" + script.fileName()));
            }
        }
    }

    @Test
    void theChecksumAndTheStatementsIgnoreALeadingByteOrderMarkAndEveryKindOfLineEnd() {
        String lf = "-- one\nCREATE TABLE a (x INT);\n-- two\nCREATE TABLE b (y INT);\n";
        for (String variant : List.of("\uFEFF" + lf, lf.replace("\n", "\r\n"), lf.replace("\n", "\r"),
                "\uFEFF" + lf.replace("\n", "\r"))) {
            assertThat(SchemaScript.checksum(variant)).as(variant).isEqualTo(SchemaScript.checksum(lf));
            assertThat(SqlStatements.split(SchemaScript.normalise(variant))).as(variant)
                    .containsExactly("CREATE TABLE a (x INT)", "CREATE TABLE b (y INT)");
        }
    }

    @Test
    void theChecksumIgnoresLineEndingsOnly() {
        assertThat(SchemaScript.checksum("a;\r\nb;\n")).isEqualTo(SchemaScript.checksum("a;\nb;\n"))
                .isNotEqualTo(SchemaScript.checksum("a; \nb;\n")).hasSize(64);
    }
}
