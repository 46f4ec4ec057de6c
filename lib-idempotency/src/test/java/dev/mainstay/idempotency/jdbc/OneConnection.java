package dev.mainstay.idempotency.jdbc;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A pool of one connection, for one thread: hands out the same connection until the driver reports it closed
 * (after a killed session), then opens a new one, as a pool's validation-on-failure would. So a kill strikes a
 * connection that is in use, not one opened afterwards.
 */
final class OneConnection implements DataSource {

    private final DataSource unpooled;
    private Connection current;

    OneConnection(DataSource unpooled) {
        this.unpooled = unpooled;
    }

    @Override
    public synchronized Connection getConnection() throws SQLException {
        if (current == null || current.isClosed()) {
            current = unpooled.getConnection();
        }
        Connection real = current;
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    if (method.getName().equals("close")) {
                        return null;
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
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
