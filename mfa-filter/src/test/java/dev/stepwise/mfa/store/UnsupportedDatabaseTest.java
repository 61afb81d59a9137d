package dev.stepwise.mfa.store;

import dev.stepwise.mfa.MutableClock;
import dev.stepwise.mfa.runtime.MfaConfiguration;
import dev.stepwise.mfa.runtime.MfaStorage;
import dev.stepwise.mfa.runtime.config.MfaConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import javax.naming.Context;
import javax.naming.NameNotFoundException;
import javax.naming.spi.InitialContextFactory;
import javax.sql.DataSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Hashtable;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A data source of a database the store has no dialect for (Derby is GlassFish's default, HSQLDB TomEE's) fails
 * {@link JdbcStore#open} with one message that names what was found, what is supported and how to configure it, and
 * before anything is written. The database under the metadata is H2, so "nothing written" can be looked at.
 */
class UnsupportedDatabaseTest {

    static final byte[] BOX_KEY = "0123456789abcdef0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

    /**
     * {@code target} as the database {@code product} of {@code version} (major.minor from it), as its metadata
     * would report it; everything else is the real database's.
     */
    static DataSource reportingAs(DataSource target, String product, String version) {
        String[] numbers = version.split("[.\\s-]");
        Map<String, Object> reported = Map.of("getDatabaseProductName", product, "getDatabaseProductVersion", version,
                "getDatabaseMajorVersion", Integer.parseInt(numbers[0]),
                "getDatabaseMinorVersion", Integer.parseInt(numbers[1]));
        return proxy(DataSource.class, target, (name, result) -> name.equals("getConnection")
                ? proxy(Connection.class, (Connection) result, (n, r) -> n.equals("getMetaData")
                        ? proxy(DatabaseMetaData.class, (DatabaseMetaData) r, (m, v) -> reported.getOrDefault(m, v))
                        : r)
                : result);
    }

    private interface After {
        Object apply(String method, Object result);
    }

    private static <T> T proxy(Class<T> type, T target, After after) {
        return type.cast(Proxy.newProxyInstance(UnsupportedDatabaseTest.class.getClassLoader(), new Class<?>[]{type},
                (p, method, args) -> {
                    try {
                        return after.apply(method.getName(), method.invoke(target, args));
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                }));
    }

    static StoreSchemaException refusal(DataSource ds) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> JdbcStore.open(ds,
                new SecretBox(BOX_KEY), true, new MutableClock(Instant.parse("2026-03-01T10:00:00Z"))));
        assertThat(thrown).isInstanceOf(StoreSchemaException.class);
        return (StoreSchemaException) thrown;
    }

    @Test
    void derbyIsRefusedNamingItsVersionTheSupportedDatabasesAndTheParameterAndNothingIsCreated() throws SQLException {
        try (TestDatabase h2 = TestDatabase.h2()) {
            StoreSchemaException e = refusal(reportingAs(h2.dataSource(), "Apache Derby", "10.15.2.0 - (1873585)"));

            assertThat(e.getMessage())
                    .contains("'Apache Derby' 10.15.2.0 - (1873585)")
                    .contains("supported: H2 2.2 or later, PostgreSQL 12 or later, MariaDB 10.6 or later")
                    .contains("stepwise.mfa.datasource");
            try (Connection c = h2.dataSource().getConnection()) {
                assertThat(StoreContractTest.tables(c)).as("nothing created").isEmpty();
            }
        }
    }

    @Test
    void hsqldbIsRefusedTheSameWay() {
        try (TestDatabase h2 = TestDatabase.h2()) {
            assertThat(refusal(reportingAs(h2.dataSource(), "HSQL Database Engine", "2.7.2")).getMessage())
                    .startsWith("the Stepwise MFA store does not support the database 'HSQL Database Engine' 2.7.2;")
                    .contains("supported: H2").contains("stepwise.mfa.datasource");
        }
    }

    @Test
    void mysqlIsRefusedSayingWhyAndHowToReachMariaDb() {
        try (TestDatabase h2 = TestDatabase.h2()) {
            assertThat(refusal(reportingAs(h2.dataSource(), "MySQL", "8.4.3")).getMessage())
                    .contains("'MySQL' 8.4.3").contains("MySQL is not supported")
                    .contains("MariaDB Connector/J").contains("MariaDB 10.6 or later");
        }
    }

    @Test
    void aMariaDbOlderThanTenSixIsRefused() {
        try (TestDatabase h2 = TestDatabase.h2()) {
            assertThat(refusal(reportingAs(h2.dataSource(), "MariaDB", "10.5.27-MariaDB")).getMessage())
                    .contains("'MariaDB' 10.5.27-MariaDB").contains("older than 10.6");
            assertThat(refusal(reportingAs(h2.dataSource(), "MariaDB", "5.5.68-MariaDB")).getMessage())
                    .contains("older than 10.6");
        }
    }

    @Test
    void theSupportedProductNamesAreDetected() throws SQLException {
        try (TestDatabase h2 = TestDatabase.h2(); Connection c = h2.dataSource().getConnection()) {
            DatabaseMetaData real = c.getMetaData();
            assertThat(Dialect.of(real)).isEqualTo(Dialect.H2);
            for (var found : Map.of("PostgreSQL", Dialect.POSTGRESQL, "MariaDB", Dialect.MARIADB).entrySet()) {
                try (Connection other = reportingAs(h2.dataSource(), found.getKey(), "11.4.2").getConnection()) {
                    assertThat(Dialect.of(other.getMetaData())).isEqualTo(found.getValue());
                }
            }
        }
    }

    // ---------------------------------------------------------------- at deployment

    @AfterEach
    void noContainer() {
        System.clearProperty(Context.INITIAL_CONTEXT_FACTORY);
        Container.dataSource = null;
    }

    /**
     * The deployment opens the store before it registers any page or starts housekeeping ({@code MfaBootstrap}):
     * the refusal is the exception that fails it, naming the data source it looked up as well.
     */
    @Test
    void theDeploymentFailsWithTheRefusalNamingTheDataSourceItLookedUp() throws SQLException {
        try (TestDatabase h2 = TestDatabase.h2()) {
            Container.dataSource = reportingAs(h2.dataSource(), "Apache Derby", "10.15.2.0 - (1873585)");
            System.setProperty(Context.INITIAL_CONTEXT_FACTORY, Container.class.getName());
            MfaStorage storage = new MfaStorage(MfaConfiguration.of(MfaConfig.parse(Map.<String, String>of()::get),
                    new MutableClock(Instant.parse("2026-03-01T10:00:00Z"))));

            assertThatThrownBy(storage::store).isInstanceOf(StoreSchemaException.class)
                    .hasMessageStartingWith("Stepwise MFA cannot use its store at java:comp/DefaultDataSource: the "
                            + "Stepwise MFA store does not support the database 'Apache Derby' 10.15.2.0 - (1873585);")
                    .hasMessageContaining("supported: H2").hasMessageContaining("stepwise.mfa.datasource");
            try (Connection c = h2.dataSource().getConnection()) {
                assertThat(StoreContractTest.tables(c)).as("nothing created").isEmpty();
            }
        }
    }

    /** A server without a default datasource (Open Liberty unless server.xml defines one): one message, what to do. */
    @Test
    void withoutADefaultDataSourceTheDeploymentFailsSayingHowToProvideOne() {
        System.setProperty(Context.INITIAL_CONTEXT_FACTORY, Container.class.getName()); // nothing bound
        MfaStorage storage = new MfaStorage(MfaConfiguration.of(MfaConfig.parse(Map.<String, String>of()::get),
                new MutableClock(Instant.parse("2026-03-01T10:00:00Z"))));

        assertThatThrownBy(storage::store).hasMessageContaining("stepwise.mfa.datasource: 'java:comp/DefaultDataSource'")
                .hasMessageContaining("no DataSource is bound there (NameNotFoundException)")
                .hasMessageContaining("define the server's default datasource")
                .hasMessageContaining("PostgreSQL, MariaDB or H2");
    }

    /** A naming context holding one data source under the default name, as GlassFish's would hold its Derby. */
    public static final class Container implements InitialContextFactory {
        static volatile DataSource dataSource;

        @Override
        public Context getInitialContext(Hashtable<?, ?> environment) {
            return (Context) Proxy.newProxyInstance(UnsupportedDatabaseTest.class.getClassLoader(),
                    new Class<?>[]{Context.class}, (proxy, method, args) -> {
                        if (method.getName().equals("lookup") && dataSource != null
                                && "java:comp/DefaultDataSource".equals(String.valueOf(args[0]))) {
                            return dataSource;
                        }
                        if (method.getName().equals("close")) {
                            return null;
                        }
                        throw new NameNotFoundException(String.valueOf(args == null ? method.getName() : args[0]));
                    });
        }
    }
}
