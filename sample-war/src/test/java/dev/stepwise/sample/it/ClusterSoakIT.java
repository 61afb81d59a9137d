package dev.stepwise.sample.it;

import dev.stepwise.mfa.factor.totp.TotpSecret;
import dev.stepwise.sample.it.ClusterSoakUsers.User;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Load and faults on two nodes sharing one PostgreSQL ({@link ClusterNodes}): many virtual users run the mix of
 * {@link ClusterSoakJourneys} against both nodes for {@code soak.duration} (ISO-8601, default PT60S; by hand
 * PT5M, see {@code sample-war/src/bench/cluster-soak.sh}). Half-way through, the nodes' database connections are
 * terminated again and again for {@code soak.fault} (PT5S).
 *
 * <p>Asserted afterwards: no server error outside the fault window and nothing but the library's 503 inside it;
 * nothing needing MFA given to a session without it; no code accepted twice (replays at once on the other node,
 * the database, the audit lines of both nodes); the lockout counted across the nodes; nothing the client saw
 * committed lost; both nodes serving sign-ins again after the window by themselves. Latencies (p50/p99 per
 * request kind) go to {@code target/cluster-soak-report.md} and are never asserted.
 */
class ClusterSoakIT {

    private static final Duration DURATION = Duration.parse(System.getProperty("soak.duration", "PT60S"));
    private static final Duration FAULT = Duration.parse(System.getProperty("soak.fault", "PT5S"));
    private static final int VIRTUAL_USERS = Integer.getInteger("soak.users", 8);
    private static final int ACCOUNTS = Integer.getInteger("soak.accounts", 150);
    private static final int TRUSTING = Integer.getInteger("soak.trusting", 40);
    private static final int WRONG_CODE_ACCOUNTS = Integer.getInteger("soak.wrong-code-accounts", 6);
    private static final int RECOVERY_ACCOUNTS = Integer.getInteger("soak.recovery-accounts", 4);
    private static final int ENROLMENTS = Integer.getInteger("soak.enrolments", 30);
    /** {@code stepwise.mfa.lockout.max-failures} of the sample's web.xml. */
    private static final int MAX_FAILURES = 10;
    private static final Path REPORT = Path.of(System.getProperty("soak.report", "target/cluster-soak-report.md"));

    /** Request kinds whose success needs the library's store: a code checked, a login policy decided. */
    private static final java.util.Set<String> NEEDS_DATABASE = java.util.Set.of("account-before-mfa", "code",
            "trusted-account", "recovery-code", "step-up-code");

    private final ClusterNodes nodes = ClusterNodes.shared();
    private final HttpClient http = ClusterSoakBrowser.sharedClient();
    private final ClusterSoakUsers users = new ClusterSoakUsers();

    @Test
    void mixedTrafficOnBothNodesWithTheDatabaseGoingAwayGrantsNothingAndLosesNothing() throws Exception {
        int[] logged = new int[nodes.size()]; // the nodes' lines so far: other tests' (the nodes are shared)
        for (int i = 0; i < nodes.size(); i++) {
            logged[i] = nodes.output(i).size();
        }
        prepareAccounts();
        ClusterSoakRecorder recorder = new ClusterSoakRecorder();
        ClusterSoakFaults faults = new ClusterSoakFaults(nodes.database(), nodes.applicationName());
        String loadBefore = loadAverage();
        long started = System.nanoTime();
        runLoad(recorder, faults);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        awaitLastAuditLines();

        Map<String, Integer> problems = new TreeMap<>();
        List<String> output = nodeLines(logged, problems);
        ClusterSoakChecks checks = ClusterSoakChecks.run(nodes.database(), output, users.all(), MAX_FAILURES);
        List<String> unconfirmed = ClusterSoakChecks.unconfirmedEnrolments(nodes.database(), users.unconfirmed());
        ClusterSoakReport report = report(recorder, faults, checks, took)
                .findings("Set-ups of an authenticator app answered with a server error: what the database holds "
                        + "(not asserted)", unconfirmed)
                .line("Load average (1, 5, 15 min) before the run: " + loadBefore + ", after: " + loadAverage()
                        + ", on " + Runtime.getRuntime().availableProcessors() + " cores.\n")
                .findings("What the nodes logged as going wrong (by message: count)", problems.entrySet().stream()
                        .map(e -> e.getKey() + ": " + e.getValue()).toList());
        report.writeTo(REPORT);
        System.out.println(report.text());
        assertAll(recorder, faults, checks);
    }

    /**
     * Both nodes' log lines after the first {@code logged[i]} (the audit lines among them), also written beside the
     * report; what went wrong in them is counted into {@code problems}.
     */
    private List<String> nodeLines(int[] logged, Map<String, Integer> problems) throws java.io.IOException {
        List<String> output = new ArrayList<>();
        Files.createDirectories(REPORT.toAbsolutePath().getParent());
        for (int i = 0; i < nodes.size(); i++) {
            List<String> all = nodes.output(i);
            List<String> lines = all.subList(Math.min(logged[i], all.size()), all.size());
            output.addAll(lines);
            ClusterSoakChecks.problems(i, lines, problems);
            Files.write(REPORT.resolveSibling("cluster-soak-node" + i + ".log"), lines);
        }
        return output;
    }

    /**
     * Gives the accounts their authenticator apps (provisioned with secrets the client knows, on the nodes in turn)
     * and lets a few new users set one up through the pages, for their recovery codes; nothing of this is timed.
     */
    private void prepareAccounts() throws Exception {
        followNodeClocks();
        int total = ACCOUNTS + WRONG_CODE_ACCOUNTS;
        for (int i = 0; i < total; i++) {
            String name = TestUsers.withoutFactor();
            TotpSecret secret = TotpSecret.generate();
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(nodes.node(i % nodes.size())
                            + "it/provision")).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("user=" + name + "&secret=" + secret.base32())).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200 || !r.body().equals("provisioned")) {
                throw new AssertionError("not provisioned: " + r.statusCode() + " " + r.body());
            }
            users.add(new User(name, secret, i < TRUSTING, i >= ACCOUNTS));
        }
        ClusterSoakRecorder setup = new ClusterSoakRecorder();
        ClusterSoakJourneys journeys = journeys(setup);
        for (int i = 0; i < RECOVERY_ACCOUNTS; i++) {
            journeys.enrol(new Random(i));
        }
        if (!setup.unexpected(false).isEmpty() || !setup.serverErrorsOutsideWindow().isEmpty()) {
            throw new AssertionError("the set-up went wrong: " + setup.unexpected(false)
                    + setup.serverErrorsOutsideWindow());
        }
    }

    /**
     * Waits until every audit line of the run has come through the nodes' output pipes: a fresh user's sign-in on
     * each node logs a challenge after all of them, and a pipe keeps the order.
     */
    private void awaitLastAuditLines() throws Exception {
        for (int i = 0; i < nodes.size(); i++) {
            String marker = TestUsers.withTestCode();   // has a factor: the sign-in logs a challenge
            Visitor last = new Visitor(nodes.node(i));
            last.signIn(marker);
            last.get("account");
            assertThat(nodes.awaitOutput(i, l -> l.contains(" user=" + marker + " "))).as("node %d's log", i)
                    .isNotEmpty();
        }
    }

    /**
     * Codes are computed at the nodes' time: their test clocks run together with the real time, maybe moved forward
     * by an earlier test. A node whose clock is not with the others' would refuse codes: the run stops before.
     */
    private void followNodeClocks() throws Exception {
        Backstage node0 = new Backstage(nodes.node(0));
        Instant before = node0.serverTime();
        Thread.sleep(1_100);
        Instant first = node0.serverTime();
        if (!first.isAfter(before.plusSeconds(1))) {
            throw new AssertionError("node 0's test clock stands still (an earlier test stopped it): codes would "
                    + "be refused");
        }
        ClusterSoakUsers.followNodeClock(first);
        for (int i = 1; i < nodes.size(); i++) {
            Duration apart = Duration.between(first, new Backstage(nodes.node(i)).serverTime()).abs();
            if (apart.compareTo(Duration.ofSeconds(5)) > 0) {
                throw new AssertionError("node " + i + "'s clock is " + apart + " away from node 0's");
            }
        }
    }

    private ClusterSoakJourneys journeys(ClusterSoakRecorder recorder) {
        return new ClusterSoakJourneys(http, recorder, nodes::node, nodes.size(), users, this::mailedCode,
                ENROLMENTS);
    }

    /** The virtual users until the deadline; half-way, the fault. */
    private void runLoad(ClusterSoakRecorder recorder, ClusterSoakFaults faults) throws Exception {
        ClusterSoakJourneys journeys = journeys(recorder);
        long deadline = System.nanoTime() + DURATION.toNanos();
        ExecutorService vus = Executors.newFixedThreadPool(VIRTUAL_USERS);
        try {
            for (int i = 0; i < VIRTUAL_USERS; i++) {
                long seed = i;
                vus.submit(() -> journeys.run(deadline, seed));
            }
            Thread.sleep(DURATION.minus(FAULT).dividedBy(2).toMillis());
            faults.run(FAULT, Duration.ofMillis(100), recorder);
        } finally {
            vus.shutdown();
            if (!vus.awaitTermination(DURATION.toSeconds() + 120, TimeUnit.SECONDS)) {
                vus.shutdownNow();
                throw new AssertionError("the virtual users did not stop");
            }
        }
    }

    /** The machine's load average (Linux), or "unknown". */
    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (java.io.IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /** The code in the first mail to {@code address}, waiting up to 10 s for it. */
    private Optional<String> mailedCode(String address) {
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        try {
            while (System.nanoTime() < until) {
                for (jakarta.mail.internet.MimeMessage m : nodes.mail().server().getReceivedMessages()) {
                    if (m.getAllRecipients()[0].toString().equals(address)) {
                        return Optional.of(TestMail.codeIn(m));
                    }
                }
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
        return Optional.empty();
    }

    private ClusterSoakReport report(ClusterSoakRecorder recorder, ClusterSoakFaults faults, ClusterSoakChecks checks,
                                     Duration took) {
        List<User> all = users.all();
        return new ClusterSoakReport("Cluster soak: " + nodes.size() + " nodes, " + DURATION + ", "
                + VIRTUAL_USERS + " virtual users")
                .line(String.format("Accounts: %d (%d keep a trust cookie, %d only type wrong codes, %d set up their "
                                + "app through the pages during the run or before it). Run took %d s.%n", all.size(),
                        TRUSTING, WRONG_CODE_ACCOUNTS, all.stream().filter(u -> u.enrolmentSeen).count(),
                        took.toSeconds()))
                .kinds(recorder, DURATION)
                .line(String.format("Fault: %s of pg_terminate_backend on the nodes' connections, every 100 ms from "
                                + "%.1f s into the run: %d backends terminated in %d rounds.%n", FAULT,
                        0.0 + DURATION.minus(FAULT).dividedBy(2).toMillis() / 1000.0, faults.killed(), faults.rounds()))
                .window(recorder)
                .line(String.format("Replays of an accepted code on the other node refused: %d. Audit lines read: %d, "
                        + "by event: %s.%n", recorder.replaysRefused(), checks.auditLines(), checks.eventCounts()))
                .findings("Server errors outside the fault window", recorder.serverErrorsOutsideWindow())
                .findings("Answers in the fault window other than the library's 503", recorder.badAnswersInWindow())
                .findings("Protected content or actions without MFA", recorder.leaks())
                .findings("Codes accepted twice (client)", recorder.doubleAccepts())
                .findings("Codes accepted twice (database, audit)", checks.doubleAccepts())
                .findings("Lockout not held across nodes", checks.lockoutBroken())
                .findings("Committed and lost", checks.lost())
                .findings("Unexpected answers outside the fault window", recorder.unexpected(false))
                .findings("Unexpected answers in the fault window (not asserted)", recorder.unexpected(true))
                .findings("The container's 403 to a signed-in session (Payara under load; not asserted)",
                        recorder.containerRefusals());
    }

    private void assertAll(ClusterSoakRecorder recorder, ClusterSoakFaults faults, ClusterSoakChecks checks) {
        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(faults.killed()).as("node connections terminated").isPositive();
        soft.assertThat(recorder.replaysRefused()).as("replays refused").isPositive();
        soft.assertThat(recorder.serverErrorsOutsideWindow()).as("server errors outside the fault window").isEmpty();
        soft.assertThat(recorder.badAnswersInWindow()).as("answers other than the library's 503 in the window")
                .isEmpty();
        soft.assertThat(recorder.leaks()).as("protected content or actions without MFA").isEmpty();
        soft.assertThat(recorder.doubleAccepts()).as("codes accepted twice (client)").isEmpty();
        soft.assertThat(checks.doubleAccepts()).as("codes accepted twice (database, audit)").isEmpty();
        soft.assertThat(checks.lockoutBroken()).as("lockout across nodes").isEmpty();
        soft.assertThat(checks.lost()).as("committed and lost").isEmpty();
        soft.assertThat(recorder.unexpected(false)).as("unexpected answers outside the fault window").isEmpty();
        for (int i = 0; i < nodes.size(); i++) {
            soft.assertThat(recorder.succeededAfterWindow(i, NEEDS_DATABASE))
                    .as("answers on node " + i + " after the window that needed the database").isPositive();
        }
        soft.assertAll();
    }
}
