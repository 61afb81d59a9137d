package dev.stepwise.mfa.web;

import dev.stepwise.mfa.factor.ChallengeContext;
import dev.stepwise.mfa.http.MfaSession;
import dev.stepwise.mfa.runtime.AttemptOutcome;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The status poll of the number prompt (docs/push.md, "Status poll"): only the state, only for the session that
 * asked, never a write. The sign-in page's session is a real HTTP session of {@link FakeHttp}, so the servlet
 * finds the approval's nonce where the challenge page put it.
 */
class PushStatusServletTest {

    private final PushApprovalFixture fx;
    private final FakeHttp.Session alicesBrowser = new FakeHttp.Session();

    PushStatusServletTest() throws Exception {
        fx = new PushApprovalFixture();
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    /** The factor's session store of {@code browser} signed in as {@code user}, as the challenge page uses it. */
    private static ChallengeContext.Session store(String user, FakeHttp.Session browser) {
        return MfaSession.of(new FakeHttp.Request(user, browser).asHttpServletRequest()).factorStore();
    }

    /** Alice's page sends; the token her phone got. */
    private String aliceSends() {
        fx.send("alice", store("alice", alicesBrowser));
        return PushApprovalFixture.token(fx.alicesPhone);
    }

    private FakeHttp.Response poll(String user, FakeHttp.Session browser) throws Exception {
        FakeHttp.Request request = new FakeHttp.Request(user, browser);
        request.servletPath = "/mfa/push/status";
        request.header("Sec-Fetch-Site", "same-origin");
        return poll(request);
    }

    private FakeHttp.Response poll(FakeHttp.Request request) throws Exception {
        PushStatusServlet servlet = new PushStatusServlet();
        servlet.enforcement = fx.enforcement;
        servlet.storage = fx.storage;
        FakeHttp.Response response = new FakeHttp.Response();
        servlet.service(request.asHttpServletRequest(), response.asHttpServletResponse());
        return response;
    }

    private String state(String user, FakeHttp.Session browser) throws Exception {
        FakeHttp.Response response = poll(user, browser);
        assertThat(response.status).isEqualTo(200);
        assertThat(response.header("Cache-Control")).isEqualTo("no-store");
        JsonObject json = Json.createReader(new StringReader(response.bodyText())).readObject();
        assertThat(json.keySet()).as("only the state").containsExactly("state");
        return json.getString("state");
    }

    @Test
    void theAskingSessionSeesPendingThenApproved() throws Exception {
        assertThat(state("alice", alicesBrowser)).as("nothing asked yet").isEqualTo("none");
        String token = aliceSends();
        int number = fx.push.approvals().orElseThrow().shown("alice", store("alice", alicesBrowser))
                .orElseThrow().number();
        assertThat(state("alice", alicesBrowser)).isEqualTo("pending");

        assertThat(fx.decide(token, "\"choice\":" + number).status).isEqualTo(200);

        assertThat(state("alice", alicesBrowser)).isEqualTo("approved");
        assertThat(poll("alice", alicesBrowser).bodyText()).doesNotContain(String.valueOf(number), token);
    }

    @Test
    void pollingNeverSpendsTheApprovalNorCountsAFailure() throws Exception {
        String token = aliceSends();
        for (int i = 0; i < 5; i++) {
            assertThat(state("alice", alicesBrowser)).isEqualTo("pending");
        }
        int number = fx.push.approvals().orElseThrow().shown("alice", store("alice", alicesBrowser))
                .orElseThrow().number();
        fx.decide(token, "\"choice\":" + number);
        for (int i = 0; i < 5; i++) {
            assertThat(state("alice", alicesBrowser)).isEqualTo("approved");
        }
        assertThat(fx.failures("alice")).isZero();
        assertThat(fx.continueAs("alice", store("alice", alicesBrowser))).as("Continue still works")
                .isInstanceOf(AttemptOutcome.Verified.class);
        assertThat(state("alice", alicesBrowser)).as("spent by Continue").isEqualTo("none");
    }

    @Test
    void anotherSessionOfTheUserAndAnotherUserLearnNothing() throws Exception {
        String token = aliceSends();
        FakeHttp.Session attackersBrowser = new FakeHttp.Session();
        store("alice", attackersBrowser).put("probe", "x"); // a session with the library's slot, no approval
        assertThat(state("alice", attackersBrowser)).isEqualTo("none");

        fx.decide(token, "\"deny\":true");

        assertThat(state("alice", attackersBrowser)).isEqualTo("none");
        assertThat(state("alice", alicesBrowser)).isEqualTo("denied");
        assertThat(state("bob", alicesBrowser)).as("Bob's principal in Alice's browser").isEqualTo("none");
    }

    @Test
    void expiryIsShown() throws Exception {
        aliceSends();
        fx.clock.advance(PushApprovalFixture.VALIDITY.plus(Duration.ofSeconds(1)));
        assertThat(state("alice", alicesBrowser)).isEqualTo("expired");
    }

    @Test
    void withoutASignedInUserOrASessionItIsRefused() throws Exception {
        aliceSends();
        assertThat(poll(null, alicesBrowser).status).isEqualTo(403);
        FakeHttp.Request noSession = new FakeHttp.Request("alice", null);
        noSession.header("Sec-Fetch-Site", "same-origin");
        assertThat(poll(noSession).status).isEqualTo(403);
    }

    @Test
    void anotherOriginIsRefused() throws Exception {
        aliceSends();
        FakeHttp.Request request = new FakeHttp.Request("alice", alicesBrowser);
        request.header("Sec-Fetch-Site", "cross-site").header("Origin", "https://evil.example");
        assertThat(poll(request).status).isEqualTo(403);
        FakeHttp.Request origin = new FakeHttp.Request("alice", alicesBrowser);
        origin.header("Origin", "https://evil.example");
        assertThat(poll(origin).status).isEqualTo(403);
    }

    @Test
    void onlyGet() throws Exception {
        aliceSends();
        FakeHttp.Request request = new FakeHttp.Request("alice", alicesBrowser);
        request.method = "POST";
        assertThat(poll(request).status).isEqualTo(405);
        assertThat(state("alice", alicesBrowser)).isEqualTo("pending");
    }

    @Test
    void aDatabaseThatIsDownFailsClosed() throws Exception {
        aliceSends();
        fx.storeDown = true;
        FakeHttp.Response response = poll("alice", alicesBrowser);
        assertThat(response.status).isEqualTo(503);
        assertThat(response.bodyText()).doesNotContain("pending", "approved");
    }
}
