package dev.stepwise.sample.it;

import dev.stepwise.mfa.factor.totp.TotpSecret;
import jakarta.mail.internet.MimeMessage;

import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * What the two-node tests do to {@link ClusterNodes}, the way a load balancer without stickiness spreads one
 * user's browsers: each {@link Visitor} is one browser on one node (its session lives there), and a user's
 * browsers are spread over both. Also the checks the tests make in the nodes' database.
 */
final class ClusterClient {

    static final String WRONG = "That code didn't work";
    static final String TRUST = Visitor.TRUST_COOKIE;

    private final ClusterNodes cluster;

    ClusterClient(ClusterNodes cluster) {
        this.cluster = cluster;
    }

    /** A new browser on node {@code i}. */
    Visitor browser(int i) {
        return new Visitor(cluster.node(i));
    }

    /** Node {@code i}'s base URL. */
    URL node(int i) {
        return cluster.node(i);
    }

    /**
     * Gives {@code user} an authenticator app through the provisioning API of node {@code i}, before any node
     * looked at the user (so no node holds an older answer in its facts cache).
     */
    TotpSecret provisionTotp(int i, String user) throws Exception {
        TotpSecret secret = TotpSecret.generate();
        HttpResponse<String> r = browser(i).post("it/provision", "user", user, "secret", secret.base32());
        if (r.statusCode() != 200 || !"provisioned".equals(r.body())) {
            throw new AssertionError("not provisioned: " + r.statusCode() + " " + r.body());
        }
        return secret;
    }

    /** Signs {@code user} in on {@code browser} (password) and opens the login challenge for {@code factor}. */
    static HttpResponse<String> challenge(Visitor browser, String user, String factor) throws Exception {
        browser.signInToChallenge(user);
        return browser.get("mfa/challenge?factor=" + factor);
    }

    /** The code {@code secret}'s app shows now, by node {@code i}'s clock. */
    String totpNow(int i, TotpSecret secret) throws Exception {
        return TotpCodes.at(secret, cluster.backstage(i).serverTime());
    }

    /** A code that is wrong for the whole accepted window around node {@code i}'s time now. */
    String wrongTotp(int i, TotpSecret secret) throws Exception {
        Instant at = cluster.backstage(i).serverTime();
        int candidate = (Integer.parseInt(TotpCodes.at(secret, at)) + 500_000) % 1_000_000;
        for (int tries = 0; tries < 10; tries++, candidate = (candidate + 1) % 1_000_000) {
            String wrong = String.format("%06d", candidate);
            boolean inWindow = false;
            for (int step = -2; step <= 2; step++) {
                inWindow |= wrong.equals(TotpCodes.at(secret, at.plusSeconds(30L * step)));
            }
            if (!inWindow) {
                return wrong;
            }
        }
        throw new AssertionError("no wrong code found");
    }

    /** The form fields of the challenge {@code page} answered with {@code code} for {@code factor}, and more. */
    static String[] answer(HttpResponse<String> page, String factor, String code, String... more) {
        Map<String, String> fields = new java.util.LinkedHashMap<>(PageParts.hiddenFields(page, "stepwise-challenge"));
        fields.remove("stepwise_csrf"); // the submit adds the page's token
        fields.put("factor", factor);
        fields.put("code", code);
        for (int i = 0; i < more.length; i += 2) {
            fields.put(more[i], more[i + 1]);
        }
        List<String> pairs = new ArrayList<>();
        fields.forEach((k, v) -> {
            pairs.add(k);
            pairs.add(v);
        });
        return pairs.toArray(String[]::new);
    }

    /** Sends every request at once and waits for all answers (in the order of {@code racing}). */
    static List<HttpResponse<String>> all(List<CompletableFuture<HttpResponse<String>>> racing) {
        return racing.stream().map(CompletableFuture::join).toList();
    }

    /** Signs {@code user} in on a new browser of node {@code i} with a trust {@code cookie}: the account page. */
    HttpResponse<String> signInWithTrust(int i, String user, String cookie) throws Exception {
        Visitor device = browser(i).withCookie(TRUST, cookie);
        device.signIn(user);
        return device.get("account");
    }

    /** The id of the key that signed the trust {@code cookie} (its payload: version, id length, id, …). */
    static String keyIdOf(String cookie) {
        byte[] payload = Base64.getUrlDecoder().decode(cookie.substring(0, cookie.indexOf('.')));
        return new String(payload, 2, payload[1], StandardCharsets.US_ASCII);
    }

    /** The mails that reached {@code user}'s address (the sample's default, {@code <user>@bank.example}). */
    List<MimeMessage> mailsTo(String user) throws Exception {
        List<MimeMessage> mails = new ArrayList<>();
        for (MimeMessage m : cluster.mail().server().getReceivedMessages()) {
            if (m.getAllRecipients()[0].toString().equals(user + "@bank.example")) {
                mails.add(m);
            }
        }
        return mails;
    }

    /** One number from the nodes' database, e.g. {@code SELECT failures FROM stepwise_attempt WHERE user_id = ?}. */
    long number(String sql, Object... args) throws SQLException {
        try (Connection c = cluster.database().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    /** Rows of the nodes' database, each as column name to value. */
    List<Map<String, Object>> rows(String sql, Object... args) throws SQLException {
        try (Connection c = cluster.database().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> row = new java.util.LinkedHashMap<>();
                    for (int col = 1; col <= rs.getMetaData().getColumnCount(); col++) {
                        row.put(rs.getMetaData().getColumnLabel(col), rs.getObject(col));
                    }
                    rows.add(row);
                }
            }
            return rows;
        }
    }

    /** Runs {@code sql} on the nodes' database. */
    void execute(String sql, Object... args) throws SQLException {
        try (Connection c = cluster.database().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            ps.execute();
        }
    }

    /** Consecutive failures the database holds for {@code user}. */
    long failures(String user) throws SQLException {
        return number("SELECT failures FROM stepwise_attempt WHERE user_id = ?", user);
    }
}
