package dev.stepwise.sample.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A server this test runs itself, for what Arquillian cannot do: deploy an archive that is meant to fail, or give
 * the server system properties and environment variables of its own (no other IT sees them). Which server is the
 * failsafe run's: system property {@code it.server} ({@code payara}, {@code payara7} or {@code wildfly}).
 *
 * <pre>{@code
 * try (ServerProcess server = ServerProcess.start(war, dir, List.of("-Dname=value"), Map.of("NAME", "value"))) {
 *     List<String> output = server.awaitOutcome();  // until started or failed, bounded
 *     assertThat(server.deployed("/bank")).isTrue();
 *     URI app = server.url("/bank");
 * }
 * }</pre>
 */
abstract class ServerProcess implements AutoCloseable {

    private final Process server;
    private final List<String> lines = new ArrayList<>();
    private final CompletableFuture<Void> outcome = new CompletableFuture<>();

    ServerProcess(ProcessBuilder command) throws IOException {
        this.server = command.redirectErrorStream(true).start();
        Thread reader = new Thread(this::read, "server-output");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Boots the failsafe run's server with {@code war} deployed, in {@code dir}.
     *
     * @param jvmOptions  e.g. {@code -Dstepwise.mfa.path=/x}
     * @param environment variables added to this JVM's environment for the server
     */
    static ServerProcess start(Path war, Path dir, List<String> jvmOptions, Map<String, String> environment)
            throws IOException {
        return "wildfly".equals(System.getProperty("it.server"))
                ? WildFlyProcess.start(war, dir, jvmOptions, environment)
                : PayaraProcess.start(war, dir, jvmOptions, environment);
    }

    /** Whether {@code line} says the server finished starting (with or without failed deployments). */
    abstract boolean isStarted(String line);

    /** Whether {@code line} says a deployment failed (the cause follows in the next lines). */
    abstract boolean isFailure(String line);

    /** Whether the output says the application at {@code contextRoot} failed to start. */
    abstract boolean failed(String contextRoot);

    /** The base URL of the application at {@code contextRoot}, e.g. {@code http://127.0.0.1:9700/bank}. */
    abstract URI url(String contextRoot);

    /** Whether the server started and the application at {@code contextRoot} did not fail. */
    boolean deployed(String contextRoot) {
        return output().stream().anyMatch(this::isStarted) && !failed(contextRoot);
    }

    /**
     * The output until the deployment failed (and the 20 lines after, where the cause is) or the server started;
     * at most ten minutes (a boot takes 4-20 s on a quiet machine, but took more than three minutes beside
     * several builds: the bound is only there so that a hung server cannot hang the run).
     */
    List<String> awaitOutcome() throws InterruptedException {
        try {
            outcome.get(600, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // fall through: the assertions report what was seen
        }
        return output();
    }

    /** Everything the server printed so far. */
    List<String> output() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    private void read() {
        int after = -1;
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                synchronized (lines) {
                    lines.add(line);
                }
                if (isStarted(line)) { // after a failure too: the cause came before
                    outcome.complete(null);
                } else if (after < 0 && isFailure(line)) {
                    after = 0;
                } else if (after >= 0 && ++after >= 20) { // keep reading a little: the cause follows the failure
                    outcome.complete(null);
                }
            }
        } catch (IOException e) {
            // the stream closes when the process is destroyed
        } finally {
            outcome.complete(null);
        }
    }

    /** Kills the server at once (SIGKILL, no shutdown): a node that dies. */
    void kill() throws InterruptedException {
        server.descendants().forEach(ProcessHandle::destroyForcibly);
        server.destroyForcibly();
        server.waitFor(30, TimeUnit.SECONDS);
    }

    /** Stops the server and whatever it started (a launcher script's JVM is its child). */
    @Override
    public void close() throws InterruptedException {
        server.descendants().forEach(ProcessHandle::destroy);
        server.destroy();
        if (!server.waitFor(30, TimeUnit.SECONDS)) {
            server.descendants().forEach(ProcessHandle::destroyForcibly);
            server.destroyForcibly();
        }
    }
}
