package dev.mainstay.lock.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mainstay.lock.LockBackendException;
import dev.mainstay.lock.LockHandle;
import dev.mainstay.testkit.RealBackends;
import dev.mainstay.testkit.SqlBackend;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The JDBC contract on a real database server, plus what only a server can show: its connections killed. */
@ExtendWith(RealBackends.class)
abstract class JdbcLockServerContract extends JdbcLockContract {

    /** The server under test, started by the testkit. */
    abstract SqlBackend server();

    @Override
    DataSource dataSource() {
        return server().dataSource();
    }

    @Override
    protected int fuzzRounds() {
        return 25;
    }

    /**
     * The server's own count of the statements clients sent so far (its cumulative statistics), read on
     * {@code probe}; {@link #probeStatements()} of them are the probe's own reads.
     *
     * @param probe a connection of the test's own
     * @return the count
     */
    abstract long serverStatements(Connection probe) throws SQLException;

    /** How many statements one {@link #serverStatements} read adds to the count. */
    abstract int probeStatements();

    /** The round trips as the server counts them: acquire + release is two statements. */
    @Test
    void theServerCountsTwoStatementsPerAcquireAndRelease() throws Exception {
        JdbcLock locks = builder(pool(), b -> {}).build();
        String name = uniqueName("counted");
        locks.tryAcquire(name, Duration.ofSeconds(10)).orElseThrow().close(); // warm: a pooled connection
        int cycles = 10;
        try (Connection probe = server().connect()) {
            long before = serverStatements(probe);
            for (int i = 0; i < cycles; i++) {
                assertTrue(locks.tryAcquire(name, Duration.ofSeconds(10)).orElseThrow().release());
            }
            long sent = serverStatements(probe) - before - probeStatements();
            assertEquals(2L * cycles, sent, "statements the server ran for " + cycles + " acquire + release");
        }
        locks.close();
    }

    /**
     * Clients contend for one name while every connection is killed: the calls on killed connections fail with the
     * module's exception (operation and cause named), the pools replace the connections, work resumes, and nobody
     * is ever granted the lock while another holds it.
     */
    @Test
    void killedConnectionsFailClearlyAndWorkResumes() throws Exception {
        String name = uniqueName("killed");
        int clients = 4;
        AtomicBoolean inside = new AtomicBoolean();
        AtomicInteger doubleGrants = new AtomicInteger();
        AtomicBoolean killed = new AtomicBoolean();
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
        AtomicInteger[] afterKill = new AtomicInteger[clients];
        CountDownLatch warm = new CountDownLatch(clients);
        List<Thread> threads = new ArrayList<>();
        long end = System.nanoTime() + Duration.ofMillis(1500).toNanos();
        for (int c = 0; c < clients; c++) {
            AtomicInteger done = afterKill[c] = new AtomicInteger();
            var locks = lock();
            Thread thread = new Thread(() -> {
                boolean counted = false;
                while (System.nanoTime() < end || done.get() == 0) {
                    boolean before = killed.get();
                    try (LockHandle handle = locks.acquire(name, Duration.ofMillis(300), Duration.ofSeconds(5))) {
                        if (!inside.compareAndSet(false, true)) {
                            doubleGrants.incrementAndGet();
                        }
                        Thread.sleep(1);
                        inside.set(false);
                        if (!counted) {
                            counted = true;
                            warm.countDown();
                        }
                    } catch (LockBackendException e) {
                        inside.compareAndSet(true, false);
                        failures.add(e);
                        continue;
                    } catch (Throwable t) {
                        unexpected.add(t);
                        return;
                    }
                    if (before) {
                        done.incrementAndGet();
                    }
                }
            });
            thread.start();
            threads.add(thread);
        }
        warm.await();
        killed.set(true);
        int victims = server().killConnections();
        for (Thread thread : threads) {
            thread.join(30_000);
        }
        assertEquals(List.of(), List.copyOf(unexpected));
        assertTrue(victims >= clients, "killed " + victims);
        assertTrue(!failures.isEmpty(), "the killed connections failed");
        for (Throwable failure : failures) {
            LockBackendException e = (LockBackendException) failure;
            assertTrue(Set.of("acquire", "release").contains(e.operation()), e.operation());
            assertInstanceOf(SQLException.class, e.getCause());
            assertTrue(e.getMessage().contains(" of lock '" + name + "' failed on " + expectedDialect().product),
                    e.getMessage());
        }
        for (AtomicInteger done : afterKill) {
            assertTrue(done.get() > 0, "every client took the lock again after the kill");
        }
        assertEquals(0, doubleGrants.get(), "double grants");
    }
}
