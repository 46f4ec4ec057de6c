package dev.mainstay.ratelimit.jdbc;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/** The JDBC contract on an embedded H2 database. */
class JdbcRateLimiterH2Test extends JdbcRateLimiterContract {

    private static final String URL = "jdbc:h2:mem:ratelimit;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000";

    /** A connection per call, as the contract expects from any pool. */
    private static final DataSource H2 = new DataSource() {
        @Override
        public Connection getConnection() throws SQLException {
            return new org.h2.Driver().connect(URL, new java.util.Properties());
        }

        @Override
        public Connection getConnection(String user, String password) throws SQLException {
            return DriverManager.getConnection(URL, user, password);
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
    };

    @Override
    DataSource dataSource() {
        return H2;
    }

    @Override
    JdbcDialect expectedDialect() {
        return JdbcDialect.H2;
    }
}
