package dev.mainstay.ratelimit.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mainstay.ratelimit.FailurePolicy;
import dev.mainstay.ratelimit.RateLimit;
import dev.mainstay.ratelimit.RateLimitedException;
import dev.mainstay.ratelimit.RateLimiterListener;
import dev.mainstay.testkit.RealBackends;
import dev.mainstay.testkit.SqlBackend;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The contract on a real database server, plus what only a server can show: a restart. */
@ExtendWith(RealBackends.class)
abstract class JdbcRateLimiterServerContract extends JdbcRateLimiterContract {

    /** The server under test, started by the testkit. */
    abstract SqlBackend server();

    @Override
    DataSource dataSource() {
        return server().dataSource();
    }

    @Test
    void aRestartFollowsTheFailurePolicyAndKeepsTheState() throws Exception {
        dropTable("rl_restart");
        RateLimit limit = RateLimit.fixedWindow(3, Duration.ofDays(1));
        AtomicInteger failures = new AtomicInteger();
        RateLimiterListener listener = new RateLimiterListener() {
            @Override
            public void onBackendFailure(String limiter, Object key, RuntimeException failure, boolean permitted) {
                failures.incrementAndGet();
            }
        };
        JdbcRateLimiter open = JdbcRateLimiter.builder(dataSource(), limit).tableName("rl_restart")
                .failurePolicy(FailurePolicy.FAIL_OPEN).listener(listener).build();
        JdbcRateLimiter closed = JdbcRateLimiter.builder(dataSource(), limit).tableName("rl_restart")
                .failurePolicy(FailurePolicy.FAIL_CLOSED).listener(listener).build();
        JdbcRateLimiter throwing = JdbcRateLimiter.builder(dataSource(), limit).tableName("rl_restart")
                .listener(listener).build();
        open.createSchemaIfMissing();
        assertTrue(open.tryAcquire("k", 2));
        server().stop();
        try {
            assertTrue(open.tryAcquire("k", 1));
            assertFalse(closed.tryAcquire("k", 1));
            RateLimitedException e = assertThrows(RateLimitedException.class, () -> throwing.tryAcquire("k", 1));
            assertTrue(e.getCause() != null);
            assertEquals(3, failures.get());
        } finally {
            server().start();
        }
        assertEquals(1, throwing.availablePermits("k"), "the state survived the restart");
        assertTrue(closed.tryAcquire("k", 1));
        assertFalse(open.tryAcquire("k", 1));
    }
}
