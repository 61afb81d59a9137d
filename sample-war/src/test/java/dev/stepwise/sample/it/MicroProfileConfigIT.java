package dev.stepwise.sample.it;

import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One WAR configured per environment: on the run's server (Payara Micro and WildFly have MicroProfile Config) an
 * environment variable and a system property reach the library and win over {@code web.xml}. Each test runs its
 * own server with its own environment and {@code -D} options, so no other IT sees them.
 */
class MicroProfileConfigIT {

    @Test
    void anEnvironmentVariableMovesTheLibrarysPages(@TempDir Path dir) throws Exception {
        Path war = sample(dir);

        try (ServerProcess server = ServerProcess.start(war, dir, List.of(),
                Map.of("STEPWISE_MFA_PATH", "/second-factor"))) {
            List<String> output = server.awaitOutcome();
            assertThat(server.deployed(SampleDeployment.CONTEXT_ROOT)).as("deployed: %s", output).isTrue();
            URI bank = server.url(SampleDeployment.CONTEXT_ROOT);

            assertThat(status(bank + "/mfa/challenge")).isEqualTo(404);
            assertThat(status(bank + "/second-factor/challenge")).isNotEqualTo(404);
            assertThat(status(bank + "/second-factor/enroll")).isNotEqualTo(404);
        }
    }

    @Test
    void aSystemPropertyOverridesWebXmlAndItsBadValueIsReportedWithItsSource(@TempDir Path dir) throws Exception {
        Path war = sample(dir); // web.xml sets stepwise.mfa.lockout.max-failures to 10

        try (ServerProcess server = ServerProcess.start(war, dir,
                List.of("-Dstepwise.mfa.lockout.max-failures=1000"), Map.of())) {
            List<String> output = server.awaitOutcome();

            assertThat(server.failed(SampleDeployment.CONTEXT_ROOT)).as("the deployment failed: %s", output).isTrue();
            // the source's name is the server's: SystemProperty on Payara, SysPropConfigSource on WildFly
            assertThat(output).anyMatch(l -> l.matches(".*stepwise.mfa.lockout.max-failures: '1000' is not valid; "
                    + "expected a whole number from 1 to 100 \\(value from the MicroProfile Config source "
                    + "(SystemProperty|SysPropConfigSource)\\).*"));
        }
    }

    private static Path sample(Path dir) {
        Path war = dir.resolve(SampleDeployment.ARCHIVE_NAME);
        SampleDeployment.war().as(ZipExporter.class).exportTo(war.toFile(), true);
        return war;
    }

    private static int status(String url) throws Exception {
        HttpResponse<Void> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.discarding());
        return response.statusCode();
    }
}
