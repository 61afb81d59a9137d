package dev.stepwise.mfa.web;

import dev.stepwise.mfa.event.MfaEvent;
import dev.stepwise.mfa.factor.ChallengeContext;
import dev.stepwise.mfa.factor.ChallengeView;
import dev.stepwise.mfa.runtime.AttemptOutcome;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Attacks on push approval with number matching (docs/push.md): the device's POSTs to the approval servlet and the
 * sign-in page's "Continue", on the real factor and an H2 store.
 */
class PushApprovalServletTest {

    private final PushApprovalFixture fx;
    private final ChallengeContext.Session signIn;

    PushApprovalServletTest() throws Exception {
        fx = new PushApprovalFixture();
        signIn = fx.session();
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    private static JsonObject json(FakeHttp.Response response) {
        return Json.createReader(new StringReader(response.bodyText())).readObject();
    }

    private static void assertProblem(FakeHttp.Response response, int status, String type) {
        assertThat(response.status).isEqualTo(status);
        assertThat(json(response).getString("type")).isEqualTo("urn:stepwise:problem:" + type);
    }

    /** Alice presses "Send notification"; the number her page shows. */
    private int aliceSends() {
        return PushApprovalFixture.number(fx.send("alice", signIn));
    }

    /** A number the device offers that is not the one shown. */
    private int decoy(String token, int number) throws Exception {
        return json(fx.choices(token)).getJsonArray("choices").getValuesAs(jakarta.json.JsonNumber.class).stream()
                .mapToInt(jakarta.json.JsonNumber::intValue).filter(n -> n != number).findFirst().orElseThrow();
    }

    /** Nothing was decided: the approval is still pending and no failure counted. */
    private void assertUnchanged(String token, int failures) throws Exception {
        assertThat(fx.choices(token).status).as("still pending").isEqualTo(200);
        assertThat(fx.failures("alice")).isEqualTo(failures);
        assertThat(fx.events(MfaEvent.PushDenied.class)).isEmpty();
    }

    @Test
    void theRightNumberApprovesAndTheSessionThatAskedContinuesOnce() throws Exception {
        int number = aliceSends();
        String token = PushApprovalFixture.token(fx.alicesPhone);

        JsonObject choices = json(fx.choices(token));
        assertThat(choices.getString("app")).isEqualTo("Stepwise MFA");
        assertThat(choices.getJsonArray("choices")).hasSize(3).contains(Json.createValue(number));
        assertThat(fx.continueAs("alice", signIn)).as("not yet: pending")
                .isInstanceOf(AttemptOutcome.Unavailable.class);
        assertThat(fx.failures("alice")).as("waiting is no failure").isZero();

        FakeHttp.Response approved = fx.decide(token, "\"choice\":" + number);

        assertThat(approved.status).isEqualTo(200);
        assertThat(json(approved).getString("outcome")).isEqualTo("approved");
        assertThat(fx.continueAs("alice", signIn)).isInstanceOf(AttemptOutcome.Verified.class);
        assertThat(fx.continueAs("alice", signIn)).as("replayed").isInstanceOf(AttemptOutcome.Rejected.class);
        assertProblem(fx.decide(token, "\"choice\":" + number), 409, "approval-decided");
        assertProblem(fx.choices(token), 404, "approval-gone");
    }

    @Test
    void thePushCarriesTheLinkButNeverTheNumber() {
        int number = aliceSends();
        String payload = new String(fx.alicesPhone.requests.get(0).payload(), StandardCharsets.UTF_8);

        assertThat(payload).contains("\"type\":\"stepwise-approve\"").doesNotContain("\"number\"")
                .doesNotContain("\"code\"").doesNotContain("\"choices\"");
        assertThat(payload.replaceAll("#[A-Za-z0-9_-]{43}", "#")).doesNotContain(Integer.toString(number));
        assertThat(fx.alicesPhone.requests.get(0).headers().getFirst("Urgency")).isEqualTo("high");
    }

    @Test
    void anotherSessionOfTheSameUserCannotContinueNorSeeTheNumber() throws Exception {
        int number = aliceSends();
        ChallengeContext.Session attacker = fx.session();
        fx.decide(PushApprovalFixture.token(fx.alicesPhone), "\"choice\":" + number);

        assertThat(fx.push.preview("alice", fx.ctx(attacker)).model()).doesNotContainKey("stepwise_approvalNumber");
        assertThat(fx.continueAs("alice", attacker)).isInstanceOf(AttemptOutcome.Rejected.class);
        assertThat(fx.continueAs("alice", signIn)).as("the approval is still the asking session's")
                .isInstanceOf(AttemptOutcome.Verified.class);
    }

    @Test
    void aWrongNumberDeniesOnceCountsOneFailureAndIsAudited() throws Exception {
        int number = aliceSends();
        String token = PushApprovalFixture.token(fx.alicesPhone);

        FakeHttp.Response denied = fx.decide(token, "\"choice\":" + decoy(token, number));

        assertThat(json(denied).getString("outcome")).isEqualTo("denied");
        assertThat(fx.failures("alice")).isEqualTo(1);
        assertThat(fx.events(MfaEvent.PushDenied.class)).singleElement()
                .satisfies(e -> assertThat(((MfaEvent.PushDenied) e).reason()).isEqualTo("wrong-number"));
        assertProblem(fx.decide(token, "\"choice\":" + number), 409, "approval-decided");
        assertThat(fx.push.preview("alice", fx.ctx(signIn)).model()).containsEntry("stepwise_approvalState", "denied");
        assertThat(fx.continueAs("alice", signIn)).isInstanceOf(AttemptOutcome.Rejected.class);
    }

    @Test
    void thisWasntMeDenies() throws Exception {
        aliceSends();
        String token = PushApprovalFixture.token(fx.alicesPhone);

        assertThat(json(fx.decide(token, "\"deny\":true")).getString("outcome")).isEqualTo("denied");
        assertThat(fx.events(MfaEvent.PushDenied.class)).singleElement()
                .satisfies(e -> assertThat(((MfaEvent.PushDenied) e).reason()).isEqualTo("not-me"));
        assertThat(fx.failures("alice")).isEqualTo(1);
        assertThat(fx.continueAs("alice", signIn)).isInstanceOf(AttemptOutcome.Rejected.class);
    }

    @Test
    void crossOriginAndHeaderlessPostsAreRefusedAndChangeNothing() throws Exception {
        int number = aliceSends();
        String token = PushApprovalFixture.token(fx.alicesPhone);
        String body = "{\"token\":\"" + token + "\",\"choice\":" + number + "}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);

        FakeHttp.Request evil = fx.request("POST", "/decide").header("Origin", "https://evil.example")
                .body("application/json", bytes);
        FakeHttp.Request crossSite = fx.request("POST", "/decide").header("Sec-Fetch-Site", "cross-site")
                .header("Origin", "https://bank.example").body("application/json", bytes);
        FakeHttp.Request noOrigin = fx.request("POST", "/decide").body("application/json", bytes);
        FakeHttp.Request nullOrigin = fx.request("POST", "/decide").header("Origin", "null")
                .body("application/json", bytes);
        for (FakeHttp.Request r : List.of(evil, crossSite, noOrigin, nullOrigin)) {
            assertProblem(fx.send(r), 403, "cross-origin");
        }
        assertUnchanged(token, 0);
        assertThat(fx.continueAs("alice", signIn)).isInstanceOf(AttemptOutcome.Unavailable.class);
    }

    @Test
    void aFormPostOrAGetIsRefusedAndChangesNothing() throws Exception {
        int number = aliceSends();
        String token = PushApprovalFixture.token(fx.alicesPhone);
        FakeHttp.Request form = fx.request("POST", "/decide").header("Origin", PushApprovalFixture.ORIGIN)
                .body("application/x-www-form-urlencoded", ("token=" + token + "&choice=" + number)
                        .getBytes(StandardCharsets.UTF_8));

        assertThat(fx.send(form).status).isEqualTo(415);
        assertThat(fx.send(fx.request("GET", "/decide")).status).isEqualTo(405);
        assertUnchanged(token, 0);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"token\":\"%s\",\"choice\":\"%d\"}",
        "{\"token\":\"%s\",\"choice\":%d.0}",
        "{\"token\":\"%s\",\"choice\":%d,\"deny\":true}",
        "{\"token\":\"%s\",\"choice\":1%d}",
        "{\"token\":\"%s\",\"choice\":9}",
        "{\"token\":\"%s\",\"choice\":-%d}",
        "{\"token\":\"%s\",\"deny\":false}",
        "{\"token\":\"%s\"}",
        "{\"token\":\"%sA\",\"choice\":%d}",
        "{\"token\":\"%.42s\",\"choice\":%d}",
        "{\"token\":[\"%s\"],\"choice\":%d}",
        "{\"token\":\"%s\",\"token\":\"%1$s\",\"choice\":%d}",
        "[\"%s\",%d]",
        "{\"token\":\"%s\",\"choice\":%d",
    })
    void malformedBodiesAre400AndChangeNothing(String template) throws Exception {
        int number = aliceSends();
        String token = PushApprovalFixture.token(fx.alicesPhone);

        FakeHttp.Response response = fx.send(fx.post("/decide", String.format(template, token, number)));

        assertThat(response.status).isEqualTo(400);
        assertUnchanged(token, 0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "short", "ééééééééééééééééééééééééééééééééééééééééééé",
        "١٢٣٤٥٦٧٨٩٠١٢٣٤٥٦٧٨٩٠١٢٣٤٥٦٧٨٩٠١٢٣٤٥٦٧٨٩٠١٢٣", "../../../../../../../../../../../../../etc/pa",
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\\u0000", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA+"})
    void malformedOrNonAsciiTokensAre400(String token) throws Exception {
        int number = aliceSends();
        String real = PushApprovalFixture.token(fx.alicesPhone);

        assertThat(fx.decide(token, "\"choice\":" + number).status).isEqualTo(400);
        assertThat(fx.choices(token).status).isEqualTo(400);
        assertUnchanged(real, 0);
    }

    @Test
    void anUnknownTokenIs404() throws Exception {
        aliceSends();
        assertProblem(fx.decide("A".repeat(43), "\"deny\":true"), 404, "approval-gone");
        assertProblem(fx.choices("A".repeat(43)), 404, "approval-gone");
        assertUnchanged(PushApprovalFixture.token(fx.alicesPhone), 0);
    }

    @Test
    void anOversizeBodyIs413AndChangesNothing() throws Exception {
        aliceSends();
        String token = PushApprovalFixture.token(fx.alicesPhone);
        String body = "{\"token\":\"" + token + "\",\"deny\":true,\"pad\":\"" + "x".repeat(600) + "\"}";

        assertThat(fx.send(fx.post("/decide", body)).status).isEqualTo(413);
        assertUnchanged(token, 0);
    }

    @Test
    void anOversizeChunkedBodyIs413AndChangesNothing() throws Exception {
        aliceSends();
        String token = PushApprovalFixture.token(fx.alicesPhone);
        String body = "{\"token\":\"" + token + "\",\"deny\":true,\"pad\":\"" + "x".repeat(4000) + "\"}";
        FakeHttp.Request chunked = fx.post("/decide", body);
        chunked.contentLength = -1L;

        assertThat(fx.send(chunked).status).isEqualTo(413);
        assertThat(chunked.bodyRead).as("never read past the limit").isLessThanOrEqualTo(PushApprovalServlet.MAX_BYTES + 1);
        assertUnchanged(token, 0);
    }

    @Test
    void bobsTokenApprovesOnlyBobsSignIn() throws Exception {
        aliceSends();
        ChallengeContext.Session bobsSignIn = fx.session();
        int bobsNumber = PushApprovalFixture.number(fx.send("bob", bobsSignIn));
        String bobsToken = PushApprovalFixture.token(fx.bobsPhone);

        assertThat(fx.decide(bobsToken, "\"choice\":" + bobsNumber).status).isEqualTo(200);

        assertThat(fx.continueAs("alice", signIn)).as("alice's is still pending")
                .isInstanceOf(AttemptOutcome.Unavailable.class);
        assertThat(fx.continueAs("alice", bobsSignIn)).isInstanceOf(AttemptOutcome.Rejected.class);
        assertThat(fx.continueAs("bob", signIn)).as("bob's approval, alice's session")
                .isInstanceOf(AttemptOutcome.Rejected.class);
        assertThat(fx.continueAs("bob", bobsSignIn)).isInstanceOf(AttemptOutcome.Verified.class);
    }

    @Test
    void anExpiredApprovalTakesNoChoiceAndCannotContinue() throws Exception {
        int number = aliceSends();
        String token = PushApprovalFixture.token(fx.alicesPhone);
        fx.decide(token, "\"choice\":" + number);
        fx.clock.advance(PushApprovalFixture.VALIDITY);

        assertThat(fx.continueAs("alice", signIn)).isInstanceOf(AttemptOutcome.Rejected.class);
        assertThat(fx.push.preview("alice", fx.ctx(signIn)).model()).containsEntry("stepwise_approvalState",
                "expired");
    }

    @Test
    void anExpiredPendingApprovalRefusesChoices() throws Exception {
        int number = aliceSends();
        String token = PushApprovalFixture.token(fx.alicesPhone);
        fx.clock.advance(PushApprovalFixture.VALIDITY);

        assertProblem(fx.choices(token), 404, "approval-gone");
        assertProblem(fx.decide(token, "\"choice\":" + number), 409, "approval-decided");
        assertThat(fx.failures("alice")).isZero();
    }

    @Test
    void aNewNotificationReplacesTheOldOneButNotWithinTheCooldown() throws Exception {
        aliceSends();
        String first = PushApprovalFixture.token(fx.alicesPhone);
        ChallengeView again = fx.push.resend("alice", fx.ctx(signIn));
        assertThat(again.model()).containsEntry("stepwise_approvalNotice", "stepwise.mfa.push.cooldown");
        assertThat(fx.alicesPhone.requests).as("no second push within 30 s").hasSize(1);

        fx.clock.advance(java.time.Duration.ofSeconds(30));
        fx.push.resend("alice", fx.ctx(signIn));

        assertThat(fx.alicesPhone.requests).hasSize(2);
        assertProblem(fx.choices(first), 404, "approval-gone");
        assertThat(fx.choices(PushApprovalFixture.token(fx.alicesPhone)).status).isEqualTo(200);
    }

    @Test
    void thirtyTwoParallelSendsOfAPasswordHolderPushOnceWithinTheCooldown() throws Exception {
        // an attacker with the password fires "Send notification" from 32 sessions at once: the cooldown must hold
        race(i -> fx.push.resend("alice", fx.ctx(fx.session())));

        assertThat(fx.alicesPhone.requests).as("one push within 30 s, however many race").hasSize(1);
        assertThat(fx.choices(PushApprovalFixture.token(fx.alicesPhone)).status).as("the one pushed is live")
                .isEqualTo(200);
    }

    @Test
    void aRemovedDeviceCannotApproveWithTheLinkItAlreadyHas() throws Exception {
        // the phone is stolen; the thief has the password too and sends a notification before Alice removes it
        ChallengeContext.Session thief = fx.session();
        int number = PushApprovalFixture.number(fx.send("alice", thief));
        String token = PushApprovalFixture.token(fx.alicesPhone);

        assertThat(fx.push.remove("alice", fx.push.devices("alice").get(0).id())).isTrue();

        assertProblem(fx.decide(token, "\"choice\":" + number), 404, "approval-gone");
        assertThat(fx.continueAs("alice", thief)).isNotInstanceOf(AttemptOutcome.Verified.class);
    }

    @Test
    void aForgedHostHeaderDoesNotPutAnotherOriginInTheLink() {
        // an attacker with the password signs in with "Host: evil.example": the link must still name the bank
        ChallengeContext.Session attacker = fx.session();
        fx.push.beginChallenge("alice", new ChallengeContext(fx.clock.instant(), java.util.Locale.ENGLISH,
                "192.0.2.9", "JUnit", attacker, "https://evil.example"));

        String payload = new String(fx.alicesPhone.requests.get(fx.alicesPhone.requests.size() - 1).payload(),
                StandardCharsets.UTF_8);
        assertThat(payload).doesNotContain("evil.example");
        assertThat(PushApprovalFixture.token(fx.alicesPhone)).as("the link names the configured origin").isNotEmpty();
    }

    @Test
    void theSignInPagePollsItsOwnOriginByPathWhereTheLinkNamesTheConfiguredOrigin() {
        var view = fx.send("alice", fx.session());

        assertThat(view.model().get("stepwise_approvalPoll")).isEqualTo("/bank/mfa/push/status");
    }

    @Test
    void withoutAConfiguredOriginDevelopmentModeLinksToTheSignInRequestsOwnOrigin() throws Exception {
        try (PushApprovalFixture dev = new PushApprovalFixture("/bank/mfa/push/approve")) {
            int number = PushApprovalFixture.number(dev.send("alice", dev.session()));
            String token = PushApprovalFixture.token(dev.alicesPhone); // https://bank.example/bank/mfa/push/approve
            assertThat(token).hasSize(43);
            assertThat(number).isPositive();
        }
    }

    @Test
    void ofThirtyTwoParallelChoicesOneDecidesAndOfThirtyTwoParallelContinuesOneSignsIn() throws Exception {
        int number = aliceSends();
        String token = PushApprovalFixture.token(fx.alicesPhone);
        int wrong = decoy(token, number);

        List<Integer> statuses = race(i -> fx.decide(token, "\"choice\":" + (i % 2 == 0 ? number : wrong)).status);
        assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
        assertThat(statuses).filteredOn(s -> s == 409).hasSize(31);
        if (fx.failures("alice") == 0) {
            List<Object> outcomes = race(i -> fx.continueAs("alice", signIn));
            assertThat(outcomes).filteredOn(AttemptOutcome.Verified.class::isInstance).hasSize(1);
        } else {
            assertThat(fx.failures("alice")).as("one denial counted once").isEqualTo(1);
        }
    }

    @Test
    void thirtyTwoParallelContinuesOfOneApprovalSignInOnce() throws Exception {
        int number = aliceSends();
        fx.decide(PushApprovalFixture.token(fx.alicesPhone), "\"choice\":" + number);

        List<Object> outcomes = race(i -> fx.continueAs("alice", signIn));

        assertThat(outcomes).filteredOn(AttemptOutcome.Verified.class::isInstance).hasSize(1);
    }

    @Test
    void aDatabaseThatIsDownFailsClosed() throws Exception {
        int number = aliceSends();
        String token = PushApprovalFixture.token(fx.alicesPhone);
        fx.storeDown = true;

        assertProblem(fx.choices(token), 503, "mfa-unavailable");
        assertProblem(fx.decide(token, "\"choice\":" + number), 503, "mfa-unavailable");
        fx.storeDown = false;
        assertUnchanged(token, 0);
        fx.decide(token, "\"choice\":" + number);
        fx.storeDown = true;
        Object outcome;
        try {
            outcome = fx.continueAs("alice", signIn);
        } catch (RuntimeException e) {
            outcome = e;
        }
        assertThat(outcome).isNotInstanceOf(AttemptOutcome.Verified.class);
    }

    @Test
    void thePageIsServedWithoutASessionAndWithoutAReferrer() throws Exception {
        FakeHttp.Request get = fx.request("GET", null);
        get.session = null;
        FakeHttp.Response page = fx.send(get);

        assertThat(get.forwardedTo).isEqualTo("/mfa/push-approve.jsp");
        assertThat(page.header("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(page.header("Cache-Control")).isEqualTo("no-store");
    }

    private interface Task<T> {
        T run(int i) throws Exception;
    }

    @SuppressWarnings("unchecked")
    private static <T> List<T> race(Task<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(32);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                int n = i;
                Callable<T> c = () -> {
                    start.await();
                    return task.run(n);
                };
                futures.add(pool.submit(c));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
