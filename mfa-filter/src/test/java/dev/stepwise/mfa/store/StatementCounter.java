package dev.stepwise.mfa.store;

import javax.sql.DataSource;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link DataSource} that counts the statements the library sends to the database (each {@code execute},
 * {@code executeQuery}, {@code executeUpdate} and {@code executeBatch} is one round trip) and remembers their SQL,
 * so a test can pin how many round trips a request costs.
 */
public final class StatementCounter {

    private final DataSource target;
    private final AtomicInteger executed = new AtomicInteger();
    private final List<String> sql = Collections.synchronizedList(new ArrayList<>());

    public StatementCounter(DataSource target) {
        this.target = target;
    }

    /** The counting data source. */
    public DataSource dataSource() {
        return proxy(DataSource.class, target, (method, result, args) ->
                method.equals("getConnection") ? connection((Connection) result) : result);
    }

    /** Statements executed since the last {@link #reset()}. */
    public int count() {
        return executed.get();
    }

    /** Their SQL, in order (for a failure message). */
    public List<String> sql() {
        synchronized (sql) {
            return List.copyOf(sql);
        }
    }

    public void reset() {
        executed.set(0);
        sql.clear();
    }

    private Connection connection(Connection c) {
        return proxy(Connection.class, c, (method, result, args) -> {
            if (result instanceof CallableStatement s) {
                return statement(CallableStatement.class, s, (String) args[0]);
            }
            if (result instanceof PreparedStatement s) {
                return statement(PreparedStatement.class, s, (String) args[0]);
            }
            if (result instanceof Statement s) {
                return statement(Statement.class, s, null);
            }
            return result;
        });
    }

    private <S extends Statement> S statement(Class<S> type, S s, String prepared) {
        return proxy(type, s, (method, result, args) -> result, (method, args) -> {
            if (method.startsWith("execute")) {
                executed.incrementAndGet();
                sql.add(prepared != null ? prepared : args != null && args.length > 0 ? String.valueOf(args[0]) : "?");
            }
        });
    }

    private interface After {
        Object apply(String method, Object result, Object[] args);
    }

    private interface Before {
        void accept(String method, Object[] args);
    }

    private static <T> T proxy(Class<T> type, T target, After after) {
        return proxy(type, target, after, (m, a) -> { });
    }

    private static <T> T proxy(Class<T> type, T target, After after, Before before) {
        InvocationHandler handler = (p, method, args) -> {
            before.accept(method.getName(), args);
            try {
                return after.apply(method.getName(), method.invoke(target, args), args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return type.cast(Proxy.newProxyInstance(StatementCounter.class.getClassLoader(), new Class<?>[]{type}, handler));
    }
}
