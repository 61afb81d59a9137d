package dev.stepwise.sample.it;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What two nodes on one PostgreSQL share and what they do not ({@link ClusterNodes}; README "Running several
 * nodes"): trust-cookie signing keys (made once per rotation slot, whichever node makes them), housekeeping run by
 * both at once, and browser sessions, which live on the node that made them (sticky sessions, no replication).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

    private static final int A = 0;
    private static final int B = 1;
    /** {@link ClusterWar#KEY_ROTATION}: one key signs for an hour. */
    private static final Duration ROTATION = Duration.parse(ClusterWar.KEY_ROTATION);
    private static final SecureRandom RANDOM = new SecureRandom();

    private static ClusterNodes cluster;
    private static ClusterClient client;

    @BeforeAll
    static void nodes() {
        cluster = ClusterNodes.shared();
        client = new ClusterClient(cluster);
    }

    @Test
    @Order(1)
    void nodesMakingTheFirstKeyOfASlotAtOnceAgreeOnOne() throws Exception {
        cluster.advanceClocks(ROTATION.multipliedBy(2)); // a slot nobody has a key for

        // Eight people tick "trust this device" at the same moment, four on each node.
        List<Visitor> browsers = new ArrayList<>();
        List<CompletableFuture<HttpResponse<String>>> racing = new ArrayList<>();
        List<HttpResponse<String>> pages = new ArrayList<>();
        List<String> users = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String user = TestUsers.withTestCode();
            Visitor browser = client.browser(i % 2);
            pages.add(ClusterClient.challenge(browser, user, TestCodeFactor.ID));
            browsers.add(browser);
            users.add(user);
        }
        for (int i = 0; i < browsers.size(); i++) {
            racing.add(browsers.get(i).submitAsync(pages.get(i), "mfa/challenge",
                    ClusterClient.answer(pages.get(i), TestCodeFactor.ID, TestCodeFactor.CODE, "trust", "on")));
        }
        assertThat(ClusterClient.all(racing)).allMatch(r -> r.statusCode() == 303);

        List<String> cookies = browsers.stream().map(b -> b.cookie(ClusterClient.TRUST)).toList();
        assertThat(cookies).doesNotContainNull();
        assertThat(cookies.stream().map(ClusterClient::keyIdOf).distinct()).as("one signing key").hasSize(1);
        assertThat(client.number("SELECT count(*) FROM stepwise_trust_key WHERE slot = ?",
                slotAt(cluster.backstage(A).serverTime()))).isEqualTo(1);
        for (int i = 0; i < cookies.size(); i++) { // each cookie works on the other node
            assertThat(client.signInWithTrust(1 - i % 2, users.get(i), cookies.get(i)).statusCode()).isEqualTo(200);
        }
    }

    @Test
    @Order(2)
    void aKeyRotatedByAVerifiesOnB() throws Exception {
        String early = TestUsers.withTestCode();
        String earlyCookie = client.browser(A).signInTrustingThisDevice(early);
        cluster.advanceClocks(ROTATION.multipliedBy(2)); // again a slot nobody has a key for

        // B verifies an older cookie (and so reads the keys there are now, before A makes the new slot's) ...
        assertThat(client.signInWithTrust(B, early, earlyCookie).statusCode()).isEqualTo(200);
        // ... then A signs with the key it makes for the new slot ...
        String user = TestUsers.withTestCode();
        String cookie = client.browser(A).signInTrustingThisDevice(user);
        String keyId = ClusterClient.keyIdOf(cookie);
        assertThat(keyId).isNotEqualTo(ClusterClient.keyIdOf(earlyCookie));
        assertThat(client.rows("SELECT slot FROM stepwise_trust_key WHERE key_id = ?", keyId))
                .extracting(r -> r.get("slot")).containsExactly(slotAt(cluster.backstage(A).serverTime()));

        // ... and B takes the cookie A just signed.
        assertThat(client.signInWithTrust(B, user, cookie).statusCode()).as("no challenge on B").isEqualTo(200);
    }

    @Test
    @Order(3)
    void housekeepingOnBothNodesAtOnceDeletesEachExpiredRowOnceAndFailsOnNeither() throws Exception {
        Instant now = cluster.backstage(A).serverTime();
        long expired = now.minus(Duration.ofHours(1)).toEpochMilli();
        String prefix = "hk" + HexFormat.of().formatHex(randomBytes(4));
        for (int i = 0; i < 10; i++) {
            String user = prefix + i;
            client.execute("INSERT INTO stepwise_otp (user_id, channel, code_hash, issued_at, expires_at)"
                    + " VALUES (?, 'email', ?, ?, ?)", user, randomBytes(32), expired - 600_000, expired);
            client.execute("INSERT INTO stepwise_trusted_device (device_id, user_id, created_at, last_seen_at,"
                    + " user_agent, expires_at) VALUES (?, ?, ?, ?, 'test', ?)",
                    HexFormat.of().formatHex(randomBytes(16)), user, expired - 600_000, expired - 600_000, expired);
            client.execute("INSERT INTO stepwise_exemption (user_id, until_at, reason, granted_by, created_at)"
                    + " VALUES (?, ?, 'test', 'admin', ?)", user, expired, expired - 600_000);
            client.execute("INSERT INTO stepwise_enrol_hold (user_id, factor_id, enrolled_at, until_at)"
                    + " VALUES (?, 'totp', ?, ?)", user, expired - 600_000, expired);
            client.execute("INSERT INTO stepwise_otp_send (user_id, channel, reserved_at, until_at)"
                    + " VALUES (?, 'email', ?, ?)", user, expired - 30_000, expired);
        }
        long before = purgeableRows();

        // Both nodes purge what expired by the same instant, at the same moment.
        List<HttpResponse<String>> purged = ClusterClient.all(List.of(housekeeping(A, now), housekeeping(B, now)));

        assertThat(purged).allSatisfy(r -> assertThat(r.statusCode()).as(r.body()).isEqualTo(200));
        long removed = purged.stream().mapToLong(r -> Long.parseLong(r.body().strip())).sum();
        assertThat(removed).as("rows the nodes said they deleted").isEqualTo(before - purgeableRows())
                .isGreaterThanOrEqualTo(50);
        for (String table : List.of("stepwise_otp", "stepwise_otp_send", "stepwise_trusted_device",
                "stepwise_exemption", "stepwise_enrol_hold")) {
            assertThat(client.number("SELECT count(*) FROM " + table + " WHERE user_id LIKE ?", prefix + "%"))
                    .as(table).isZero();
        }
        // and the scheduled housekeeping (each node's clock, the sign-in history too) at once on both
        assertThat(ClusterClient.all(List.of(housekeeping(A, null), housekeeping(B, null))))
                .allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(200));
        for (int i = 0; i < cluster.size(); i++) {
            assertThat(cluster.output(i)).noneMatch(l -> l.contains("housekeeping failed"));
        }
    }

    @Test
    @Order(4)
    void nodesReplaceTheirKilledDatabaseConnectionsByThemselves() throws Exception {
        String user = TestUsers.withTestCode();
        Visitor before = client.browser(A).signInWithTestCode(user);

        // Every connection the nodes hold is killed (theirs only: their application name, in this database).
        long killed = client.number("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                + " WHERE application_name = ? AND datname = current_database()", cluster.applicationName());
        assertThat(killed).as("connections killed").isPositive();

        // The pools check a connection before lending it and drop them all when one is dead: nobody notices.
        for (int i = 0; i < cluster.size(); i++) {
            Visitor browser = client.browser(i).signInWithTestCode(TestUsers.withTestCode());
            assertThat(browser.get("account").statusCode()).as("node %d", i).isEqualTo(200);
        }
        assertThat(before.get("statements/2026").statusCode()).isEqualTo(200);
        assertThat(client.number("SELECT count(*) FROM pg_stat_activity WHERE application_name = ?",
                cluster.applicationName())).as("new connections").isPositive();
    }

    @Test
    @Order(5)
    void aSessionLivesOnTheNodeThatMadeIt() throws Exception {
        String user = TestUsers.withTestCode();
        Visitor onA = client.browser(A).signInWithTestCode(user);
        assertThat(onA.get("account").statusCode()).isEqualTo(200);

        // The load balancer sends the same browser (its session cookie) to B: B does not know the session ...
        Visitor sameBrowserOnB = client.browser(B).withSessionId(onA.sessionId());
        HttpResponse<String> there = sameBrowserOnB.get("account");
        assertThat(there.statusCode()).isIn(302, 303);
        assertThat(there.headers().firstValue("Location").orElseThrow()).contains("/login");
        // ... so the person signs in again there, and is asked for a factor again: MFA is proven per session.
        sameBrowserOnB.signIn(user);
        HttpResponse<String> asked = sameBrowserOnB.get("account");
        assertThat(asked.statusCode()).isEqualTo(303);
        assertThat(asked.headers().firstValue("Location").orElseThrow()).contains("/mfa/challenge");
        // Back on A the session is as it was.
        assertThat(onA.get("account").statusCode()).isEqualTo(200);
    }

    @Test
    @Order(6)
    void whenANodeDiesTheOtherSignsPeopleInAgain() throws Exception {
        String user = TestUsers.withTestCode();
        Visitor onA = client.browser(A).signInWithTestCode(user);
        String trusted = TestUsers.withTestCode();
        String trust = client.browser(A).signInTrustingThisDevice(trusted);

        cluster.kill(A);
        try {
            assertThatThrownBy(() -> onA.get("account")).as("A is gone").isInstanceOf(java.io.IOException.class);

            // B serves new sign-ins: with a factor, and with a trust cookie A made
            Visitor onB = client.browser(B).withSessionId(onA.sessionId());
            assertThat(onB.get("account").statusCode()).as("A's session is unknown on B").isIn(302, 303);
            onB.signInWithTestCode(user);
            assertThat(onB.get("account").statusCode()).isEqualTo(200);
            assertThat(client.browser(B).signInWithTestCode(TestUsers.withTestCode()).get("account").statusCode())
                    .isEqualTo(200);
            assertThat(client.signInWithTrust(B, trusted, trust).statusCode()).isEqualTo(200);
        } finally {
            long began = System.nanoTime();
            cluster.restart(A);
            System.out.printf("node A restarted in %d s%n", Duration.ofNanos(System.nanoTime() - began).toSeconds());
        }
        // A is back, without the sessions it had
        Visitor again = client.browser(A).withSessionId(onA.sessionId());
        assertThat(again.get("account").statusCode()).isIn(302, 303);
        assertThat(client.browser(A).signInWithTestCode(user).get("account").statusCode()).isEqualTo(200);
    }

    /** The name of the rotation slot that contains {@code at} (see {@code TrustKeyRing}). */
    private static String slotAt(Instant at) {
        long seconds = ROTATION.getSeconds();
        return seconds + "s/" + Math.floorDiv(at.getEpochSecond(), seconds);
    }

    /** Rows of the tables the purge looks at. */
    private static long purgeableRows() throws Exception {
        return client.number("SELECT (SELECT count(*) FROM stepwise_otp)"
                + " + (SELECT count(*) FROM stepwise_otp_send) + (SELECT count(*) FROM stepwise_trusted_device)"
                + " + (SELECT count(*) FROM stepwise_exemption) + (SELECT count(*) FROM stepwise_enrol_hold)"
                + " + (SELECT count(*) FROM stepwise_trust_key)");
    }

    /** Starts node {@code i}'s housekeeping: of what expired by {@code at}, or (null) as scheduled. */
    private static CompletableFuture<HttpResponse<String>> housekeeping(int i, Instant at) {
        String form = at == null ? "" : "at=" + at;
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().sendAsync(HttpRequest.newBuilder(SampleDeployment.resolve(cluster.node(i),
                        "it/housekeeping")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }
}
