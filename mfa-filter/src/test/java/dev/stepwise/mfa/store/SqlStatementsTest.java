package dev.stepwise.mfa.store;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The migration scripts' splitter: a {@code ;} ends a statement only outside comments, literals and quoted names. */
class SqlStatementsTest {

    @Test
    void semicolonsInCommentsLiteralsAndQuotedNamesDoNotEndAStatement() {
        String script = """
                -- a comment; with a semicolon
                CREATE TABLE t (a VARCHAR(9) DEFAULT 'x;y', "b;c" INT); /* block; comment */
                INSERT INTO t (a) VALUES ('it''s; fine');
                INSERT INTO t (a) VALUES ('--not a comment')
                """;

        assertThat(SqlStatements.split(script)).containsExactly(
                "CREATE TABLE t (a VARCHAR(9) DEFAULT 'x;y', \"b;c\" INT)",
                "INSERT INTO t (a) VALUES ('it''s; fine')",
                "INSERT INTO t (a) VALUES ('--not a comment')");
    }

    @Test
    void emptyStatementsAndTrailingCommentsAreDropped() {
        assertThat(SqlStatements.split(";;\n-- only a comment\n/* and another */\n")).isEmpty();
    }

    @Test
    void whatItCannotReadAsTheDatabaseDoesIsRefused() {
        assertThatThrownBy(() -> SqlStatements.split("CREATE FUNCTION f() AS $$ SELECT 1; $$ LANGUAGE sql;"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dollar quoting");
        assertThatThrownBy(() -> SqlStatements.split("DELIMITER //\nCREATE TABLE t (a INT)//"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("DELIMITER");
        assertThatThrownBy(() -> SqlStatements.split("INSERT INTO t VALUES ('open;"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unterminated literal");
        assertThatThrownBy(() -> SqlStatements.split("CREATE TABLE t (a INT); /* open"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unterminated comment");
    }

    @Test
    void whatMariaDbOrPostgresqlReadDifferentlyIsRefusedNamingTheScriptAndLine() {
        java.util.Map<String, String> cases = java.util.Map.of(
                "CREATE TABLE t (a INT);\n# a MariaDB comment; with a semicolon\n", "#",
                "CREATE TABLE t (a INT);\nCREATE TABLE `u;v` (a INT);\n", "backtick",
                "CREATE TABLE t (a INT);\nSELECT $tag$ ; $tag$;\n", "dollar",
                "CREATE TABLE t (a INT);\n/* outer /* inner */ still a comment in PostgreSQL; */\n", "nested",
                "CREATE TABLE t (a INT);\n/*!50000 CREATE TABLE u (a INT) */;\n", "/*!",
                "CREATE TABLE t (a INT);\nINSERT INTO t VALUES ('a\\'; DROP TABLE t; --');\n", "backslash");
        cases.forEach((script, what) -> assertThatThrownBy(() -> SqlStatements.split("V9__x.sql", script))
                .as(what).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("V9__x.sql").hasMessageContaining("line 2").hasMessageContaining(what));
    }
}
