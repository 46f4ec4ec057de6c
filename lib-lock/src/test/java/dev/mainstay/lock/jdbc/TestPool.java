package dev.mainstay.lock.jdbc;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A minimal connection pool for the tests, as a user's pool would be: idle connections are reused, and a connection
 * whose use threw an {@link SQLException} is closed instead of reused (a pool's validation). It counts what reaches
 * the server: statements executed, batches, and transaction control calls.
 */
final class TestPool implements DataSource, AutoCloseable {

    private final DataSource target;
    private final ConcurrentLinkedDeque<Connection> idle = new ConcurrentLinkedDeque<>();
    private final Set<Connection> open = ConcurrentHashMap.newKeySet();
    /** {@code execute}, {@code executeQuery}, {@code executeUpdate} calls. */
    final AtomicInteger statements = new AtomicInteger();
    /** {@code executeBatch} calls. */
    final AtomicInteger batches = new AtomicInteger();
    /** {@code addBatch} calls. */
    final AtomicInteger batched = new AtomicInteger();
    /** The most statements one {@code executeBatch} carried. */
    final AtomicInteger largestBatch = new AtomicInteger();
    /** {@code commit}, {@code rollback}, {@code setAutoCommit} calls. */
    final AtomicInteger transactionCalls = new AtomicInteger();
    /** Physical connections opened. */
    final AtomicInteger opened = new AtomicInteger();
    /** Whether the database is "down": new connections are refused and pooled ones fail. */
    volatile boolean down;

    TestPool(DataSource target) {
        this.target = target;
    }

    /** A data source that hands out {@code connection} every time, whose {@code close()} leaves it open. */
    static DataSource sharing(Connection connection) {
        return (DataSource) Proxy.newProxyInstance(TestPool.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getConnection" -> Proxy.newProxyInstance(TestPool.class.getClassLoader(),
                            new Class<?>[] {Connection.class}, (p, m, a) -> m.getName().equals("close") ? null
                                    : invoke(connection, m, a));
                    case "toString" -> "DataSource sharing " + connection;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    /** A data source whose every {@code getConnection()} fails as a database that is down would. */
    static DataSource down() {
        return (DataSource) Proxy.newProxyInstance(TestPool.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getConnection" -> throw new SQLException("Connection refused", "08001");
                    case "toString" -> "DataSource of a database that is down";
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Override
    public Connection getConnection() throws SQLException {
        if (down) {
            throw new SQLException("Connection refused", "08001");
        }
        Connection physical = idle.pollFirst();
        if (physical == null) {
            physical = target.getConnection();
            opened.incrementAndGet();
            open.add(physical);
        }
        return (Connection) Proxy.newProxyInstance(TestPool.class.getClassLoader(), new Class<?>[] {Connection.class},
                new Lease(physical));
    }

    /** One borrowing of a physical connection. */
    private final class Lease implements InvocationHandler {
        private final Connection physical;
        private boolean broken;
        private boolean closed;

        Lease(Connection physical) {
            this.physical = physical;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            switch (method.getName()) {
                case "close" -> {
                    if (!closed) {
                        closed = true;
                        if (broken || physical.isClosed() || !physical.getAutoCommit()) {
                            open.remove(physical);
                            physical.close();
                        } else {
                            idle.addFirst(physical);
                        }
                    }
                    return null;
                }
                case "isClosed" -> {
                    return closed;
                }
                case "commit", "rollback", "setAutoCommit" -> transactionCalls.incrementAndGet();
                default -> { }
            }
            if (closed) {
                throw new SQLException("connection returned to the pool");
            }
            try {
                Object result = method.invoke(physical, args);
                if (result instanceof Statement statement) {
                    Class<?> type = method.getReturnType();
                    int[] pending = {0};
                    return Proxy.newProxyInstance(TestPool.class.getClassLoader(), new Class<?>[] {type},
                            (p, m, a) -> onStatement(statement, pending, m, a));
                }
                return result;
            } catch (InvocationTargetException e) {
                if (e.getCause() instanceof SQLException) {
                    broken = true;
                }
                throw e.getCause();
            }
        }

        private Object onStatement(Statement statement, int[] pending, Method method, Object[] args)
                throws Throwable {
            String name = method.getName();
            if (name.equals("executeBatch")) {
                batches.incrementAndGet();
                largestBatch.accumulateAndGet(pending[0], Math::max);
                pending[0] = 0;
            } else if (name.startsWith("execute")) {
                statements.incrementAndGet();
            } else if (name.equals("addBatch")) {
                batched.incrementAndGet();
                pending[0]++;
            }
            try {
                return method.invoke(statement, args);
            } catch (InvocationTargetException e) {
                if (e.getCause() instanceof SQLException) {
                    broken = true;
                }
                throw e.getCause();
            }
        }
    }

    /** Resets the counters. */
    void resetCounts() {
        statements.set(0);
        batches.set(0);
        batched.set(0);
        largestBatch.set(0);
        transactionCalls.set(0);
    }

    @Override
    public void close() {
        for (Connection connection : open) {
            try {
                connection.close();
            } catch (SQLException e) {
                // closing a dead connection
            }
        }
        open.clear();
        idle.clear();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLException("the test pool connects as its target does");
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {}

    @Override
    public void setLoginTimeout(int seconds) {}

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
