package dev.mainstay.ratelimit.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mainstay.ratelimit.Decision;
import dev.mainstay.ratelimit.FailurePolicy;
import dev.mainstay.ratelimit.RateLimitBackendException;
import dev.mainstay.ratelimit.RateLimiterListener;
import dev.mainstay.ratelimit.RateLimit;
import dev.mainstay.ratelimit.Together;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
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
        List<Runnable> clients = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
            JdbcRateLimiter limiter = limiter(limit, "rl_exact");
            clients.add(() -> {
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
        }
        Together.run(clients);
        assertEquals(List.of(), failures, "no decision may fail, e.g. by a deadlock between clients creating the key");
        assertEquals(40, admitted.get());
        assertEquals(0, first.availablePermits("hot"));
    }

    /** Limits whose arithmetic differs: fractions of a nanosecond, steps, windows, products past 2^63. */
    private static final List<RateLimit> REFERENCE_LIMITS = List.of(
            RateLimit.tokenBucket(10, 3, Duration.ofSeconds(1)),
            RateLimit.tokenBucket(5, 2, Duration.ofMillis(7)).withInitialPermits(2),
            RateLimit.tokenBucket(10, 4, Duration.ofSeconds(1)).withIntervalRefill().withInitialPermits(1),
            RateLimit.fixedWindow(4, Duration.ofMillis(250)),
            RateLimit.slidingWindow(5, Duration.ofMillis(300)),
            RateLimit.slidingWindow(16_000_000, Duration.ofDays(1000)),
            RateLimit.gcra(3, Duration.ofSeconds(1), 2));

    @Test
    void decisionsEqualTheInProcessLimiterOnTheSameClock() throws Exception {
        dropTable("rl_reference");
        dropTable("rl_clock");
        try (Connection clock = dataSource().getConnection(); Statement statement = clock.createStatement()) {
            statement.execute("CREATE TABLE rl_clock (nanos BIGINT NOT NULL)");
            long start = 1_764_000_000_000_000_000L + 123_456_789L;
            statement.execute("INSERT INTO rl_clock VALUES (" + start + ")");
            java.util.Random random = new java.util.Random(42);
            for (int l = 0; l < REFERENCE_LIMITS.size(); l++) {
                RateLimit limit = REFERENCE_LIMITS.get(l);
                RateLimit next = REFERENCE_LIMITS.get((l + 3) % REFERENCE_LIMITS.size());
                long[] now = {start};
                statement.execute("UPDATE rl_clock SET nanos = " + now[0]);
                dev.mainstay.ratelimit.RateLimiter reference = dev.mainstay.ratelimit.RateLimiter.builder(limit)
                        .ticker(() -> now[0]).build();
                JdbcRateLimiter.Builder builder = JdbcRateLimiter.builder(dataSource(), limit)
                        .tableName("rl_reference");
                builder.clockSql = "(SELECT nanos FROM rl_clock)";
                JdbcRateLimiter limiter = builder.build();
                limiter.createSchemaIfMissing();
                String key = "key-" + l;
                for (int step = 0; step < 40; step++) {
                    if (step > 0) {
                        long period = reference.limit().periodNanos();
                        long delta = switch (random.nextInt(4)) {
                            case 0 -> 0;
                            case 1 -> random.nextLong(period / 8 + 1);
                            case 2 -> random.nextLong(2 * period);
                            default -> random.nextLong(Math.min(period, 1_000_000)) + 1;
                        };
                        now[0] += delta;
                        statement.execute("UPDATE rl_clock SET nanos = " + now[0]);
                    }
                    if (step == 25) {
                        reference.reconfigure(next);
                        limiter.reconfigure(next);
                    }
                    String where = reference.limit() + " step " + step + " at " + now[0];
                    if (step % 7 == 3) {
                        assertEquals(reference.availablePermits(), limiter.availablePermits(key), where);
                    } else {
                        long capacity = reference.limit().capacity();
                        long permits = 1 + random.nextLong(Math.min(capacity, random.nextBoolean() ? 2 : capacity));
                        assertEquals(reference.tryAcquireDecision(permits), limiter.tryAcquireDecision(key, permits),
                                where);
                    }
                }
            }
        }
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
        dropTable("rl_expiry_clock");
        try (Connection connection = dataSource().getConnection(); Statement clock = connection.createStatement()) {
            // the database's clock, moved by the test: no waiting for real time to pass
            clock.execute("CREATE TABLE rl_expiry_clock (nanos BIGINT NOT NULL)");
            long start = 1_764_000_000_000_000_000L;
            clock.execute("INSERT INTO rl_expiry_clock VALUES (" + start + ")");
            JdbcRateLimiter.Builder builder = JdbcRateLimiter.builder(dataSource(),
                    RateLimit.tokenBucket(2, 2, Duration.ofSeconds(1))).tableName("rl_expiry");
            builder.clockSql = "(SELECT nanos FROM rl_expiry_clock)";
            JdbcRateLimiter limiter = builder.build();
            limiter.createSchemaIfMissing();
            limiter.createSchemaIfMissing(); // twice: no error
            assertTrue(limiter.tryAcquire("a", 1));
            assertTrue(limiter.tryAcquire("b", 2));
            assertEquals(0, limiter.deleteExpired(), "both still refilling");
            // 2 permits a second: a (1 taken) is full again after 0.5 s, b (2 taken) after 1 s
            clock.execute("UPDATE rl_expiry_clock SET nanos = " + (start + 499_999_999L));
            assertEquals(0, limiter.deleteExpired(), "a is one nanosecond short of full");
            clock.execute("UPDATE rl_expiry_clock SET nanos = " + (start + 500_000_001L));
            assertEquals(1, limiter.deleteExpired(), "a is full again");
            clock.execute("UPDATE rl_expiry_clock SET nanos = " + (start + 999_999_999L));
            assertEquals(0, limiter.deleteExpired(), "b is one nanosecond short of full");
            clock.execute("UPDATE rl_expiry_clock SET nanos = " + (start + 1_000_000_001L));
            assertEquals(1, limiter.deleteExpired(), "b is full again");
            assertEquals(0, limiter.deleteExpired(), "nothing left to delete");
            assertEquals(2, limiter.availablePermits("b"), "a deleted key starts full");
        }
    }

    @Test
    void aRowThatMakesNoSenseIsABugThatSurfacesEvenWhenFailingOpen() throws Exception {
        dropTable("rl_odd");
        AtomicInteger failures = new AtomicInteger();
        JdbcRateLimiter limiter = JdbcRateLimiter.builder(dataSource(), RateLimit.fixedWindow(5, Duration.ofDays(1)))
                .tableName("rl_odd").failurePolicy(FailurePolicy.FAIL_OPEN)
                .listener(new RateLimiterListener() {
                    @Override
                    public void onBackendFailure(String name, Object key, RateLimitBackendException failure,
                            boolean permitted) {
                        failures.incrementAndGet();
                    }
                }).build();
        limiter.createSchemaIfMissing();
        assertTrue(limiter.tryAcquire("k", 1));
        try (Connection connection = dataSource().getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("UPDATE rl_odd SET algorithm = 'NO_SUCH_ALGORITHM' WHERE limit_key = 'k'");
        }
        IllegalStateException odd = assertThrows(IllegalStateException.class, () -> limiter.tryAcquire("k", 1));
        assertTrue(odd.getMessage().startsWith("the row of key 'k' in rl_odd makes no sense"), odd.getMessage());
        assertThrows(IllegalStateException.class, () -> limiter.tryAcquireDecision("k", 1));
        assertThrows(IllegalStateException.class, () -> limiter.availablePermits("k"));
        assertEquals(0, failures.get(), "a bug is not an outage: the failure policy never saw it");
        assertTrue(limiter.tryAcquire("other", 5), "other keys are unaffected");
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
