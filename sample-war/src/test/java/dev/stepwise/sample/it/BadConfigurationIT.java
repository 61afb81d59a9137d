package dev.stepwise.sample.it;

import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An administrator mistypes a context parameter: the application must not start half-protected. Boots the
 * sample on a real Payara Micro with {@code stepwise.mfa.login=sometimes} and reads the server's own output
 * (Arquillian cannot deploy an archive that is meant to fail, so this test runs the server itself).
 */
class BadConfigurationIT {

    private static final String FAILED = "Startup of context /broken failed";
    private static final String READY = "Payara Micro ready";

    @Test
    void aBadParameterValueFailsTheDeploymentWithAMessageNamingTheParameterAndFormat(@TempDir Path dir)
            throws Exception {
        JavaArchive badConfig = SampleDeployment.contextParams("stepwise.mfa.path", "mfa/*");
        Path war = dir.resolve("broken.war");
        SampleDeployment.war().addAsLibrary(badConfig).as(ZipExporter.class).exportTo(war.toFile(), true);

        List<String> output = boot(war, dir);

        assertThat(output).anyMatch(l -> l.contains(FAILED));
        assertThat(output).anyMatch(l -> l.contains("stepwise.mfa.path: 'mfa/*' is not valid; expected "
                + "a context-relative path such as /mfa (no trailing slash, no wildcard)"));
    }

    /** Runs Payara Micro until the context failed (or it is ready anyway), then stops it. Bounded. */
    private static List<String> boot(Path war, Path dir) throws IOException, InterruptedException {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + dir, "-jar", System.getProperty("payara.microJar"),
                "--nohazelcast", "--port", "9700", "--autoBindHttp", "--autoBindRange", "200",
                "--prebootcommandfile", System.getProperty("payara.prebootFile"),
                "--rootdir", dir.resolve("root").toString(), "--deploy", war.toString());
        Process server = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> lines = new ArrayList<>();
        CompletableFuture<Void> reading = CompletableFuture.runAsync(() -> {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    synchronized (lines) {
                        lines.add(line);
                    }
                    if (line.contains(FAILED) || line.contains(READY)) {
                        // keep reading a little: the cause follows the failure line
                        for (int i = 0; i < 20 && (line = in.readLine()) != null; i++) {
                            synchronized (lines) {
                                lines.add(line);
                            }
                        }
                        return;
                    }
                }
            } catch (IOException e) {
                // the stream closes when the process is destroyed
            }
        });
        try {
            reading.get(180, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            // fall through: the assertions report what was seen
        } finally {
            server.destroy();
            if (!server.waitFor(30, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }
}
