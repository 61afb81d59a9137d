package dev.stepwise.sample.it;

import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An administrator mistypes a context parameter: the application must not start half-protected. Boots the
 * sample on a real Payara Micro with {@code stepwise.mfa.login=sometimes} and reads the server's own output
 * (Arquillian cannot deploy an archive that is meant to fail, so this test runs the server itself).
 */
class BadConfigurationIT {

    private static final String FAILED = "Startup of context /broken failed";

    @Test
    void aBadParameterValueFailsTheDeploymentWithAMessageNamingTheParameterAndFormat(@TempDir Path dir)
            throws Exception {
        JavaArchive badConfig = SampleDeployment.contextParams("stepwise.mfa.path", "mfa/*");
        Path war = dir.resolve("broken.war");
        SampleDeployment.war().addAsLibrary(badConfig).as(ZipExporter.class).exportTo(war.toFile(), true);

        List<String> output = boot(war, dir);

        assertThat(output).anyMatch(l -> l.contains(FAILED));
        assertThat(output).anyMatch(l -> l.contains("stepwise.mfa.path: 'mfa/*' is not valid; expected "
                + "a context-relative path such as /mfa (no trailing slash, no wildcard) "
                + "(value from the web.xml context parameter)"));
    }

    /** Runs Payara Micro until the context failed (or it is ready anyway), then stops it. Bounded. */
    private static List<String> boot(Path war, Path dir) throws IOException, InterruptedException {
        try (PayaraProcess server = PayaraProcess.start(war, dir, List.of(), Map.of())) {
            return server.awaitOutcome();
        }
    }
}
