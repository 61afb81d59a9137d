package dev.stepwise.sample.it;

import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An administrator mistypes a context parameter: the application must not start half-protected. Boots the
 * sample on the run's real server (Payara Micro or WildFly) with a bad {@code stepwise.mfa.path} and reads the
 * server's own output (Arquillian cannot deploy an archive that is meant to fail, so this test runs the server
 * itself).
 */
class BadConfigurationIT {

    @Test
    void aBadParameterValueFailsTheDeploymentWithAMessageNamingTheParameterAndFormat(@TempDir Path dir)
            throws Exception {
        JavaArchive badConfig = SampleDeployment.contextParams("stepwise.mfa.path", "mfa/*");
        Path war = dir.resolve("broken.war");
        SampleDeployment.war().addAsLibrary(badConfig).as(ZipExporter.class).exportTo(war.toFile(), true);

        try (ServerProcess server = ServerProcess.start(war, dir, List.of(), Map.of())) {
            List<String> output = server.awaitOutcome();

            assertThat(server.failed("/broken")).as("the deployment failed: %s", output).isTrue();
            assertThat(output).anyMatch(l -> l.contains("stepwise.mfa.path: 'mfa/*' is not valid; expected "
                    + "a context-relative path such as /mfa (no trailing slash, no wildcard) "
                    + "(value from the web.xml context parameter)"));
        }
    }
}
