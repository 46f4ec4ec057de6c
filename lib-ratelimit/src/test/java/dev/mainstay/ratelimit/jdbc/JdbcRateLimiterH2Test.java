package dev.mainstay.ratelimit.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mainstay.ratelimit.RateLimit;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The JDBC contract on an embedded H2 database. */
class JdbcRateLimiterH2Test extends JdbcRateLimiterContract {

    private static final String URL = "jdbc:h2:mem:ratelimit;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000";

    private static final DataSource H2 = h2(URL);

    /** A connection per call, as the contract expects from any pool. */
    private static DataSource h2(String url) {
        return new DataSource() {
        @Override
        public Connection getConnection() throws SQLException {
            return new org.h2.Driver().connect(url, new java.util.Properties());
        }

        @Override
        public Connection getConnection(String user, String password) throws SQLException {
            return DriverManager.getConnection(url, user, password);
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
    }

    @Override
    DataSource dataSource() {
        return H2;
    }

    @Override
    JdbcDialect expectedDialect() {
        return JdbcDialect.H2;
    }

    @Test
    void aDatabaseThatCannotBeReachedToDetectItIsAnIllegalStateAtBuildTime() throws Exception {
        DataSource unreachable = h2("jdbc:h2:mem:none;IFEXISTS=TRUE"); // refuses to create it: no database
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> JdbcRateLimiter.builder(unreachable, RateLimit.fixedWindow(1, Duration.ofSeconds(1))).build());
        assertTrue(e.getMessage().startsWith("could not detect the database of a JDBC rate limiter"), e.getMessage());
        assertTrue(e.getCause() instanceof SQLException);
        assertEquals(JdbcDialect.H2, JdbcRateLimiter.builder(unreachable, RateLimit.fixedWindow(1,
                Duration.ofSeconds(1))).dialect(JdbcDialect.H2).build().dialect(), "a named dialect needs no connection");
    }

    @Test
    void aListenerThatThrowsOnABackendFailureChangesNothing() {
        DataSource unreachable = h2("jdbc:h2:mem:none;IFEXISTS=TRUE");
        for (dev.mainstay.ratelimit.FailurePolicy policy : dev.mainstay.ratelimit.FailurePolicy.values()) {
            java.util.List<Object> seen = new java.util.ArrayList<>();
            java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
            for (boolean throwing : new boolean[] {false, true}) {
                JdbcRateLimiter.Builder builder = JdbcRateLimiter.builder(unreachable,
                        RateLimit.fixedWindow(1, Duration.ofSeconds(1))).dialect(JdbcDialect.H2).failurePolicy(policy);
                if (throwing) {
                    builder.listener(new dev.mainstay.ratelimit.RateLimiterListener() {
                        @Override
                        public void onBackendFailure(String limiter, Object key,
                                dev.mainstay.ratelimit.RateLimitBackendException failure, boolean permitted) {
                            calls.incrementAndGet();
                            throw new IllegalStateException("listener bug");
                        }
                    });
                }
                JdbcRateLimiter limiter = builder.build();
                java.util.List<Object> outcome = new java.util.ArrayList<>();
                try {
                    outcome.add(limiter.tryAcquire("k", 1));
                    outcome.add(limiter.tryAcquireDecision("k", 1).permitted());
                } catch (dev.mainstay.ratelimit.RateLimitBackendException e) {
                    outcome.add(e.operation());
                }
                try {
                    limiter.availablePermits("k");
                } catch (dev.mainstay.ratelimit.RateLimitBackendException e) {
                    outcome.add(e.operation());
                }
                seen.add(outcome);
            }
            assertEquals(seen.get(0), seen.get(1), policy + ": the same with a throwing listener as without");
            assertEquals(policy == dev.mainstay.ratelimit.FailurePolicy.THROW ? 2 : 3, calls.get(),
                    policy + ": the listener was told");
        }
    }
}
