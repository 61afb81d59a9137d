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
            Map.entry("h2/V1__first_schema.sql", "ebe209a9ea063dd76837e095f5eeaa658d081c9197cf6a51863bf40c20d4b04a"),
            Map.entry("h2/V2__enrolment_holds.sql", "0b90c288aea8a3c0996b8ea0d9abb1c727f24bafd4ebde0495430fcbea49d464"),
            Map.entry("h2/V3__housekeeping_indexes.sql", "2bfa97387b8891ab433cf96d88a5efa6d16e59c0810a5308906dcde58d6541e7"),
            Map.entry("h2/V4__secret_key_check.sql", "68961e7727c8db2dba8ba66e09fa577efbc8ff405a488ffbb1ba5ab466b90c12"),
            Map.entry("h2/V5__code_send_reservation.sql", "ac97316daa32f0d772010094e5232f58907c980d7dbd485b9cdf4918cce6bae9"),
            Map.entry("postgresql/V1__first_schema.sql", "6097cb3a78f6d4f4c2fb5a30192f0a2d5b76c462dfa10576c389dd8f5119f0bc"),
            Map.entry("postgresql/V2__enrolment_holds.sql", "4e56959ab37eb2152e7238eec4e4c06a5e81fb1e26f53559ad757e62b82dfe4e"),
            Map.entry("postgresql/V3__housekeeping_indexes.sql", "4bd111925d0248cb127506c7c0627520a133eccb4d527404515fcdfd9f1ff847"),
            Map.entry("postgresql/V4__secret_key_check.sql", "4ba49d61fb71c3666a032383a69a486acb5fe588a69833f36bf69f877deba7a1"),
            Map.entry("postgresql/V5__code_send_reservation.sql", "2d6976b1219911fa7ea0a05376fa91bf000359dec01dd01d3d48dedd1e3b76d4"),
            Map.entry("mariadb/V1__first_schema.sql", "890791266aa26f4846c9782e970bc1bba42c26766ef9e897f546fc55ec2a020b"),
            Map.entry("mariadb/V2__enrolment_holds.sql", "0ff84ba1f5772939f80b47e621cff21f5cf9b9e463f759590b700c81651a4b3c"),
            Map.entry("mariadb/V3__housekeeping_indexes.sql", "151d75647330c70f21ab7f031db82eefb61f4b3dc197e306d96cdb6bd2ec67ea"),
            Map.entry("mariadb/V4__secret_key_check.sql", "61b72e968713d1e5e30c5ead64cb4f968ac7d125910f7ef9ba93aa301b2e7dc0"),
            Map.entry("mariadb/V5__code_send_reservation.sql", "8595cb4ed100b76ba11fb1e6778e8eebf0d4f114fbd23a62bf024ff65b9d0fd6"));

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
                        .contains("VALUES (" + script.version() + ", ");
                assertThat(statements.subList(0, statements.size() - 1)).as(script.resource())
                        .allMatch(s -> s.startsWith("CREATE TABLE IF NOT EXISTS stepwise_")
                                || s.startsWith("CREATE INDEX IF NOT EXISTS stepwise_"));
            }
        }
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
