package dev.stepwise.sample.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The optional metrics and the store's readiness check on the run's server (docs/operations.md): the counters move
 * by exactly what a sign-in did. Payara Micro serves them through MicroProfile Metrics 5.1 at
 * {@code /metrics?scope=application} on the HTTP port; WildFly (no MicroProfile Metrics) through its micrometer
 * subsystem's Prometheus registry at {@code /prometheus} on the management port (configure.cli). Both write the
 * same Prometheus names. Readiness: Payara Micro serves {@code /health/ready} on the HTTP port, WildFly on its
 * management port once the MicroProfile Health subsystem is on (configure.cli).
 */
@ExtendWith(ArquillianExtension.class)
class MetricsIT {

    private static final String FACTOR = "factor=\"" + TestCodeFactor.ID + "\"";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return StepUpJourneyIT.deployment();
    }

    @ArquillianResource
    URL base;

    @Test
    void aSignInWithOneWrongCodeMovesTheCountersByExactlyThat() throws Exception {
        String user = TestUsers.withTestCode();
        Scrape before = scrape();

        Visitor visitor = new Visitor(base);
        HttpResponse<String> challenge = visitor.signInToChallenge(user);
        assertThat(visitor.answerChallenge(challenge, TestCodeFactor.ID, "000000").statusCode()).isEqualTo(200);
        HttpResponse<String> passed = visitor.answerChallenge(visitor.get("mfa/challenge"), TestCodeFactor.ID,
                TestCodeFactor.CODE);
        assertThat(passed.statusCode()).isEqualTo(303);
        assertThat(visitor.follow(passed).body()).contains(PageParts.welcome(user));

        Scrape after = scrape();
        assertThat(after.delta(before, "stepwise_mfa_challenges_issued_total")).isEqualTo(1);
        assertThat(after.delta(before, "stepwise_mfa_factors_failed_total", FACTOR)).isEqualTo(1);
        assertThat(after.delta(before, "stepwise_mfa_factors_verified_total", FACTOR)).isEqualTo(1);
        assertThat(after.delta(before, "stepwise_mfa_verification_time_seconds_count", FACTOR,
                "outcome=\"rejected\"")).isEqualTo(1);
        assertThat(after.delta(before, "stepwise_mfa_verification_time_seconds_count", FACTOR,
                "outcome=\"verified\"")).isEqualTo(1);
        assertThat(after.delta(before, "stepwise_mfa_lockouts_total")).isZero();
        assertThat(after.delta(before, "stepwise_mfa_trusted_device_sign_ins_total")).isZero();
        assertThat(after.text()).contains("stepwise_mfa_store_errors");
        assertThat(after.delta(before, "stepwise_mfa_store_errors")).isZero();
        assertThat(after.text()).doesNotContain(user);
    }

    @Test
    void aTrustedBrowserCountsATrustedDeviceSignIn() throws Exception {
        String user = TestUsers.withTestCode();
        Scrape before = scrape();

        new Visitor(base).signInTrustingThisDevice(user); // one code, then a new browser with the cookie only

        Scrape after = scrape();
        assertThat(after.delta(before, "stepwise_mfa_trusted_device_sign_ins_total")).isEqualTo(1);
        assertThat(after.delta(before, "stepwise_mfa_factors_verified_total", FACTOR)).isEqualTo(1);
        assertThat(after.delta(before, "stepwise_mfa_factors_failed_total", FACTOR)).isZero();
    }

    @Test
    void tenWrongCodesLockTheAccountOnceAndTheRefusedEleventhIsNotChecked() throws Exception {
        String user = TestUsers.withTestCode();
        Scrape before = scrape();

        HttpResponse<String> last = null;
        for (int attempt = 1; attempt <= 11; attempt++) {
            Visitor attacker = new Visitor(base); // a new session each time; the delays are waited out
            last = attacker.answerChallenge(attacker.signInToChallenge(user), TestCodeFactor.ID,
                    String.format("%06d", attempt));
            attacker.advanceClock("PT5M");
        }
        assertThat(last.statusCode()).isEqualTo(429);

        Scrape after = scrape();
        assertThat(after.delta(before, "stepwise_mfa_lockouts_total", FACTOR)).isEqualTo(1);
        assertThat(after.delta(before, "stepwise_mfa_factors_failed_total", FACTOR)).isEqualTo(10);
        assertThat(after.delta(before, "stepwise_mfa_verification_time_seconds_count", FACTOR,
                "outcome=\"rejected\"")).isEqualTo(10);
        assertThat(after.delta(before, "stepwise_mfa_factors_verified_total", FACTOR)).isZero();
    }

    @Test
    void theStoreIsReady() throws Exception {
        HttpResponse<String> ready = send(health());

        assertThat(ready.statusCode()).as(ready.uri() + " " + ready.body()).isEqualTo(200);
        assertThat(ready.body().replace(" ", "")).contains("\"name\":\"stepwise-mfa-store\"")
                .contains("\"status\":\"UP\"");
        assertThat(ready.body()).doesNotContain("jdbc:").doesNotContain("password");
    }

    private static boolean wildFly() {
        return "wildfly".equals(System.getProperty("it.server"));
    }

    /** WildFly's management interface, where its health and Prometheus endpoints are. */
    private static URI management(String path) {
        return URI.create("http://127.0.0.1:" + System.getProperty("wildfly.managementPort") + path);
    }

    /** The readiness endpoint of the run's server. */
    private URI health() throws Exception {
        return wildFly() ? management("/health/ready") : base.toURI().resolve("/health/ready");
    }

    private Scrape scrape() throws Exception {
        HttpResponse<String> metrics = send(wildFly() ? management("/prometheus")
                : base.toURI().resolve("/metrics?scope=application"));
        assertThat(metrics.statusCode()).as(metrics.uri() + " " + metrics.body()).isEqualTo(200);
        return new Scrape(metrics.body());
    }

    private static HttpResponse<String> send(URI uri) throws IOException, InterruptedException {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build().send(
                HttpRequest.newBuilder(uri).header("Accept", "text/plain").timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A Prometheus text scrape: sums the samples of a metric whose labels contain every given {@code k="v"}. */
    record Scrape(String text) {
        double sum(String metric, String... labels) {
            double total = 0;
            for (String line : text.split("\n")) {
                if (line.startsWith("#") || !(line.startsWith(metric + "{") || line.startsWith(metric + " "))) {
                    continue;
                }
                String series = line.substring(0, line.lastIndexOf(' '));
                boolean all = true;
                for (String label : labels) {
                    all &= series.contains(label);
                }
                if (all) {
                    total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
            return total;
        }

        long delta(Scrape before, String metric, String... labels) {
            return Math.round(sum(metric, labels) - before.sum(metric, labels));
        }
    }
}
