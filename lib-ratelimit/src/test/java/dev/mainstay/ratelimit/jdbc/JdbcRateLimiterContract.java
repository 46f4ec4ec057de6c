package dev.mainstay.ratelimit.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mainstay.ratelimit.Decision;
import dev.mainstay.ratelimit.RateLimit;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** What every JDBC dialect must do, run against a real database by each subclass. */
abstract class JdbcRateLimiterContract {

    abstract DataSource dataSource();

    abstract JdbcDialect expectedDialect();

    JdbcRateLimiter limiter(RateLimit limit, String table) {
        JdbcRateLimiter limiter = JdbcRateLimiter.builder(dataSource(), limit).tableName(table).build();
        limiter.createSchemaIfMissing();
        return limiter;
    }

    void dropTable(String table) throws SQLException {
        try (Connection connection = dataSource().getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS " + table);
        }
    }

    @Test
    void clientsOnSeparateConnectionsAdmitExactlyTheCapacity() throws Exception {
        dropTable("rl_exact");
        RateLimit limit = RateLimit.tokenBucket(40, 1, Duration.ofDays(1));
        JdbcRateLimiter first = limiter(limit, "rl_exact");
        assertEquals(expectedDialect(), first.dialect());
        AtomicLong admitted = new AtomicLong();
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
            JdbcRateLimiter limiter = limiter(limit, "rl_exact");
            Thread thread = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                try {
                    for (int i = 0; i < 15; i++) {
                        if (limiter.tryAcquire("hot", 1)) {
                            admitted.incrementAndGet();
                        }
                    }
                } catch (RuntimeException e) {
                    failures.add(e);
                }
            });
            thread.start();
            threads.add(thread);
        }
        go.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        assertEquals(List.of(), failures, "no decision may fail, e.g. by a deadlock between clients creating the key");
        assertEquals(40, admitted.get());
        assertEquals(0, first.availablePermits("hot"));
    }

    @Test
    void everyAlgorithmDecidesOnTheDatabaseClock() throws Exception {
        dropTable("rl_algorithms");
        JdbcRateLimiter fixed = limiter(RateLimit.fixedWindow(3, Duration.ofHours(1)), "rl_algorithms");
        assertTrue(fixed.tryAcquire("fixed", 3));
        Decision refused = fixed.tryAcquireDecision("fixed", 1);
        assertFalse(refused.permitted());
        assertTrue(refused.nanosToWait() > 0 && refused.nanosToWait() <= Duration.ofHours(1).toNanos());

        JdbcRateLimiter sliding = limiter(RateLimit.slidingWindow(4, Duration.ofHours(1)), "rl_algorithms");
        assertTrue(sliding.tryAcquire("sliding", 4));
        assertTrue(sliding.tryAcquireOrWaitNanos("sliding", 1) > 0);

        JdbcRateLimiter gcra = limiter(RateLimit.gcra(1, Duration.ofSeconds(10), 2), "rl_algorithms");
        Decision burst = gcra.tryAcquireDecision("gcra", 2);
        assertTrue(burst.permitted());
        assertEquals(0, burst.remaining());
        long wait = gcra.tryAcquireOrWaitNanos("gcra", 1);
        assertTrue(wait > 9_000_000_000L && wait <= 10_000_000_000L, "one permit per 10 s: " + wait);
    }

    @Test
    void reconfigurationCarriesAvailablePermitsOver() throws Exception {
        dropTable("rl_reconfigure");
        JdbcRateLimiter limiter = limiter(RateLimit.tokenBucket(10, 1, Duration.ofDays(1)), "rl_reconfigure");
        assertTrue(limiter.tryAcquire("k", 4));
        limiter.reconfigure(RateLimit.fixedWindow(100, Duration.ofDays(1)));
        assertEquals(6, limiter.availablePermits("k"));
        limiter.reconfigure(RateLimit.slidingWindow(3, Duration.ofDays(1)));
        assertEquals(3, limiter.availablePermits("k"));
    }

    @Test
    void rowsOfFullKeysCanBeDeletedAndTheSchemaIsCreatedOnce() throws Exception {
        dropTable("rl_expiry");
        JdbcRateLimiter limiter = limiter(RateLimit.tokenBucket(2, 2, Duration.ofSeconds(1)), "rl_expiry");
        limiter.createSchemaIfMissing(); // twice: no error
        assertTrue(limiter.tryAcquire("a", 1));
        assertTrue(limiter.tryAcquire("b", 2));
        assertEquals(0, limiter.deleteExpired(), "both still refilling");
        Thread.sleep(1100); // the database's clock has to move: nothing to inject here
        assertEquals(2, limiter.deleteExpired());
        assertEquals(2, limiter.availablePermits("b"));
    }

    @Test
    void badJdbcSettingsAreRefused() {
        IllegalArgumentException table = assertThrows(IllegalArgumentException.class,
                () -> JdbcRateLimiter.builder(dataSource(), RateLimit.fixedWindow(1, Duration.ofSeconds(1)))
                        .tableName("x; DROP TABLE y"));
        assertEquals("tableName must be an SQL identifier but was 'x; DROP TABLE y'", table.getMessage());
        assertThrows(NullPointerException.class,
                () -> JdbcRateLimiter.builder(null, RateLimit.fixedWindow(1, Duration.ofSeconds(1))));
        assertThrows(NullPointerException.class,
                () -> JdbcRateLimiter.builder(dataSource(), RateLimit.fixedWindow(1, Duration.ofSeconds(1))).dialect(null));
        JdbcRateLimiter.Builder builder = JdbcRateLimiter.builder(dataSource(), RateLimit.fixedWindow(1, Duration.ofSeconds(1)));
        IllegalArgumentException name = assertThrows(IllegalArgumentException.class, () -> builder.name(""));
        assertEquals("name must not be blank but was ''", name.getMessage());
        assertThrows(NullPointerException.class, () -> builder.tableName(null));
        assertThrows(NullPointerException.class, () -> builder.failurePolicy(null));
        assertThrows(NullPointerException.class, () -> builder.listener(null));
        assertThrows(NullPointerException.class, () -> builder.ticker(null));
        assertThrows(IllegalArgumentException.class, () -> builder.tableName("1table"));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> JdbcDialect.of("Oracle"));
        assertEquals("database 'Oracle' is not supported: use PostgreSQL, MariaDB/MySQL or H2, or name a dialect",
                unknown.getMessage());
    }
}
