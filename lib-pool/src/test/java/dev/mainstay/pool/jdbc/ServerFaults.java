package dev.mainstay.pool.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mainstay.pool.PoolMetrics;
import dev.mainstay.pool.internal.TestHooks;
import dev.mainstay.testkit.SqlBackend;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/** The fault scenarios both real-server ITs run: killed sessions, and a full server restart under load. */
final class ServerFaults {

    private static final Duration BORROW_TIMEOUT = Duration.ofMillis(500);

    private ServerFaults() {}

    static PooledDataSource pool(SqlBackend db, String name, int maxSize, int minIdle, Duration validateAfterIdle) {
        PooledDataSource.Builder builder = PooledDataSource.builder().url(db.jdbcUrl()).user(db.user());
        if (db.password() != null) {
            builder.password(db.password());
        }
        return builder
                .pool(pool -> pool.name(name).maxSize(maxSize).minIdle(minIdle)
                        .borrowTimeout(BORROW_TIMEOUT).validateAfterIdle(validateAfterIdle))
                .build();
    }

    static int selectOne(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 1")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    static void waitForIdle(PooledDataSource pool, int idle) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (pool.metrics().idle() < idle) {
            assertTrue(System.nanoTime() < deadline, () -> "pool never reached " + idle + " idle: " + pool);
            Thread.sleep(5);
        }
    }

    /**
     * Every pooled session killed, then borrowers one after another: the first one's fatal error makes every
     * connection created before it suspect, so each is validated before it is lent, and at most that one borrower
     * sees a dead connection (none with validation on every borrow). The killed connections are evicted and
     * replaced, and every borrower after that succeeds.
     *
     * @return how many borrowers saw a dead connection
     */
    static int killedConnectionsCostOneError(SqlBackend db, int connections, Duration validateAfterIdle)
            throws Exception {
        PooledDataSource pool = pool(db, "killed-" + connections, connections, connections, validateAfterIdle);
        int failed = 0;
        try {
            waitForIdle(pool, connections);
            assertTrue(db.killConnections() >= connections);
            for (int i = 0; i < 2 * connections; i++) {
                try (Connection c = pool.getConnection()) {
                    selectOne(c);
                } catch (SQLException e) {
                    failed++;
                }
            }
            // every borrower that saw a dead connection, or found one invalid, called suspectAll; its validation
            // pass, queued on the housekeeper, retires every killed connection no borrower touched
            assertTrue(TestHooks.awaitHousekeeper(pool.pool()), "the housekeeper is stuck: " + pool);
            assertTrue(pool.metrics().destroyed() >= connections, "every killed connection is destroyed: " + pool);
            // the creator refills to minIdle meanwhile; once it has, the counts hold still
            waitForIdle(pool, connections);
            PoolMetrics m = pool.metrics();
            System.out.printf("%s: %d connections killed, validateAfterIdle %s: %d borrowers saw a dead connection,"
                    + " %s%n", db.getClass().getSimpleName(), connections, validateAfterIdle, failed, m);
            assertEquals(m.size(), m.created() - m.destroyed(), "created - destroyed = live: " + m);
            assertTrue(failed <= (validateAfterIdle.isZero() ? 0 : 1), failed + " borrowers saw a dead connection");
        } finally {
            assertTrue(pool.close(Duration.ofSeconds(5)));
        }
        assertEquals(pool.metrics().created(), pool.metrics().destroyed());
        return failed;
    }

    /**
     * Four threads query through a pool of six while the server stops for 1.5 s and starts again. Reports the
     * borrows that failed while it was down (each within its timeout), the time to recover, and the slot balance.
     */
    static void survivesAServerRestartUnderLoad(SqlBackend db) throws Exception {
        assumeTrue(db.supportsRestart(), "this server cannot be restarted by the testkit");
        PooledDataSource pool = pool(db, "restart", 6, 2, Duration.ofMillis(500));
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong ok = new AtomicLong();
        AtomicLong borrowFailures = new AtomicLong();
        AtomicLong queryFailures = new AtomicLong();
        AtomicLong slowestFailedBorrowNanos = new AtomicLong();
        AtomicLong lastFailureAt = new AtomicLong();
        AtomicLong firstSuccessAfterStart = new AtomicLong(Long.MAX_VALUE);
        AtomicLong started = new AtomicLong(Long.MAX_VALUE);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread worker = new Thread(() -> {
                while (running.get()) {
                    long begin = System.nanoTime();
                    Connection c;
                    try {
                        c = pool.getConnection();
                    } catch (SQLTransientConnectionException e) {
                        borrowFailures.incrementAndGet();
                        slowestFailedBorrowNanos.accumulateAndGet(System.nanoTime() - begin, Math::max);
                        lastFailureAt.set(System.nanoTime());
                        continue;
                    } catch (SQLException e) {
                        throw new AssertionError(e);
                    }
                    try (Connection closing = c) {
                        selectOne(closing);
                        ok.incrementAndGet();
                        long now = System.nanoTime();
                        if (now > started.get()) {
                            firstSuccessAfterStart.accumulateAndGet(now, Math::min);
                        }
                    } catch (SQLException e) {
                        queryFailures.incrementAndGet();
                        lastFailureAt.set(System.nanoTime());
                    }
                }
            }, "restart-load-" + t);
            workers.add(worker);
            worker.start();
        }
        try {
            Thread.sleep(700);
            long okBefore = ok.get();
            assertTrue(okBefore > 0, "the workload runs before the restart");
            db.stop();
            Thread.sleep(1_500);
            db.start();
            started.set(System.nanoTime());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (firstSuccessAfterStart.get() == Long.MAX_VALUE && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            Thread.sleep(700);
        } finally {
            running.set(false);
            for (Thread worker : workers) {
                worker.join(5_000);
            }
        }
        long recoveredMillis = TimeUnit.NANOSECONDS.toMillis(firstSuccessAfterStart.get() - started.get());
        long slowestFailure = TimeUnit.NANOSECONDS.toMillis(slowestFailedBorrowNanos.get());
        PoolMetrics m = pool.metrics();
        System.out.printf("%s restart under load: %d queries ok, %d borrows failed while down (slowest %d ms,"
                        + " timeout %d ms), %d queries failed on dead connections, recovered %d ms after the server"
                        + " was back, created %d destroyed %d live %d%n",
                db.getClass().getSimpleName(), ok.get(), borrowFailures.get(), slowestFailure,
                BORROW_TIMEOUT.toMillis(), queryFailures.get(), recoveredMillis, m.created(), m.destroyed(),
                m.size());
        assertTrue(firstSuccessAfterStart.get() != Long.MAX_VALUE, "never recovered: " + pool);
        assertTrue(borrowFailures.get() + queryFailures.get() > 0, "the outage was seen");
        assertTrue(slowestFailure <= BORROW_TIMEOUT.toMillis() + 400,
                "a failed borrow took " + slowestFailure + " ms");
        assertTrue(recoveredMillis < 5_000, "recovered after " + recoveredMillis + " ms");
        assertTrue(lastFailureAt.get() < System.nanoTime() - TimeUnit.MILLISECONDS.toNanos(300),
                "no failures once recovered");
        assertEquals(m.size(), m.created() - m.destroyed(), "0 leaked slots: " + m);
        assertEquals(0, m.inUse(), m.toString());
        assertTrue(pool.close(Duration.ofSeconds(5)));
        assertEquals(pool.metrics().created(), pool.metrics().destroyed(), "every connection closed");
    }
}
