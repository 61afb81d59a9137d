package dev.stepwise.mfa.store;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

/**
 * A data source that can be made unreachable, or made to fail the n-th statement executed from now on (to prove
 * that a multi-statement write is rolled back whole).
 */
final class FaultyDataSource implements DataSource {

    private final DataSource delegate;
    private volatile boolean down;
    private volatile boolean poolBroken;
    private volatile boolean closeBroken;
    private final AtomicInteger executionsUntilFailure = new AtomicInteger(-1);

    FaultyDataSource(DataSource delegate) {
        this.delegate = delegate;
    }

    /** Every {@code getConnection} fails as a refused connection does. */
    void goDown() {
        down = true;
    }

    /** The n-th statement execution from now (1 = the next) throws; later ones work again. */
    void failExecution(int n) {
        executionsUntilFailure.set(n);
    }

    /**
     * Every {@code getConnection} fails with an unchecked exception, as Payara's pool did while it replaced
     * connections the database had terminated ({@code IllegalStateException} from its timer).
     */
    void breakPool() {
        poolBroken = true;
    }

    /** Every connection's {@code close} fails with an unchecked exception after closing it (a pool's bookkeeping). */
    void breakClose() {
        closeBroken = true;
    }

    void heal() {
        down = false;
        poolBroken = false;
        closeBroken = false;
        executionsUntilFailure.set(-1);
    }

    @Override
    public Connection getConnection() throws SQLException {
        if (down) {
            throw new SQLException("Connection to 127.0.0.1:1 refused (simulated)", "08001");
        }
        if (poolBroken) {
            throw new IllegalStateException("Timer already cancelled. (simulated pool)");
        }
        return wrap(delegate.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException();
    }

    private Connection wrap(Connection c) {
        InvocationHandler h = (proxy, method, args) -> {
            Object result = invoke(c, method, args);
            if (closeBroken && method.getName().equals("close")) {
                throw new IllegalStateException("Timer already cancelled. (simulated pool, on close)");
            }
            if (result instanceof Statement s) {
                return wrap(s, method.getReturnType());
            }
            return result;
        };
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{Connection.class}, h);
    }

    private Object wrap(Statement s, Class<?> type) {
        InvocationHandler h = (proxy, method, args) -> {
            if (method.getName().startsWith("execute") && executionsUntilFailure.get() > 0
                    && executionsUntilFailure.decrementAndGet() == 0) {
                throw new SQLException("I/O error: connection reset (simulated)", "08006");
            }
            return invoke(s, method, args);
        };
        return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{type}, h);
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return delegate.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        delegate.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        delegate.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return delegate.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return delegate.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return delegate.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return delegate.isWrapperFor(iface);
    }
}
