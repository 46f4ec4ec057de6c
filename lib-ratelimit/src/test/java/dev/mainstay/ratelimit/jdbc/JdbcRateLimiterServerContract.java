package dev.mainstay.ratelimit.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mainstay.ratelimit.FailurePolicy;
import dev.mainstay.ratelimit.RateLimit;
import dev.mainstay.ratelimit.RateLimitBackendException;
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
            public void onBackendFailure(String limiter, Object key, RateLimitBackendException failure,
                    boolean permitted) {
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
        assertTrue(open.tryAcquire("full", 3));
        RateLimitedException refused = assertThrows(RateLimitedException.class,
                () -> throwing.acquireOrThrow("full", 1));
        assertTrue(refused.nanosToWait() > 0, "a refusal says when to come back: " + refused.nanosToWait());
        assertEquals(null, refused.getCause(), "a refusal is no failure");
        server().stop();
        try {
            assertTrue(open.tryAcquire("k", 1));
            assertFalse(closed.tryAcquire("k", 1));
            RateLimitBackendException e = assertThrows(RateLimitBackendException.class,
                    () -> throwing.tryAcquire("k", 1));
            assertTrue(e.getCause() instanceof java.sql.SQLException, "the driver's failure is the cause: "
                    + e.getCause());
            assertEquals("acquire", e.operation());
            RateLimitBackendException down = assertThrows(RateLimitBackendException.class,
                    () -> throwing.acquireOrThrow("full", 1));
            assertEquals("acquire", down.operation(), "the same call that refused answers 503 now, not 429");
            assertEquals(4, failures.get());
            assertEquals("availablePermits", assertThrows(RateLimitBackendException.class,
                    () -> open.availablePermits("k")).operation(), "reading permits throws under every policy");
            assertEquals("deleteExpired", assertThrows(RateLimitBackendException.class,
                    open::deleteExpired).operation());
            assertEquals(5, failures.get(), "every failure of a decision or a read reaches the listener");
        } finally {
            server().start();
        }
        assertEquals(1, throwing.availablePermits("k"), "the state survived the restart");
        assertTrue(closed.tryAcquire("k", 1));
        assertFalse(open.tryAcquire("k", 1));
    }
}
