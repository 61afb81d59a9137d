package dev.stepwise.mfa.store;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a migration script into its statements: a statement ends at a {@code ;} outside comments
 * ({@code -- …} to the end of the line, {@code /* … *}{@code /}), string literals ({@code '…'}, with {@code ''} for
 * a quote) and quoted identifiers ({@code "…"}). Comments are dropped. What this splitter cannot read the way the
 * databases do is refused rather than guessed: PostgreSQL's dollar quoting ({@code $$}), MySQL's
 * {@code DELIMITER} and an unterminated literal or comment.
 */
final class SqlStatements {

    private SqlStatements() {
    }

    /**
     * @param script the script's text
     * @return the statements in order, without comments, trimmed; no empty ones
     * @throws IllegalArgumentException for dollar quoting, {@code DELIMITER} or an unterminated literal or comment
     */
    static List<String> split(String script) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int i = 0;
        while (i < script.length()) {
            char ch = script.charAt(i);
            if (ch == '-' && script.startsWith("--", i)) {
                i = endOfLine(script, i);
            } else if (ch == '/' && script.startsWith("/*", i)) {
                i = closing(script, i, "*/", "comment");
                current.append(' ');
            } else if (ch == '\'' || ch == '"') {
                int end = closing(script, i, String.valueOf(ch), "literal");
                current.append(script, i, end);
                i = end;
            } else if (ch == '$' && script.startsWith("$$", i)) {
                throw new IllegalArgumentException("dollar quoting ($$) is not supported in migration scripts");
            } else if (ch == ';') {
                add(statements, current);
                i++;
            } else {
                current.append(ch);
                i++;
            }
        }
        add(statements, current);
        return statements;
    }

    private static int endOfLine(String script, int from) {
        int end = script.indexOf('\n', from);
        return end < 0 ? script.length() : end;
    }

    /** The index just past the {@code close} that ends what starts at {@code from}; {@code ''} inside '…' stays. */
    private static int closing(String script, int from, String close, String what) {
        int end = script.indexOf(close, from + (close.length() == 1 ? 1 : 2));
        if (end < 0) {
            throw new IllegalArgumentException("unterminated " + what + " at character " + from);
        }
        return end + close.length();
    }

    private static void add(List<String> statements, StringBuilder current) {
        String s = current.toString().strip();
        current.setLength(0);
        if (s.isEmpty()) {
            return;
        }
        if (s.regionMatches(true, 0, "DELIMITER", 0, "DELIMITER".length())) {
            throw new IllegalArgumentException("DELIMITER is a client command, not SQL: not supported in migration "
                    + "scripts");
        }
        statements.add(s);
    }
}
