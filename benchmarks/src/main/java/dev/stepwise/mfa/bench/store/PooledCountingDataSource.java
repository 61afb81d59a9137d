package dev.stepwise.mfa.bench.store;

import javax.sql.DataSource;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small connection pool over a driver's {@link DataSource} that also counts the SQL statements executed through
 * it. The store borrows a connection per operation, as it would from an application server's pool; without a pool
 * every operation would pay a new database connection, which no deployment does. Closing a borrowed connection
 * returns it. Statements are counted on every {@code execute*} call ({@code executeBatch} counts once: one round
 * trip).
 */
final class PooledCountingDataSource extends OneUserDataSource implements AutoCloseable {

    private final DataSource target;
    private final Deque<Connection> idle = new ArrayDeque<>();
    private final List<Connection> all = new ArrayList<>();
    private final AtomicLong statements = new AtomicLong();

    PooledCountingDataSource(DataSource target) {
        this.target = target;
    }

    /** Statements executed so far. */
    long statements() {
        return statements.get();
    }

    @Override
    public synchronized Connection getConnection() throws SQLException {
        Connection raw = idle.pollFirst();
        if (raw == null) {
            raw = target.getConnection();
            all.add(raw);
        }
        Connection borrowed = raw;
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                new Borrowed(borrowed));
    }

    private synchronized void giveBack(Connection raw) {
        idle.addFirst(raw);
    }

    @Override
    public synchronized void close() throws SQLException {
        for (Connection c : all) {
            c.close();
        }
        all.clear();
        idle.clear();
    }

    /** A borrowed connection: {@code close} returns it to the pool; statements it creates are counted. */
    private final class Borrowed implements InvocationHandler {
        private final Connection raw;
        private boolean closed;

        Borrowed(Connection raw) {
            this.raw = raw;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            String name = method.getName();
            if (name.equals("close")) {
                if (!closed) {
                    closed = true;
                    giveBack(raw);
                }
                return null;
            }
            if (name.equals("isClosed")) {
                return closed;
            }
            Object result = call(raw, method, args);
            if (result instanceof Statement st) {
                Class<?> type = method.getReturnType();
                return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {type},
                        (p, m, a) -> {
                            if (m.getName().startsWith("execute")) {
                                statements.incrementAndGet();
                            }
                            return call(st, m, a);
                        });
            }
            return result;
        }
    }

    private static Object call(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
