package dev.stepwise.mfa.web;

import dev.stepwise.mfa.cdi.MfaAdministration;
import dev.stepwise.mfa.core.MfaState;
import dev.stepwise.mfa.core.exemption.MfaExemption;
import dev.stepwise.mfa.http.MfaSession;
import dev.stepwise.mfa.runtime.MfaConfiguration;
import dev.stepwise.mfa.runtime.MfaRuntime;
import dev.stepwise.mfa.runtime.UserFactsCache;
import dev.stepwise.mfa.runtime.config.MfaConfig;
import dev.stepwise.mfa.runtime.config.Parameters;
import jakarta.enterprise.inject.Instance;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import javax.naming.Context;
import javax.naming.NameNotFoundException;
import javax.naming.spi.InitialContextFactory;
import javax.sql.DataSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.time.Duration;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import static dev.stepwise.mfa.web.PageFixture.NOW;
import static dev.stepwise.mfa.web.PageFixture.USER;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link MfaAdministration} called from an application's transactional bean, on a data source whose connections
 * join the caller's transaction (a JTA data source in a container): the store's write commits with the caller,
 * after {@code factsChanged()} has run. A request read in between keeps the old value for the whole staleness
 * bound. Modelled with H2: while {@link #inTransaction} is set, this thread gets one connection whose
 * {@code setAutoCommit}, {@code commit} and {@code close} are the transaction manager's business, not the store's.
 */
class FactsInTransactionTest {

    private static final UserFactsCache.Key<Optional<MfaExemption>> EXEMPTION = new UserFactsCache.Key<>("exemption");

    private final JdbcDataSource h2 = PageFixture.Storage.h2();
    private Connection enlisted;
    private boolean inTransaction;
    private Thread owner;
    private final DataSource jta = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[]{DataSource.class}, (proxy, method, args) -> {
                if (method.getName().equals("getConnection") && inTransaction
                        && Thread.currentThread() == owner) {
                    return enlistedHandle();
                }
                try {
                    return method.invoke(h2, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            });

    private Connection enlistedHandle() throws Exception {
        if (enlisted == null) {
            enlisted = h2.getConnection();
            enlisted.setAutoCommit(false);
        }
        Connection physical = enlisted;
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{Connection.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "setAutoCommit", "commit", "close", "rollback" -> null;   // the transaction manager's
                    case "getAutoCommit" -> false;
                    default -> {
                        try {
                            yield method.invoke(physical, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    }
                });
    }

    @AfterEach
    void noContainer() {
        System.clearProperty(Context.INITIAL_CONTEXT_FACTORY);
        ContainerTransactions.SYNCHRONIZATIONS.clear();
        ContainerTransactions.active = false;
    }

    @Test
    void endingAnExemptionInsideTheCallersTransactionThenAReadBeforeTheCommitIsNotKept() throws Exception {
        System.setProperty(Context.INITIAL_CONTEXT_FACTORY, ContainerTransactions.class.getName());
        MfaConfiguration configuration = MfaConfiguration.of(MfaConfig.parse(
                Map.of(Parameters.FACTORS.name(), "totp")::get), new dev.stepwise.mfa.MutableClock(NOW));
        PageFixture.Storage storage = new PageFixture.Storage(configuration, jta);
        MfaRuntime runtime = MfaRuntime.of(configuration, Map.of("totp", new PageFixture.TestFactor("totp")),
                storage, e -> { });
        MfaAdministration admin = new MfaAdministration(runtime, storage, requests());
        admin.exempt(USER, Duration.ofHours(1), "lost phone");   // committed: no transaction yet
        owner = Thread.currentThread();

        inTransaction = true;
        ContainerTransactions.active = true;
        admin.endExemption(USER, "phone found");   // written on the enlisted connection, not yet committed
        // another request of the user, between factsChanged() and the commit
        Optional<MfaExemption> seen = CompletableFuture.supplyAsync(() -> runtime.factsCache().get(USER, EXEMPTION,
                () -> storage.exemptions().find(USER))).get();
        enlisted.commit();
        inTransaction = false;
        ContainerTransactions.active = false;
        ContainerTransactions.SYNCHRONIZATIONS.forEach(sync -> sync.afterCompletion(Status.STATUS_COMMITTED));

        assertThat(seen).as("the other request read the committed state: still exempt").isPresent();
        assertThat(storage.exemptions().find(USER).filter(e -> e.isActiveAt(NOW))).isEmpty();
        assertThat(runtime.factsCache().get(USER, EXEMPTION, () -> storage.exemptions().find(USER))
                .filter(e -> e.isActiveAt(NOW))).as("after the commit the exemption is over").isEmpty();
    }

    /**
     * The container's naming context with only its transaction synchronization registry: a transaction is active
     * while {@link #active}; the test completes it by calling what was registered, as a transaction manager does.
     */
    public static final class ContainerTransactions implements InitialContextFactory {
        static final List<Synchronization> SYNCHRONIZATIONS = new CopyOnWriteArrayList<>();
        static volatile boolean active;

        @Override
        public Context getInitialContext(Hashtable<?, ?> environment) {
            TransactionSynchronizationRegistry registry = (TransactionSynchronizationRegistry) Proxy.newProxyInstance(
                    FactsInTransactionTest.class.getClassLoader(), new Class<?>[]{TransactionSynchronizationRegistry.class},
                    (proxy, method, args) -> switch (method.getName()) {
                        case "getTransactionStatus" -> active ? Status.STATUS_ACTIVE : Status.STATUS_NO_TRANSACTION;
                        case "registerInterposedSynchronization" -> {
                            SYNCHRONIZATIONS.add((Synchronization) args[0]);
                            yield null;
                        }
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
            return (Context) Proxy.newProxyInstance(FactsInTransactionTest.class.getClassLoader(),
                    new Class<?>[]{Context.class}, (proxy, method, args) -> {
                        if (method.getName().equals("lookup")
                                && "java:comp/TransactionSynchronizationRegistry".equals(String.valueOf(args[0]))) {
                            return registry;
                        }
                        if (method.getName().equals("close")) {
                            return null;
                        }
                        throw new NameNotFoundException(String.valueOf(args == null ? method.getName() : args[0]));
                    });
        }
    }

    private static Instance<HttpServletRequest> requests() {
        FakeHttp.Request request = new FakeHttp.Request("root", new FakeHttp.Session());
        request.method = "GET";
        request.servletPath = "/admin";
        request.roles.add("admin");
        MfaSession.of(request.asHttpServletRequest()).state(MfaState.start("root", NOW.minus(Duration.ofHours(1)))
                .withVerified("totp", NOW.minus(Duration.ofMinutes(1))));
        HttpServletRequest servletRequest = request.asHttpServletRequest();
        @SuppressWarnings("unchecked")
        Instance<HttpServletRequest> requests = (Instance<HttpServletRequest>) Proxy.newProxyInstance(
                FactsInTransactionTest.class.getClassLoader(), new Class<?>[]{Instance.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("get")) {
                        return servletRequest;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        return requests;
    }
}
