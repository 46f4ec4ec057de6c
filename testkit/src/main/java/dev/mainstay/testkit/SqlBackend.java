package dev.mainstay.testkit;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;
import javax.sql.DataSource;

/** A running SQL database for tests, with its faults: {@link PostgresBackend} or {@link MariaDbBackend}. */
public abstract class SqlBackend extends ProcessBackend {

    private final String jdbcUrl;
    private final String user;
    private final String password;
    private final Driver driver;

    SqlBackend(String jdbcUrl, String user, String password, Driver driver, ServerProcess process) {
        super(process);
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
        this.driver = driver;
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    /** The user to connect as, or {@code null} when the URL carries it. */
    public String user() {
        return user;
    }

    /** The password, or {@code null} when there is none or the URL carries it. */
    public String password() {
        return password;
    }

    /** Opens a new, unpooled connection. */
    public Connection connect() throws SQLException {
        return connect(driver, jdbcUrl, user, password);
    }

    /** An unpooled {@link DataSource}: every {@code getConnection()} opens a new connection to this server. */
    public DataSource dataSource() {
        return new UnpooledDataSource();
    }

    /**
     * Kills every client connection to this server but the one that asks ({@code pg_terminate_backend} on
     * PostgreSQL, {@code KILL CONNECTION} on MariaDB): the clients see their next statement fail.
     *
     * @return how many connections were killed
     */
    public abstract int killConnections();

    static Connection connect(Driver driver, String url, String user, String password) throws SQLException {
        Properties properties = new Properties();
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        Connection connection = driver.connect(url, properties);
        if (connection == null) {
            throw new SQLException("the driver " + driver.getClass().getName() + " does not take " + url);
        }
        return connection;
    }

    private final class UnpooledDataSource implements DataSource {
        private PrintWriter logWriter;
        private int loginTimeout;

        @Override
        public Connection getConnection() throws SQLException {
            return connect();
        }

        @Override
        public Connection getConnection(String username, String pass) throws SQLException {
            return SqlBackend.connect(driver, jdbcUrl, username, pass);
        }

        @Override
        public PrintWriter getLogWriter() {
            return logWriter;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
            this.logWriter = out;
        }

        @Override
        public void setLoginTimeout(int seconds) {
            this.loginTimeout = seconds;
        }

        @Override
        public int getLoginTimeout() {
            return loginTimeout;
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException("no java.util.logging here");
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            if (iface.isInstance(this)) {
                return iface.cast(this);
            }
            throw new SQLException("not a wrapper of " + iface.getName());
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) {
            return iface.isInstance(this);
        }

        @Override
        public String toString() {
            return "unpooled DataSource of " + origin();
        }
    }
}
