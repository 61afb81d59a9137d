package dev.stepwise.mfa.store;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a migration script into its statements: a statement ends at a {@code ;} outside comments
 * ({@code -- …} to the end of the line, {@code /* … *}{@code /}), string literals ({@code '…'}, with {@code ''} for
 * a quote) and quoted identifiers ({@code "…"}). Comments are dropped. What this splitter cannot read the way every
 * database and Flyway do is refused, naming the script and line, rather than guessed: MariaDB's {@code #} comments,
 * backtick names, executable comments ({@code /*!}) and backslash escapes in literals; PostgreSQL's dollar quoting
 * and nested block comments; MySQL's {@code DELIMITER}; an unterminated literal or comment.
 */
final class SqlStatements {

    private SqlStatements() {
    }

    /**
     * {@link #split(String, String)} for a text without a name.
     *
     * @param script the script's text
     * @return the statements in order, without comments, trimmed; no empty ones
     */
    static List<String> split(String script) {
        return split("script", script);
    }

    /**
     * Splits {@code script}, refusing what it cannot split the way the databases do.
     *
     * @param name   the script's name, for messages
     * @param script the script's text
     * @return the statements in order, without comments, trimmed; no empty ones
     * @throws IllegalArgumentException naming the script and line of what it refuses
     */
    static List<String> split(String name, String script) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int i = 0;
        while (i < script.length()) {
            char ch = script.charAt(i);
            if (ch == '-' && script.startsWith("--", i)) {
                i = endOfLine(script, i);
            } else if (ch == '/' && script.startsWith("/*", i)) {
                i = endOfComment(name, script, i);
                current.append(' ');
            } else if (ch == '\'' || ch == '"') {
                int end = closing(name, script, i, String.valueOf(ch), "literal");
                if (ch == '\'' && script.substring(i, end).indexOf('\\') >= 0) {
                    throw refused(name, script, i, "a backslash in a literal (an escape on MariaDB, not elsewhere)");
                }
                current.append(script, i, end);
                i = end;
            } else if (ch == '$' || ch == '`' || ch == '#') {
                throw refused(name, script, i, ch == '$' ? "dollar quoting ($$ or $tag$)"
                        : ch == '`' ? "a backtick name (MariaDB only)" : "a # comment (MariaDB only)");
            } else if (ch == ';') {
                add(name, script, i, statements, current);
                i++;
            } else {
                current.append(ch);
                i++;
            }
        }
        add(name, script, i, statements, current);
        return statements;
    }

    private static int endOfLine(String script, int from) {
        int end = script.indexOf('\n', from);
        return end < 0 ? script.length() : end;
    }

    /** Just past the comment at {@code from}; refuses {@code /*!} and a {@code /*} inside it. */
    private static int endOfComment(String name, String script, int from) {
        if (script.startsWith("/*!", from)) {
            throw refused(name, script, from, "an executable comment /*! (MariaDB runs what is in it)");
        }
        int end = closing(name, script, from, "*/", "comment");
        int nested = script.indexOf("/*", from + 2);
        if (nested >= 0 && nested < end) {
            throw refused(name, script, nested, "a nested comment /* /* */ */ (PostgreSQL nests them, MariaDB not)");
        }
        return end;
    }

    /** The index just past the {@code close} that ends what starts at {@code from}; {@code ''} inside '…' stays. */
    private static int closing(String name, String script, int from, String close, String what) {
        int end = script.indexOf(close, from + (close.length() == 1 ? 1 : 2));
        if (end < 0) {
            throw refused(name, script, from, "an unterminated " + what);
        }
        return end + close.length();
    }

    private static void add(String name, String script, int at, List<String> statements, StringBuilder current) {
        String s = current.toString().strip();
        current.setLength(0);
        if (s.isEmpty()) {
            return;
        }
        if (s.regionMatches(true, 0, "DELIMITER", 0, "DELIMITER".length())) {
            throw refused(name, script, at, "DELIMITER, a client command, not SQL");
        }
        statements.add(s);
    }

    private static IllegalArgumentException refused(String name, String script, int at, String what) {
        int line = 1 + (int) script.substring(0, Math.min(at, script.length())).chars().filter(c -> c == '\n').count();
        return new IllegalArgumentException(name + " line " + line + ": " + what
                + " is not supported in migration scripts (docs/schema-migrations.md)");
    }
}
