package dev.stepwise.sample.it;

import dev.stepwise.mfa.factor.totp.TotpSecret;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.stepwise.sample.it.ClusterClient.WRONG;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Attacks on two nodes that share one PostgreSQL ({@link ClusterNodes}): the attacker has the password and spreads
 * his requests over both nodes, as a load balancer without stickiness would, hoping that one node does not know
 * what the other just did. Node A is 0, node B is 1; each browser (session) lives on one node.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterAttackIT {

    private static final int A = 0;
    private static final int B = 1;
    private static final Pattern RECOVERY_CODE = Pattern.compile("<code>([0-9a-z]{4}(-[0-9a-z]{4}){3})</code>");
    private static final Pattern DEVICE = Pattern.compile("name=\"device\" value=\"([^\"]+)\"");
    /** The sample's {@code stepwise.mfa.lockout.max-failures} (web.xml). */
    private static final int MAX_FAILURES = 10;
    /** Failures the default policy checks without a delay; then 1 s, doubling. */
    private static final int FREE_FAILURES = 3;
    private static final String LOCKED = "Your account is temporarily locked";
    /** What the email challenge says after a send (before it, or after someone else's: "… a moment ago"). */
    private static final String JUST_SENT = "We sent a code to %s.";

    private static ClusterNodes cluster;
    private static ClusterClient client;

    @BeforeAll
    static void nodes() {
        cluster = ClusterNodes.shared();
        client = new ClusterClient(cluster);
    }

    @Test
    @Order(1)
    void totpCodeAcceptedOnAIsRefusedOnBInTheSameStep() throws Exception {
        String user = TestUsers.withoutFactor();
        TotpSecret secret = client.provisionTotp(A, user);
        Visitor victim = client.browser(A);
        HttpResponse<String> victimsChallenge = ClusterClient.challenge(victim, user, "totp");
        Visitor attacker = client.browser(B);
        HttpResponse<String> attackersChallenge = ClusterClient.challenge(attacker, user, "totp");

        // The victim types the code her app shows on node A; the attacker saw it and types it on node B.
        String code = client.totpNow(A, secret);
        assertThat(victim.answerChallenge(victimsChallenge, "totp", code).statusCode()).isEqualTo(303);
        HttpResponse<String> replay = attacker.answerChallenge(attackersChallenge, "totp", code);

        assertThat(replay.statusCode()).isEqualTo(200);
        assertThat(replay.body()).contains(WRONG);
        assertThat(attacker.get("account").statusCode()).as("still at the challenge").isEqualTo(303);
        // each node's audit log says what happened there
        assertThat(cluster.awaitOutput(A, l -> l.contains("mfa event=factor-verified user=" + user + " "))).hasSize(1);
        assertThat(cluster.awaitOutput(B, l -> l.contains("mfa event=factor-failed user=" + user + " "))).hasSize(1);
        assertThat(cluster.output(B)).noneMatch(l -> l.contains("mfa event=factor-verified user=" + user + " "));
    }

    @Test
    @Order(2)
    void recoveryCodeUsedOnAIsRefusedOnB() throws Exception {
        String user = TestUsers.withTestCode();
        Visitor owner = client.browser(A).signInWithTestCode(user);
        HttpResponse<String> issued = owner.post("mfa/settings", "stepwise_csrf",
                Visitor.csrf(owner.get("mfa/settings")), "action", "recovery");
        List<String> codes = RECOVERY_CODE.matcher(issued.body()).results().map(m -> m.group(1)).toList();
        assertThat(codes).as("recovery codes").hasSize(10);

        Visitor onA = client.browser(A);
        ClusterClient.challenge(onA, user, TestCodeFactor.ID);
        assertThat(onA.answerChallenge(onA.get("mfa/challenge?factor=recovery"), "recovery", codes.get(0))
                .statusCode()).isEqualTo(303);

        Visitor onB = client.browser(B);
        ClusterClient.challenge(onB, user, TestCodeFactor.ID);
        HttpResponse<String> reused = onB.answerChallenge(onB.get("mfa/challenge?factor=recovery"), "recovery",
                codes.get(0));
        assertThat(reused.statusCode()).isEqualTo(200);
        assertThat(reused.body()).contains(WRONG);
        // the other codes are B's as much as A's
        assertThat(onB.answerChallenge(reused, "recovery", codes.get(1)).statusCode()).isEqualTo(303);
        assertThat(client.number("SELECT count(*) FROM stepwise_recovery_code WHERE user_id = ?", user))
                .isEqualTo(8);
    }

    @Test
    @Order(3)
    void wrongCodesOnBothNodesAddUpToOneLockoutThatHoldsOnBoth() throws Exception {
        String user = TestUsers.withoutFactor();
        TotpSecret secret = client.provisionTotp(A, user);
        Visitor[] sessions = {client.browser(A), client.browser(B)};
        for (Visitor s : sessions) {
            ClusterClient.challenge(s, user, "totp");
        }

        for (int attempt = 1; attempt <= MAX_FAILURES; attempt++) {
            int node = attempt % 2; // B, A, B, A, ...
            if (attempt > FREE_FAILURES) { // past the delay the previous failure set (1 s, doubling)
                cluster.advanceClocks(Duration.ofSeconds((1L << (attempt - FREE_FAILURES - 1)) + 1));
            }
            Visitor s = sessions[node];
            HttpResponse<String> answer = s.answerChallenge(totpPage(s), "totp", client.wrongTotp(node, secret));
            assertThat(answer.statusCode()).as("attempt %d on node %d", attempt, node).isEqualTo(200);
            assertThat(answer.body()).as("attempt %d on node %d", attempt, node)
                    .contains(attempt < MAX_FAILURES ? WRONG : LOCKED);
        }
        assertThat(client.failures(user)).isEqualTo(MAX_FAILURES);

        // Locked on both: even the right code is refused, on either node, after the delay a tenth failure
        // would have set (128 s) has run out.
        cluster.advanceClocks(Duration.ofMinutes(3));
        for (int node : new int[] {A, B}) {
            Visitor s = sessions[node];
            HttpResponse<String> right = s.answerChallenge(totpPage(s), "totp", client.totpNow(node, secret));
            assertThat(right.statusCode()).as("node %d", node).isEqualTo(429);
            assertThat(right.headers().firstValue("Retry-After")).isPresent();
            assertThat(s.get("account").statusCode()).isEqualTo(303);
        }
        assertThat(client.failures(user)).isEqualTo(MAX_FAILURES);
    }

    /** The session's login challenge for the authenticator app (a new one if the last has expired). */
    private static HttpResponse<String> totpPage(Visitor s) throws Exception {
        HttpResponse<String> asked = s.get("account");
        assertThat(asked.statusCode()).as("asked for a factor").isEqualTo(303);
        s.follow(asked);
        return s.get("mfa/challenge?factor=totp");
    }

    @Test
    @Order(4)
    void parallelGuessesSplitAcrossBothNodesAreCheckedOnlyAsAllowed() throws Exception {
        String user = TestUsers.withoutFactor();
        TotpSecret secret = client.provisionTotp(A, user);
        List<Visitor> sessions = new ArrayList<>();
        List<HttpResponse<String>> pages = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            Visitor s = client.browser(i % 2);
            ClusterClient.challenge(s, user, "totp");
            sessions.add(s);
            pages.add(s.get("mfa/challenge?factor=totp"));
        }
        String wrong = client.wrongTotp(A, secret);

        // The clocks stand still, so no delay runs out while the 32 guesses are under way.
        cluster.stopClocks(true);
        List<HttpResponse<String>> answers;
        try {
            List<CompletableFuture<HttpResponse<String>>> racing = new ArrayList<>();
            for (int i = 0; i < sessions.size(); i++) {
                racing.add(sessions.get(i).answerChallengeAsync(pages.get(i), "totp", wrong));
            }
            answers = ClusterClient.all(racing);
        } finally {
            cluster.stopClocks(false);
        }

        assertThat(answers).filteredOn(a -> a.statusCode() == 200 && a.body().contains(WRONG))
                .hasSize(FREE_FAILURES);
        assertThat(answers).filteredOn(a -> a.statusCode() == 429).hasSize(32 - FREE_FAILURES);
        assertThat(client.failures(user)).as("failures recorded").isEqualTo(FREE_FAILURES);
    }

    @Test
    @Order(5)
    void trustMadeOnAWorksOnBAndRevokingItOnBIsHonouredOnAAtTheNextRequest() throws Exception {
        String user = TestUsers.withTestCode();
        String cookie = client.browser(A).signInTrustingThisDevice(user);
        assertThat(client.signInWithTrust(B, user, cookie).statusCode()).as("no challenge on B").isEqualTo(200);
        Visitor device = client.browser(A).withCookie(ClusterClient.TRUST, cookie);
        device.signIn(user);
        assertThat(device.get("account").statusCode()).isEqualTo(200);
        assertThat(device.get("statements/2026").statusCode()).as("trusted: no code asked").isEqualTo(200);

        Visitor owner = client.browser(B).signInWithTestCode(user);
        HttpResponse<String> settings = owner.get("mfa/settings");
        Matcher id = DEVICE.matcher(settings.body());
        assertThat(id.find()).as("the device is listed on B").isTrue();
        assertThat(owner.post("mfa/settings", "stepwise_csrf", Visitor.csrf(settings), "action", "revoke-device",
                "device", id.group(1)).statusCode()).isEqualTo(303);

        assertThat(device.get("statements/2026").statusCode()).as("the session A raised with it").isEqualTo(303);
        assertThat(client.signInWithTrust(A, user, cookie).statusCode()).as("a new sign-in on A").isEqualTo(303);
        assertThat(client.signInWithTrust(B, user, cookie).statusCode()).as("a new sign-in on B").isEqualTo(303);
    }

    @Test
    @Order(6)
    void aResendOnBRightAfterASendOnAIsRefused() throws Exception {
        String user = TestUsers.withoutFactor(); // email codes go to the sample's default address
        Visitor onA = client.browser(A);
        HttpResponse<String> sent = onA.submit(ClusterClient.challenge(onA, user, "email"), "mfa/challenge",
                "factor", "email", "action", "send");
        assertThat(sent.body()).contains(justSent(user));

        Visitor onB = client.browser(B);
        HttpResponse<String> again = onB.submit(ClusterClient.challenge(onB, user, "email"), "mfa/challenge",
                "factor", "email", "action", "send");

        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).doesNotContain(justSent(user)).contains(masked(user) + " a moment ago");
        assertThat(client.mailsTo(user)).hasSize(1);
    }

    /**
     * Needs the resend cooldown reserved atomically in the store: a check of the last send followed by the send,
     * guarded per node only, lets each node send one message when both are asked at the same moment.
     */
    @Test
    @Order(7)
    void parallelSendsSplitAcrossBothNodesSendOneMessage() throws Exception {
        String user = TestUsers.withoutFactor();
        List<Visitor> sessions = new ArrayList<>();
        List<HttpResponse<String>> pages = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            Visitor s = client.browser(i % 2);
            pages.add(ClusterClient.challenge(s, user, "email"));
            sessions.add(s);
        }

        List<CompletableFuture<HttpResponse<String>>> racing = new ArrayList<>();
        for (int i = 0; i < sessions.size(); i++) {
            racing.add(sessions.get(i).submitAsync(pages.get(i), "mfa/challenge", "factor", "email",
                    "action", "send"));
        }
        List<HttpResponse<String>> answers = ClusterClient.all(racing);

        assertThat(client.mailsTo(user)).hasSize(1);
        assertThat(answers).allMatch(a -> a.statusCode() == 200);
        assertThat(answers).filteredOn(a -> a.body().contains(justSent(user))).hasSize(1);
    }

    /** The email challenge's words right after this session's send. */
    private static String justSent(String user) {
        return String.format(JUST_SENT, masked(user));
    }

    /** The user's address as the page shows it: the first letter, the domain. */
    private static String masked(String user) {
        return user.charAt(0) + "***@bank.example";
    }
}
