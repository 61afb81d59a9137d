package dev.stepwise.sample.it;

import dev.stepwise.mfa.factor.totp.TotpSecret;
import dev.stepwise.sample.it.ClusterSoakChecks.Stored;
import dev.stepwise.sample.it.ClusterSoakUsers.User;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLSession;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The soak's checks find what they are there to find: each is fed what a broken cluster would leave behind (a code
 * accepted on both nodes, a lost trusted device, a lockout counted per node, a server error outside the fault
 * window, a page shown without MFA) and must report it, and must stay quiet on what a sound one leaves.
 */
class ClusterSoakChecksTest {

    private static final String AUDIT = "[2026-12-04T18:27:48.403+0000] [] [\u001B[1;92mINFO\u001B[0m] [] "
            + "[dev.stepwise.mfa.audit] [tid: _ThreadID=96] [levelValue: 800] mfa event=";

    private final User alice = new User("tnaliceaaaaa", TotpSecret.generate(), true, false);
    private final User mallet = new User("tnmalletaaaa", TotpSecret.generate(), false, true);

    @Test
    void aTotpCodeAcceptedOnBothNodesIsFoundInTheAuditLines() {
        alice.submittedSteps.add(1000L);
        List<String> once = List.of(line("factor-verified", alice, " factor=totp"));
        List<String> twice = List.of(line("factor-verified", alice, " factor=totp"),
                line("factor-verified", alice, " factor=totp"));

        assertThat(checks(stored(1000), once).doubleAccepts()).isEmpty();
        assertThat(checks(stored(1000), twice).doubleAccepts()).singleElement().asString()
                .contains("2 TOTP codes accepted");
    }

    @Test
    void aStoredStepTheClientNeverSubmittedIsADoubleAccept() {
        alice.submittedSteps.add(1000L);
        assertThat(checks(stored(1001), List.of()).doubleAccepts()).singleElement().asString()
                .contains("last used step 1001");
    }

    @Test
    void moreRecoveryCodesAcceptedThanGoneFromTheDatabaseIsADoubleAccept() {
        alice.recoveryIssued = 10;
        alice.recoveryCodes.addAll(List.of("a", "b", "c", "d", "e", "f", "g", "h")); // two typed
        alice.recoveryAccepted = 1;
        Stored nineLeft = new Stored(apps(0), Map.of(alice.name, new long[] {9}), Map.of());
        List<String> used = List.of(line("recovery-code-used", alice, " remaining=9"));

        assertThat(checks(nineLeft, used).doubleAccepts()).isEmpty();
        assertThat(checks(nineLeft, List.of(used.get(0), used.get(0))).doubleAccepts()).singleElement().asString()
                .contains("2 recovery codes accepted (audit)");
    }

    @Test
    void aTrustedDeviceOrAnAppTheClientSawButTheDatabaseLacksIsLost() {
        alice.trustCookiesSeen = 1;
        Stored noDevice = new Stored(apps(0), Map.of(), Map.of());
        Stored noApp = new Stored(Map.of(mallet.name, new long[] {0, 1}), Map.of(), Map.of(alice.name, new long[] {1}));

        assertThat(checks(noDevice, List.of()).lost()).singleElement().asString().contains("1 trust cookies");
        assertThat(checks(noApp, List.of()).lost()).singleElement().asString().contains("missing");
        assertThat(checks(new Stored(apps(0), Map.of(), Map.of(alice.name, new long[] {1})), List.of()).lost())
                .isEmpty();
    }

    @Test
    void moreFailuresThanTheLockoutAllowsAcrossTheNodesAreFound() {
        List<String> ten = new ArrayList<>(Collections.nCopies(10, line("factor-failed", mallet, " factor=totp")));
        ten.add(line("locked-out", mallet, " factor=totp failures=10"));
        List<String> eleven = new ArrayList<>(ten);
        eleven.add(line("factor-failed", mallet, " factor=totp"));

        assertThat(checks(stored(0), ten).lockoutBroken()).isEmpty();
        assertThat(checks(stored(0), eleven).lockoutBroken()).singleElement().asString().contains("11 failures");
    }

    @Test
    void theRecorderTellsServerErrorsAndLeaksByTheFaultWindow() {
        ClusterSoakRecorder r = new ClusterSoakRecorder();
        r.faultWindow(100, 200);
        r.answered("statements", 0, 10, 20, response(500, "<title>Error</title>"), true);
        r.answered("statements", 0, 150, 160, response(503, "<title>Temporarily unavailable</title>"), true);
        r.answered("statements", 1, 150, 160, response(500, "<title>Something went wrong</title>"), true);
        r.answered("statements", 1, 190, 260, response(503, "<title>Service Unavailable</title>"), true);
        r.answered("account", 0, 300, 310, response(200, "Welcome, <span id=\"user\">x</span>"), true);
        r.answered("statements", 1, 300, 310, response(200, "Statements of tnaliceaaaaa"), false);

        assertThat(r.serverErrorsOutsideWindow()).singleElement().extracting(ClusterSoakRecorder.Sample::start)
                .isEqualTo(10L);
        assertThat(r.badAnswersInWindow()).extracting(ClusterSoakRecorder.Sample::status).containsExactly(500, 503);
        assertThat(r.leaks()).singleElement().extracting(ClusterSoakRecorder.Finding::kind).isEqualTo("statements");
    }

    private ClusterSoakChecks checks(Stored stored, List<String> lines) {
        return ClusterSoakChecks.run(stored, lines, List.of(alice, mallet), 10);
    }

    /** alice's app at {@code lastStep}, mallet's untouched. */
    private Stored stored(long lastStep) {
        return new Stored(apps(lastStep), Map.of(), Map.of());
    }

    /** Both apps stored and active, alice's last used step {@code lastStep}. */
    private Map<String, long[]> apps(long lastStep) {
        return Map.of(alice.name, new long[] {lastStep, 1}, mallet.name, new long[] {0, 1});
    }

    private static String line(String event, User user, String fields) {
        return AUDIT + event + " user=" + user.name + fields + " ip=127.0.0.1 at=2026-12-04T18:27:48Z";
    }

    private static HttpResponse<String> response(int status, String body) {
        return new Answer(status, body);
    }

    /** A response as the client gets it: only the status and the body matter to the recorder. */
    private record Answer(int statusCode, String body) implements HttpResponse<String> {

        private static final URI BASE = URI.create("http://127.0.0.1/bank/");

        @Override
        public HttpRequest request() {
            return HttpRequest.newBuilder(BASE).build();
        }

        @Override
        public Optional<HttpResponse<String>> previousResponse() {
            return Optional.empty();
        }

        @Override
        public HttpHeaders headers() {
            return HttpHeaders.of(Map.of(), (name, value) -> true);
        }

        @Override
        public Optional<SSLSession> sslSession() {
            return Optional.empty();
        }

        @Override
        public URI uri() {
            return BASE;
        }

        @Override
        public HttpClient.Version version() {
            return HttpClient.Version.HTTP_1_1;
        }
    }
}
