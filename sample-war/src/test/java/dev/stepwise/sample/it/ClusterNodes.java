package dev.stepwise.sample.it;

import dev.stepwise.mfa.testing.DatabaseServer;
import dev.stepwise.mfa.testing.TestPostgres;
import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Two nodes of the sample on one PostgreSQL schema, as README "Running several nodes" describes: two Payara Micro
 * 6 processes without Hazelcast (no session replication: a browser's session lives on the node that made it), the
 * same WAR ({@link ClusterWar}), the same secret key, the same GreenMail server for email codes. Started once per
 * test JVM, on first use, both at the same time on a fresh, empty schema ({@code stepwise_cluster_<random>}), so
 * that the library's start-up (schema, secret-key check, trust keys) races itself; stopped, and the schema
 * dropped, when the JVM exits.
 *
 * <pre>{@code
 * ClusterNodes cluster = ClusterNodes.shared();
 * Visitor onA = new Visitor(cluster.node(0)), onB = new Visitor(cluster.node(1));
 * try (Connection c = cluster.database().getConnection()) { ... }   // what the nodes wrote
 * }</pre>
 *
 * <p>Each node has its own {@link TestClock}: {@link #advanceClocks} moves all of them by the same amount, so that
 * they stay together; {@link #backstage} reaches one node's clock and audit trail alone.
 */
final class ClusterNodes {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int NODES = 2;

    private static ClusterNodes shared;

    private final String schema;
    private final Postgres postgres;
    private final TestMail mail = new TestMail();
    private final Path dir;
    private final Path war;
    private final Map<String, String> environment;
    private final PayaraProcess[] nodes = new PayaraProcess[NODES];
    private final int[] ports = new int[NODES];
    private final URL[] urls = new URL[NODES];
    private final List<List<String>> earlier = new ArrayList<>();
    private Duration startup;
    /** How far {@link #advanceClocks} has moved the clocks: a restarted node's clock is moved as far. */
    private Duration advanced = Duration.ZERO;

    /** Where the PostgreSQL server is, and as whom to connect. */
    record Postgres(String url, String user, String password) {
    }

    private ClusterNodes(Postgres postgres) throws IOException {
        this.postgres = postgres;
        this.schema = "stepwise_cluster_" + HexFormat.of().formatHex(randomBytes(6));
        this.dir = Files.createTempDirectory("stepwise-cluster");
        byte[] key = randomBytes(32);
        this.environment = Map.of("STEPWISE_MFA_SECRET_KEY", Base64.getEncoder().encodeToString(key));
        this.war = ClusterWar.write(dir.resolve(SampleDeployment.ARCHIVE_NAME),
                withParameters(postgres.url(), "currentSchema=" + schema + "&ApplicationName=" + applicationName()),
                postgres.user(), postgres.password(), mail);
        for (int i = 0; i < NODES; i++) {
            earlier.add(new ArrayList<>());
        }
    }

    /**
     * The PostgreSQL server of the run, as for every store test ({@link TestPostgres}): the one named by
     * {@code STEPWISE_TEST_POSTGRES_URL} or {@code -Dstepwise.test.postgres.url}, else an embedded one started in
     * this test JVM.
     */
    static Postgres postgres() {
        DatabaseServer server = TestPostgres.server();
        return new Postgres(server.url(), server.user(), server.password());
    }

    /** The nodes of this test JVM: started on first call (both at once, a few minutes at most). */
    static synchronized ClusterNodes shared() {
        if (shared != null) {
            shared.reviveDeadNodes();
        }
        if (shared == null) {
            try {
                ClusterNodes cluster = new ClusterNodes(postgres());
                Runtime.getRuntime().addShutdownHook(new Thread(cluster::close, "cluster-nodes-stop"));
                cluster.start();
                shared = cluster;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return shared;
    }

    private void start() throws IOException, InterruptedException {
        execute("CREATE SCHEMA " + schema);
        long began = System.nanoTime();
        for (int i = 0; i < NODES; i++) {
            ports[i] = freePort();
            if (i > 0 && ports[i] == ports[i - 1]) {
                ports[i] = freePort();
            }
            launch(i);
        }
        for (int i = 0; i < NODES; i++) {
            awaitDeployed(i);
        }
        startup = Duration.ofNanos(System.nanoTime() - began);
        System.out.printf("Cluster: %d nodes started at once on schema %s in %d s: %s %s%n", NODES, schema,
                startup.toSeconds(), urls[0], urls[1]);
    }

    private void launch(int i) throws IOException {
        Path nodeDir = Files.createDirectories(dir.resolve("node" + i));
        nodes[i] = PayaraProcess.start(war, nodeDir, List.of("-Xmx512m", "-Dstepwise.cluster.node=" + i),
                environment, ports[i]);
    }

    private void awaitDeployed(int i) throws InterruptedException {
        urls[i] = null;
        List<String> output = nodes[i].awaitOutcome();
        if (!nodes[i].deployed(SampleDeployment.CONTEXT_ROOT)) {
            throw new IllegalStateException("node " + i + " did not deploy the sample:\n"
                    + String.join("\n", output.subList(Math.max(0, output.size() - 80), output.size())));
        }
        try {
            urls[i] = new URL(nodes[i].url(SampleDeployment.CONTEXT_ROOT) + "/");
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Node {@code i}'s base URL (0 = A, 1 = B), ending with {@code /bank/}. */
    URL node(int i) {
        return urls[i];
    }

    int size() {
        return NODES;
    }

    /** How long the first start of both nodes (at the same time) took, until both had deployed the sample. */
    Duration startup() {
        return startup;
    }

    /** A datasource on the nodes' schema, for checks (not counted among the nodes' connections). */
    DataSource database() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(withParameters(postgres.url(), "currentSchema=" + schema + "&ApplicationName=" + schema + "_test"));
        ds.setUser(postgres.user());
        ds.setPassword(postgres.password());
        return ds;
    }

    /** The schema the nodes use. */
    String schema() {
        return schema;
    }

    /** The PostgreSQL {@code application_name} of every connection the nodes make (and of no other). */
    String applicationName() {
        return schema;
    }

    /** Node {@code i}'s log lines so far, of every process it ran (a restarted node's earlier ones first). */
    List<String> output(int i) {
        List<String> all = new ArrayList<>(earlier.get(i));
        if (nodes[i] != null) {
            all.addAll(nodes[i].output());
        }
        return all;
    }

    /**
     * Node {@code i}'s log lines that {@code wanted} matches, once there is one (the lines reach this JVM through a
     * pipe, a moment after the request that logged them was answered); empty if none came within ten seconds.
     */
    List<String> awaitOutput(int i, java.util.function.Predicate<String> wanted) throws InterruptedException {
        for (int tries = 0; tries < 100; tries++) {
            List<String> found = output(i).stream().filter(wanted).toList();
            if (!found.isEmpty()) {
                return found;
            }
            Thread.sleep(100);
        }
        return List.of();
    }

    /** The SMTP server both nodes send email codes to. */
    TestMail mail() {
        return mail;
    }

    /** Node {@code i}'s test hooks (its clock, its audit trail). */
    Backstage backstage(int i) {
        return new Backstage(urls[i]);
    }

    /**
     * Moves every node's clock forward by {@code by}: the nodes' clocks stay together (to the millisecond: they
     * run on this machine's clock). Move them this way only; a node's clock alone, through {@link #backstage},
     * is a clock skew between the nodes (a node whose clock is behind refuses attempts until it has caught up
     * with another node's last failure).
     */
    synchronized void advanceClocks(Duration by) throws IOException, InterruptedException {
        for (int i = 0; i < NODES; i++) {
            if (nodes[i] != null) {
                backstage(i).advanceClock(by.toString());
            }
        }
        advanced = advanced.plus(by);
    }

    /** Stops every node's clock ({@code true}) or lets them all run on ({@code false}). */
    void stopClocks(boolean stop) throws IOException, InterruptedException {
        for (int i = 0; i < NODES; i++) {
            if (nodes[i] != null) {
                backstage(i).stopClock(stop);
            }
        }
    }

    /** Kills node {@code i} at once (no shutdown), as a node that dies. {@link #restart} brings it back. */
    synchronized void kill(int i) throws InterruptedException {
        if (nodes[i] != null) {
            earlier.get(i).addAll(nodes[i].output());
            nodes[i].kill();
            nodes[i] = null;
        }
    }

    /**
     * Stops node {@code i} (gracefully, if it runs) and starts it again on its port, with the same WAR; returns
     * when it has deployed, its clock moved as far as {@link #advanceClocks} moved the others.
     */
    synchronized void restart(int i) throws IOException, InterruptedException {
        if (nodes[i] != null) {
            earlier.get(i).addAll(nodes[i].output());
            nodes[i].close();
        }
        launch(i);
        awaitDeployed(i);
        if (!advanced.isZero()) { // the nodes share the machine's clock: the same offset puts it in step exactly
            backstage(i).advanceClock(advanced.toString());
        }
    }

    /**
     * Starts again every node an earlier test left dead (a kill, or a restart that did not deploy), so that one
     * test's failure does not fail the next test classes for a reason of its own.
     */
    private synchronized void reviveDeadNodes() {
        for (int i = 0; i < NODES; i++) {
            if (nodes[i] == null || urls[i] == null) {
                try {
                    restart(i);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    /** Whether node {@code i} is running. */
    synchronized boolean running(int i) {
        return nodes[i] != null;
    }

    private synchronized void close() {
        for (int i = 0; i < NODES; i++) {
            try {
                if (nodes[i] != null) {
                    nodes[i].close();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        mail.server().stop();
        try {
            execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (IllegalStateException e) {
            // the JVM is exiting: a schema left behind is named stepwise_cluster_*, for whoever cleans up
        }
    }

    private void execute(String sql) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(postgres.url());
        ds.setUser(postgres.user());
        ds.setPassword(postgres.password());
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + postgres.url() + " refused: " + sql, e);
        }
    }

    private static String withParameters(String url, String parameters) {
        return url + (url.contains("?") ? "&" : "?") + parameters;
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
