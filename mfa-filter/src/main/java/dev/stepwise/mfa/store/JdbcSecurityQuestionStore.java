package dev.stepwise.mfa.store;

import dev.stepwise.mfa.factor.questions.SecurityQuestion;
import dev.stepwise.mfa.factor.questions.SecurityQuestionStore;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Security questions in {@code stepwise_question} (the question sealed with the {@link SecretBox}, bound to the user
 * and the row; the salted PBKDF2 hash of the answer, never the answer) and the pair being asked in
 * {@code stepwise_question_set}.
 *
 * <pre>{@code
 * QuestionsFactor questions = new QuestionsFactor(jdbcStore.securityQuestions());
 * }</pre>
 *
 * <p>Why the questions are sealed although they are shown back to their user: a question often says something
 * personal ("my first school"), and a copy of the database without the key should give away neither that nor
 * which answer to guess against which hash.
 *
 * <p>Atomicity: {@link #replaceAll} is one transaction that first locks the user's row in
 * {@code stepwise_question_set} (clearing the pair being asked), then deletes and inserts; {@link #ask} is one
 * conditional {@code UPDATE … WHERE first_id IS NULL}, so of concurrent challenges one keeps its pair and all read it.
 */
public final class JdbcSecurityQuestionStore implements SecurityQuestionStore {

    private static final String PURPOSE = "security-question/";

    private final Jdbc jdbc;
    private final SecretBox box;

    JdbcSecurityQuestionStore(Jdbc jdbc, SecretBox box) {
        this.jdbc = jdbc;
        this.box = Objects.requireNonNull(box, "box");
    }

    @Override
    public void replaceAll(String user, List<SecurityQuestion> questions) {
        Jdbc.requireUser(user);
        List<SecurityQuestion> fresh = List.copyOf(questions);
        if (fresh.stream().map(SecurityQuestion::id).distinct().count() != fresh.size()) {
            throw new IllegalArgumentException("duplicate question id");
        }
        List<byte[]> sealed = new ArrayList<>();
        for (SecurityQuestion q : fresh) {
            sealed.add(box.seal(q.question().getBytes(StandardCharsets.UTF_8), user, PURPOSE + q.id()));
        }
        jdbc.transactionReadCommitted("replace the security questions", c -> {
            lockSet(c, user);
            Jdbc.update(c, "DELETE FROM stepwise_question WHERE user_id = ?", ps -> ps.setString(1, user));
            if (!fresh.isEmpty()) {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO stepwise_question (id, user_id, seq,"
                        + " question_box, salt, iterations, answer_hash) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                    for (int i = 0; i < fresh.size(); i++) {
                        SecurityQuestion q = fresh.get(i);
                        ps.setString(1, q.id());
                        ps.setString(2, user);
                        ps.setInt(3, i);
                        ps.setBytes(4, sealed.get(i));
                        ps.setBytes(5, q.salt());
                        ps.setInt(6, q.iterations());
                        ps.setBytes(7, q.hash());
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
            }
            return null;
        });
    }

    /** Locks (or makes) the user's set row for the rest of the transaction and clears the pair being asked. */
    private void lockSet(Connection c, String user) throws SQLException {
        Jdbc.Binder bindUser = ps -> ps.setString(1, user);
        if (jdbc.dialect() == Dialect.MARIADB) {
            Jdbc.update(c, "INSERT INTO stepwise_question_set (user_id, generation) VALUES (?, 1) ON DUPLICATE KEY"
                    + " UPDATE generation = generation + 1, first_id = NULL, second_id = NULL", bindUser);
            return;
        }
        String bump = "UPDATE stepwise_question_set SET generation = generation + 1, first_id = NULL,"
                + " second_id = NULL WHERE user_id = ?";
        if (Jdbc.update(c, bump, bindUser) == 1) {
            return;
        }
        if (jdbc.insertIfAbsent(c, "INSERT INTO stepwise_question_set (user_id, generation) VALUES (?, 1)", bindUser)) {
            return;
        }
        if (Jdbc.update(c, bump, bindUser) != 1) {
            throw new SQLException("the question set row of a user vanished while it was being locked", "40001");
        }
    }

    @Override
    public List<SecurityQuestion> list(String user) {
        Jdbc.requireUser(user);
        return jdbc.list("read the security questions", "SELECT id, question_box, salt, iterations, answer_hash"
                + " FROM stepwise_question WHERE user_id = ? ORDER BY seq", ps -> ps.setString(1, user), rs -> {
                    String id = rs.getString(1);
                    String question = new String(box.open(rs.getBytes(2), user, PURPOSE + id), StandardCharsets.UTF_8);
                    return new SecurityQuestion(id, question, rs.getBytes(3), rs.getInt(4), rs.getBytes(5));
                });
    }

    @Override
    public List<String> ask(String user, List<String> proposed) {
        Jdbc.requireUser(user);
        if (proposed.size() != 2) {
            throw new IllegalArgumentException("a pair of question ids is asked");
        }
        return jdbc.autocommit("keep the security questions asked", c -> {
            Jdbc.update(c, "UPDATE stepwise_question_set SET first_id = ?, second_id = ?"
                    + " WHERE user_id = ? AND first_id IS NULL", ps -> {
                        ps.setString(1, proposed.get(0));
                        ps.setString(2, proposed.get(1));
                        ps.setString(3, user);
                    });
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT first_id, second_id FROM stepwise_question_set WHERE user_id = ?")) {
                ps.setString(1, user);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next() || rs.getString(1) == null || rs.getString(2) == null) {
                        return List.of();
                    }
                    return List.of(rs.getString(1), rs.getString(2));
                }
            }
        });
    }

    @Override
    public void forgetAsked(String user) {
        Jdbc.requireUser(user);
        jdbc.update("forget the security questions asked", "UPDATE stepwise_question_set SET first_id = NULL,"
                + " second_id = NULL WHERE user_id = ?", ps -> ps.setString(1, user));
    }
}
