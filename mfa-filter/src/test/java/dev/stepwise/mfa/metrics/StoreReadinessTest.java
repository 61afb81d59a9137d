package dev.stepwise.mfa.metrics;

import dev.stepwise.mfa.runtime.MfaStorage;
import dev.stepwise.mfa.store.JdbcStore;
import dev.stepwise.mfa.store.SchemaMode;
import dev.stepwise.mfa.store.SecretBox;
import dev.stepwise.mfa.store.StoreFaults;
import dev.stepwise.mfa.store.StoreUnavailableException;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The store's readiness check: UP with a store that answers, DOWN (with nothing about the store) otherwise. */
class StoreReadinessTest {

    @Test
    void aStoreThatAnswersIsUp() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:readiness_" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        ds.setUser("sa");
        JdbcStore store = JdbcStore.open(ds, new SecretBox(SecretBox.generateKey()), SchemaMode.MIGRATE,
                Clock.systemUTC());

        HealthCheckResponse answer = new StoreReadiness(() -> storage(() -> store)).call();

        assertThat(answer.getName()).isEqualTo("stepwise-mfa-store");
        assertThat(answer.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(answer.getData()).isEmpty();
        assertThat(store.ping(Duration.ofMillis(1))).isTrue();
    }

    @Test
    void aStoreThatCannotBeReachedIsDownAndNamesNothing() {
        HealthCheckResponse answer = new StoreReadiness(() -> storage(() -> {
            throw new StoreUnavailableException("the MFA store could not connect to jdbc:postgresql://db.internal/mfa"
                    + " as mfa_owner", new java.sql.SQLException("refused"));
        })).call();

        assertThat(answer.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(answer.getData()).isEmpty();
        assertThat(answer.toString()).doesNotContain("db.internal", "mfa_owner");
    }

    @Test
    void aDatabaseThatStopsAnsweringIsDownAndCountsAStoreError() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:readiness_" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        h2.setUser("sa");
        Failing ds = new Failing(h2);
        JdbcStore store = JdbcStore.open(ds, new SecretBox(SecretBox.generateKey()), SchemaMode.MIGRATE,
                Clock.systemUTC());
        ds.down = true;
        long before = StoreFaults.count();

        assertThatThrownBy(() -> store.ping(Duration.ofSeconds(1))).isInstanceOf(StoreUnavailableException.class);
        assertThat(new StoreReadiness(() -> storage(() -> store)).call().getStatus())
                .isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(StoreFaults.count() - before).isEqualTo(2);
    }

    @Test
    void itIsAReadinessCheckButNoBeanByDiscovery() {
        assertThat(StoreReadiness.class.isAnnotationPresent(Readiness.class)).isTrue();
        assertThat(StoreReadiness.class.getAnnotations()).hasSize(1); // no scope: OptionalBeans adds it
    }

    private static MfaStorage storage(java.util.function.Supplier<JdbcStore> store) {
        return new MfaStorage() {
            @Override
            public JdbcStore store() {
                return store.get();
            }
        };
    }

    /** A data source whose database stops answering when told to. */
    private static final class Failing implements DataSource {
        private final DataSource delegate;
        volatile boolean down;

        Failing(DataSource delegate) {
            this.delegate = delegate;
        }

        @Override
        public Connection getConnection() throws SQLException {
            if (down) {
                throw new SQLException("Connection refused", "08001");
            }
            return delegate.getConnection();
        }

        @Override
        public Connection getConnection(String user, String password) throws SQLException {
            return getConnection();
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() {
            return Logger.getGlobal();
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> type) {
            return false;
        }
    }
}
