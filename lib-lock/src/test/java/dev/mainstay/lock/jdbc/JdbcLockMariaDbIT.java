package dev.mainstay.lock.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mainstay.lock.LockBackendException;
import dev.mainstay.lock.LockHandle;
import dev.mainstay.testkit.MariaDbBackend;
import dev.mainstay.testkit.RealBackends;
import dev.mainstay.testkit.SqlBackend;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The JDBC contract on MariaDB, and what only MariaDB shows: a restart, and MySQL's path without RETURNING. */
class JdbcLockMariaDbIT extends JdbcLockServerContract {

    @Override
    SqlBackend server() {
        return RealBackends.mariadb();
    }

    @Override
    JdbcDialect expectedDialect() {
        return JdbcDialect.MARIADB;
    }

    /** The server's count of client statements. */
    @Override
    long serverStatements(Connection probe) throws SQLException {
        try (Statement statement = probe.createStatement();
                ResultSet questions = statement.executeQuery("SHOW GLOBAL STATUS LIKE 'Questions'")) {
            questions.next();
            return questions.getLong(2);
        }
    }

    @Override
    int probeStatements() {
        return 1; // the second read counts itself
    }

    /** The clock is UTC_TIMESTAMP(6): no session time zone shifts leases or tokens. */
    @Test
    void aSessionTimeZoneShiftsNothing() throws Exception {
        String name = uniqueName("zone");
        try (Connection connection = server().connect(); Statement statement = connection.createStatement()) {
            statement.execute("SET time_zone = '-09:30'");
            JdbcLock locks = builder(TestPool.sharing(connection), b -> {}).build();
            long before = micros(java.time.Instant.now());
            LockHandle handle = locks.tryAcquire(name, Duration.ofSeconds(10)).orElseThrow();
            assertTrue(Math.abs(handle.token() - before) < 1_000_000, handle.token() + " vs " + before);
            long left = row(name)[1];
            assertTrue(left > 9_000_000 && left <= 10_000_000, "lease left by the database's clock: " + left);
            assertEquals(Optional.empty(), lock().tryAcquire(name, Duration.ofSeconds(1)));
            assertTrue(handle.release());
        }
    }

    /** A restart: clear failures while the server is down; the grants and tokens survive it, and work resumes. */
    @Test
    void aRestartFailsClearlyAndGrantsAndTokensSurviveIt() {
        MariaDbBackend db = RealBackends.mariadb();
        JdbcLock locks = builder(pool(), b -> {}).build();
        String name = uniqueName("restart");
        LockHandle held = locks.tryAcquire(name, Duration.ofSeconds(30)).orElseThrow();
        JdbcLock other = builder(pool(), b -> {}).build();
        db.stop();
        try {
            LockBackendException extend = assertThrows(LockBackendException.class,
                    () -> held.extend(Duration.ofSeconds(30)));
            assertEquals("extend", extend.operation());
            assertInstanceOf(SQLException.class, extend.getCause());
            LockBackendException acquire = assertThrows(LockBackendException.class,
                    () -> other.tryAcquire(uniqueName("restart"), Duration.ofSeconds(1)));
            assertEquals("acquire", acquire.operation());
            assertInstanceOf(SQLException.class, acquire.getCause());
            assertTrue(acquire.getMessage().contains("failed on MariaDB"), acquire.getMessage());
        } finally {
            db.start();
        }
        assertEquals(Optional.empty(), lock().tryAcquire(name, Duration.ofSeconds(1)), "the grant survived");
        assertTrue(held.isHeld());
        assertTrue(held.release());
        LockHandle next = lock().tryAcquire(name, Duration.ofSeconds(10)).orElseThrow();
        assertTrue(next.token() > held.token(), next.token() + " after " + held.token());
        assertTrue(next.release());
    }

    /** MySQL has no INSERT ... RETURNING: the upsert and a read of the row in one transaction, as exclusive. */
    @Test
    void withoutReturningAsOnMySqlGrantsStayExclusive() throws Exception {
        String name = uniqueName("mysql");
        int[] counter = {0};
        AtomicBoolean inside = new AtomicBoolean();
        AtomicInteger doubleGrants = new AtomicInteger();
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        List<Thread> threads = new ArrayList<>();
        List<TestPool> counted = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
            TestPool pool = pool();
            counted.add(pool);
            SqlLock locks = (SqlLock) builder(pool, b -> {}).build();
            locks.backend.returning = false;
            Thread thread = new Thread(() -> {
                try {
                    for (int i = 0; i < 10; i++) {
                        try (LockHandle handle = locks.acquire(name, Duration.ofSeconds(10), Duration.ofSeconds(20))) {
                            if (!inside.compareAndSet(false, true)) {
                                doubleGrants.incrementAndGet();
                            }
                            int read = counter[0];
                            Thread.sleep(1);
                            counter[0] = read + 1;
                            inside.set(false);
                        }
                    }
                } catch (Throwable t) {
                    failures.add(t);
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join(30_000);
        }
        assertEquals(List.of(), List.copyOf(failures));
        assertEquals(0, doubleGrants.get());
        assertEquals(40, counter[0]);

        TestPool pool = pool();
        SqlLock locks = (SqlLock) builder(pool, b -> {}).build();
        locks.backend.returning = false;
        locks.tryAcquire(name, Duration.ofSeconds(1)).orElseThrow().close();
        pool.resetCounts();
        LockHandle handle = locks.tryAcquire(name, Duration.ofSeconds(1)).orElseThrow();
        assertEquals(2, pool.statements.get(), "the upsert and the read");
        assertEquals(3, pool.transactionCalls.get(), "auto-commit off, commit, auto-commit on");
        assertEquals(Optional.empty(), lock().tryAcquire(name, Duration.ofSeconds(1)));
        assertTrue(handle.release());
    }
}
