package dev.stepwise.sample.it;

import dev.stepwise.sample.it.ClusterSoakUsers.User;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the soak checks after the run, in the nodes' database and in the audit lines of both nodes
 * ({@code mfa event=… user=… factor=…}, see {@code AuditLine}: they name the factor, not the step or the code).
 *
 * <ul>
 *   <li>no code accepted twice: per user, no more {@code factor-verified factor=totp} lines than steps the client
 *       submitted as the owner (a replay accepted as well would be one more), and the stored {@code last_step} is
 *       one the client submitted; no more {@code recovery-code-used} lines than codes gone from the database, and
 *       none gone that the client did not type;</li>
 *   <li>the lockout holds across the nodes: a user who only ever types wrong codes has at most max-failures
 *       {@code factor-failed} lines in all, and is locked out once;</li>
 *   <li>nothing the client saw committed is lost: each authenticator app it saw set up (or provisioned) is stored
 *       and active, each trust cookie it got has a live trusted-device record.</li>
 * </ul>
 */
final class ClusterSoakChecks {

    private static final Pattern EVENT = Pattern.compile("mfa event=([a-z-]+) user=([^ \\]]*)(.*)");
    private static final Pattern THROWABLE = Pattern.compile("\\b((?:[a-z][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_$]*"
            + "(?:Exception|Error))\\b");
    private static final Pattern FACTOR = Pattern.compile(" factor=([a-z0-9-]+)");

    private final List<String> doubleAccepts = new ArrayList<>();
    private final List<String> lost = new ArrayList<>();
    private final List<String> lockoutBroken = new ArrayList<>();
    private final Map<String, Integer> eventCounts = new HashMap<>();
    private int auditLines;

    /** What the checks read from the nodes' schema, by user id: (last_step, active), recovery codes, trusted devices. */
    record Stored(Map<String, long[]> totp, Map<String, long[]> recovery, Map<String, long[]> trusted) {

        static Stored readFrom(DataSource database) throws SQLException {
            try (Connection db = database.getConnection()) {
                return new Stored(rows(db, "SELECT user_id, last_step, CASE WHEN active THEN 1 ELSE 0 END "
                        + "FROM stepwise_totp"),
                        rows(db, "SELECT user_id, count(*) FROM stepwise_recovery_code GROUP BY user_id"),
                        rows(db, "SELECT user_id, count(*) FROM stepwise_trusted_device WHERE revoked_at IS NULL "
                                + "GROUP BY user_id"));
            }
        }
    }

    /** Runs every check; read the findings with the getters. */
    static ClusterSoakChecks run(DataSource database, List<String> nodeOutput, List<User> users, int maxFailures)
            throws SQLException {
        return run(Stored.readFrom(database), nodeOutput, users, maxFailures);
    }

    /** Runs every check on what was read from the database. */
    static ClusterSoakChecks run(Stored stored, List<String> nodeOutput, List<User> users, int maxFailures) {
        ClusterSoakChecks c = new ClusterSoakChecks();
        Map<String, Integer> byUserEvent = c.countAudit(nodeOutput);
        for (User u : users) {
            c.checkTotp(u, stored.totp().get(u.name), byUserEvent);
            c.checkRecovery(u, stored.recovery().get(u.name), byUserEvent);
            c.checkTrust(u, stored.trusted().get(u.name));
            if (u.wrongCodesOnly) {
                c.checkLockout(u, byUserEvent, maxFailures);
            }
        }
        return c;
    }

    private Map<String, Integer> countAudit(List<String> lines) {
        Map<String, Integer> byUserEvent = new HashMap<>();
        for (String line : lines) {
            Matcher m = EVENT.matcher(line);
            if (!m.find()) {
                continue;
            }
            auditLines++;
            Matcher f = FACTOR.matcher(m.group(3));
            String key = m.group(1) + (f.find() ? "/" + f.group(1) : "");
            eventCounts.merge(key, 1, Integer::sum);
            byUserEvent.merge(m.group(2) + " " + key, 1, Integer::sum);
        }
        return byUserEvent;
    }

    private void checkTotp(User u, long[] row, Map<String, Integer> events) {
        int verified = events.getOrDefault(u.name + " factor-verified/totp", 0);
        if (verified > u.submittedSteps.size()) {
            doubleAccepts.add(u.name + ": " + verified + " TOTP codes accepted (audit), the client submitted "
                    + u.submittedSteps.size() + " steps");
        }
        if (u.secret == null) {
            return;
        }
        if (row == null || row[1] != 1) {
            lost.add(u.name + ": the authenticator app the client " + (u.enrolmentSeen ? "saw set up" : "provisioned")
                    + " is " + (row == null ? "missing" : "inactive"));
        } else if (row[0] > 0 && !u.submittedSteps.contains(row[0])) {
            doubleAccepts.add(u.name + ": last used step " + row[0] + " is none the client submitted");
        }
    }

    private void checkRecovery(User u, long[] row, Map<String, Integer> events) {
        if (u.recoveryIssued == 0) {
            return;
        }
        long left = row == null ? 0 : row[0];
        long used = u.recoveryIssued - left;
        long typed = u.recoveryIssued - u.recoveryCodes.size();
        int usedEvents = events.getOrDefault(u.name + " recovery-code-used", 0);
        if (usedEvents > used || u.recoveryAccepted > used) {
            doubleAccepts.add(u.name + ": " + usedEvents + " recovery codes accepted (audit), " + u.recoveryAccepted
                    + " (client), " + used + " gone from the database");
        }
        if (used > typed) {
            doubleAccepts.add(u.name + ": " + used + " recovery codes gone, the client typed " + typed);
        }
    }

    private void checkTrust(User u, long[] row) {
        long live = row == null ? 0 : row[0];
        if (live < u.trustCookiesSeen) {
            lost.add(u.name + ": " + u.trustCookiesSeen + " trust cookies received, " + live
                    + " live trusted devices stored");
        }
    }

    private void checkLockout(User u, Map<String, Integer> events, int maxFailures) {
        int failed = events.getOrDefault(u.name + " factor-failed/totp", 0);
        int locked = events.getOrDefault(u.name + " locked-out/totp", 0);
        if (failed > maxFailures || locked > 1) {
            lockoutBroken.add(u.name + ": " + failed + " failures counted, " + locked + " lockouts (at most "
                    + maxFailures + " and 1)");
        }
    }

    /**
     * Adds what node {@code node} logged as going wrong to {@code into}, by message: the library's own lines
     * ({@code Stepwise MFA: …}, user names left out) and the class of any other exception or error logged.
     */
    static void problems(int node, List<String> lines, Map<String, Integer> into) {
        for (String raw : lines) {
            String line = raw.replaceAll("\u001B\\[[0-9;]*m", ""); // Payara colours the level
            int library = line.indexOf("Stepwise MFA: ");
            String key = null;
            if (library >= 0) {
                String message = line.substring(library).replaceAll("t[cna][a-z]{10}", "<user>")
                        .replaceAll("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+Z", "<time>");
                key = message.length() > 220 ? message.substring(0, 220) + "…" : message;
            } else if (line.contains("[WARNING]") || line.contains("[SEVERE]")) {
                String message = line.replaceAll("^\\[[^\\]]*\\] ", "").replaceAll("\\[tid: [^\\]]*\\]", "")
                        .replaceAll("\\[timeMillis: [^\\]]*\\]", "").replaceAll("t[cna][a-z]{10}", "<user>");
                key = message.length() > 220 ? message.substring(0, 220) + "…" : message;
            } else {
                Matcher m = THROWABLE.matcher(line);
                if (m.find() && !line.contains("mfa event=")) {
                    key = m.group(1);
                }
            }
            if (key != null) {
                into.merge("node " + node + ": " + key, 1, Integer::sum);
            }
        }
    }

    /**
     * What the database holds for set-ups of an authenticator app that the server failed (the fault window): the
     * app (active or not) and the recovery codes, per user.
     */
    static List<String> unconfirmedEnrolments(DataSource database, List<User> users) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection db = database.getConnection()) {
            Map<String, long[]> totp = rows(db, "SELECT user_id, CASE WHEN active THEN 1 ELSE 0 END FROM stepwise_totp");
            Map<String, long[]> recovery = rows(db, "SELECT user_id, count(*) FROM stepwise_recovery_code "
                    + "GROUP BY user_id");
            for (User u : users) {
                long[] app = totp.get(u.name);
                long[] codes = recovery.get(u.name);
                out.add(u.name + ": app " + (app == null ? "not stored" : app[0] == 1 ? "active" : "stored, inactive")
                        + ", " + (codes == null ? 0 : codes[0]) + " recovery codes");
            }
        }
        return out;
    }

    /** Each row of {@code sql} (a user id, then numbers) by user id. */
    private static Map<String, long[]> rows(Connection db, String sql) throws SQLException {
        Map<String, long[]> out = new HashMap<>();
        try (PreparedStatement ps = db.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                long[] values = new long[columns - 1];
                for (int i = 2; i <= columns; i++) {
                    values[i - 2] = rs.getLong(i);
                }
                out.put(rs.getString(1), values);
            }
        }
        return out;
    }

    List<String> doubleAccepts() {
        return doubleAccepts;
    }

    List<String> lost() {
        return lost;
    }

    List<String> lockoutBroken() {
        return lockoutBroken;
    }

    /** Audit lines by event (and factor), e.g. {@code factor-verified/totp}. */
    Map<String, Integer> eventCounts() {
        return eventCounts;
    }

    int auditLines() {
        return auditLines;
    }
}
