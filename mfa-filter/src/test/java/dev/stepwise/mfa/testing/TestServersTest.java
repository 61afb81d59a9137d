package dev.stepwise.mfa.testing;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the tests find their database servers (TestPostgres, TestMariaDb): which setting names a server, when the
 * MariaDB tests are skipped rather than failed, and what the messages tell a developer to do.
 */
class TestServersTest {

    @Test
    void aSystemPropertyNamesTheServerBeforeTheEnvironmentAndBlankNamesNone() {
        Map<String, String> props = Map.of("stepwise.test.postgres.url", "jdbc:postgresql://db:5432/p");
        Map<String, String> env = Map.of("STEPWISE_TEST_POSTGRES_URL", "jdbc:postgresql://env:5432/e",
                "STEPWISE_TEST_POSTGRES_USER", "alice", "STEPWISE_TEST_POSTGRES_PASSWORD", "pw");

        ServerSetting fromProperty = ServerSetting.named("postgres", "postgres", props::get, env::get);
        assertThat(fromProperty.url()).isEqualTo("jdbc:postgresql://db:5432/p");
        assertThat(fromProperty.user()).isEqualTo("postgres");
        assertThat(fromProperty.origin()).contains("-Dstepwise.test.postgres.url");

        ServerSetting fromEnvironment = ServerSetting.named("postgres", "postgres",
                Map.of("stepwise.test.postgres.url", " ")::get, env::get);
        assertThat(fromEnvironment.url()).isEqualTo("jdbc:postgresql://env:5432/e");
        assertThat(fromEnvironment.user()).isEqualTo("alice");
        assertThat(fromEnvironment.password()).isEqualTo("pw");
        assertThat(fromEnvironment.server().toString()).contains("STEPWISE_TEST_POSTGRES_URL").doesNotContain("pw");

        assertThat(ServerSetting.named("mariadb", "root", props::get, env::get)).isNull();
    }

    @Test
    void mariaDbIsSkippedOnlyWhenNoneIsNamedAndNothingListensOnTheDefaultPort() {
        assertThat(TestMariaDb.choose(false, false, false)).isEqualTo(TestMariaDb.Choice.SKIP);
        assertThat(TestMariaDb.choose(false, true, false)).isEqualTo(TestMariaDb.Choice.FAIL);
        assertThat(TestMariaDb.choose(false, true, true)).isEqualTo(TestMariaDb.Choice.USE);
        assertThat(TestMariaDb.choose(true, false, false)).isEqualTo(TestMariaDb.Choice.FAIL);
        assertThat(TestMariaDb.choose(true, true, false)).isEqualTo(TestMariaDb.Choice.FAIL);
        assertThat(TestMariaDb.choose(true, true, true)).isEqualTo(TestMariaDb.Choice.USE);
    }

    @Test
    void aPortIsSeenListeningOnlyWhileSomethingListensOnIt() throws IOException {
        int port;
        try (ServerSocket open = new ServerSocket(0)) {
            port = open.getLocalPort();
            assertThat(TestMariaDb.listens("jdbc:mariadb://127.0.0.1:" + port + "/")).isTrue();
        }
        assertThat(TestMariaDb.listens("jdbc:mariadb://127.0.0.1:" + port + "/")).isFalse();
    }

    @Test
    void asRootWithoutANamedServerTheEmbeddedPostgresIsRefusedSayingHowToNameOne() {
        assertThat(TestPostgres.refusalToStartEmbedded("builder")).isNull();
        assertThat(TestPostgres.refusalToStartEmbedded("root"))
                .contains("cannot run as root")
                .contains("STEPWISE_TEST_POSTGRES_URL=jdbc:postgresql://127.0.0.1:5432/test")
                .contains("-Dstepwise.test.postgres.url=");
    }

    @Test
    void aNamedPostgresThatDoesNotAnswerIsReportedWithWhatToDo() throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        DatabaseServer gone = new DatabaseServer("jdbc:postgresql://127.0.0.1:" + closed + "/test", "postgres", "",
                "named by STEPWISE_TEST_POSTGRES_URL");
        assertThat(TestPostgres.unanswered(gone))
                .contains("does not answer").contains(String.valueOf(closed)).contains("Start that server");
    }
}
