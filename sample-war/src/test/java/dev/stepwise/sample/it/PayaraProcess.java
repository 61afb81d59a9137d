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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Payara Micro this test runs itself, for what Arquillian cannot do: deploy an archive that is meant to fail, or
 * give the server system properties and environment variables of its own (no other IT sees them).
 *
 * <pre>{@code
 * try (PayaraProcess server = PayaraProcess.start(war, dir, List.of("-Dname=value"), Map.of("NAME", "value"))) {
 *     List<String> output = server.awaitOutcome();  // until deployed or failed, bounded
 *     URI app = server.url("/bank");
 * }
 * }</pre>
 */
final class PayaraProcess implements AutoCloseable {

    static final String FAILED = "Startup of context ";
    /** e.g. {@code Payara Micro 6.2025.10 (build 42) ready in 68,419 (ms)} */
    static final Pattern READY = Pattern.compile("Payara Micro .*ready in ");

    private static final Pattern URL = Pattern.compile("(http://[^\\s/]+:[0-9]+)(/[A-Za-z0-9_-]+)");

    private final Process server;
    private final List<String> lines = new ArrayList<>();
    private final CompletableFuture<Void> outcome = new CompletableFuture<>();

    private PayaraProcess(Process server) {
        this.server = server;
        Thread reader = new Thread(this::read, "payara-output");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Boots Payara Micro on a free port near 9700 with {@code war} deployed.
     *
     * @param jvmOptions e.g. {@code -Dstepwise.mfa.path=/x}
     * @param environment variables added to this JVM's environment for the server
     */
    static PayaraProcess start(Path war, Path dir, List<String> jvmOptions, Map<String, String> environment)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Djava.io.tmpdir=" + dir);
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", System.getProperty("payara.microJar"),
                "--nohazelcast", "--port", "9700", "--autoBindHttp", "--autoBindRange", "200",
                "--prebootcommandfile", System.getProperty("payara.prebootFile"),
                "--rootdir", dir.resolve("root").toString(), "--deploy", war.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        return new PayaraProcess(builder.start());
    }

    /**
     * The output until the deployment failed (and the 20 lines after, where the cause is) or the server is ready;
     * at most three minutes.
     */
    List<String> awaitOutcome() throws InterruptedException {
        try {
            outcome.get(180, TimeUnit.SECONDS);
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

    /** The base URL Payara Micro printed for {@code contextRoot}, e.g. {@code http://127.0.0.1:9700/bank}. */
    URI url(String contextRoot) {
        for (String line : output()) {
            Matcher m = URL.matcher(line);
            while (m.find()) {
                if (m.group(2).equals(contextRoot)) {
                    return URI.create(m.group(1) + contextRoot);
                }
            }
        }
        throw new IllegalStateException("Payara Micro printed no URL for " + contextRoot + ": " + output());
    }

    private void read() {
        int after = -1;
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                synchronized (lines) {
                    lines.add(line);
                }
                if (after < 0 && READY.matcher(line).find()) {
                    outcome.complete(null);
                } else if (after < 0 && line.contains(FAILED) && line.contains(" failed")) {
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

    @Override
    public void close() throws InterruptedException {
        server.destroy();
        if (!server.waitFor(30, TimeUnit.SECONDS)) {
            server.destroyForcibly();
        }
    }
}
