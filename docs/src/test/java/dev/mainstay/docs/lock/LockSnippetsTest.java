package dev.mainstay.docs.lock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mainstay.docs.GuideCheck;
import dev.mainstay.lock.DistributedLock;
import dev.mainstay.lock.LockHandle;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/** Every code block of docs/lock.md, compiled in {@link LockSnippets} and run here. */
public class LockSnippetsTest {

    @Test
    void quickStart() throws Exception {
        assertTrue(LockSnippets.quickStart(new AtomicLong()) > 0);
    }

    @Test
    void aLeaderLeadsUntilDoneAndOnlyOneLeads() throws Exception {
        DistributedLock locks = DistributedLock.builder().build();
        AtomicInteger ticks = new AtomicInteger();
        LockHandle other = locks.tryAcquire("scheduler-leader", Duration.ofSeconds(15)).orElseThrow();
        assertEquals(0, LockSnippets.leaderElection(locks, ticks::incrementAndGet, 3), "another instance leads");
        other.close();
        assertEquals(3, LockSnippets.leaderElection(locks, ticks::incrementAndGet, 3));
        assertEquals(3, ticks.get());
        assertTrue(locks.tryAcquire("scheduler-leader", Duration.ofSeconds(1)).isPresent(), "released after leading");
        locks.close();
    }

    @Test
    void aLeaderStopsWhenItsLeaseIsLost() throws Exception {
        AtomicLong clock = new AtomicLong();
        DistributedLock locks = DistributedLock.builder().ticker(clock::get).build();
        AtomicInteger ticks = new AtomicInteger();
        int led = LockSnippets.leaderElection(locks, () -> {
            ticks.incrementAndGet();
            clock.addAndGet(Duration.ofSeconds(6).toNanos()); // a slow round: the watchdog has no real time to run
        }, 100);
        assertEquals(3, led, "rounds at 0, 6 and 12 s; at 18 s the 15 s lease is no longer held");
        locks.close();
    }

    @Test
    void fencedWriteOnH2() throws Exception {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:fenced;DB_CLOSE_DELAY=-1");
        AtomicLong clock = new AtomicLong();
        DistributedLock locks = DistributedLock.builder().ticker(clock::get).build();
        fencedWriteRefusesTheStaleHolder(h2, locks, Duration.ofSeconds(10),
                () -> clock.addAndGet(Duration.ofSeconds(11).toNanos()));
    }

    @Test
    void theJdbcLockOnH2() throws Exception {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:jdbclock;DB_CLOSE_DELAY=-1");
        try (DistributedLock locks = LockSnippets.jdbc(h2)) {
            assertEquals(dev.mainstay.lock.jdbc.JdbcDialect.H2, ((dev.mainstay.lock.jdbc.JdbcLock) locks).dialect());
            assertTrue(LockSnippets.quickStartOn(locks) > 0);
        }
    }

    /**
     * The guide's fenced write, against any database and lock: a holder pauses past its lease, another takes the
     * lock, and the paused holder's late write changes nothing.
     */
    public static void fencedWriteRefusesTheStaleHolder(DataSource dataSource, DistributedLock locks, Duration lease,
            Runnable pausePastTheLease) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS account");
            s.execute(LockSnippets.ACCOUNT_TABLE);
            s.execute("INSERT INTO account (id, balance) VALUES (7, 0)");
        }
        LockHandle paused = locks.tryAcquire("account:7", lease).orElseThrow();
        assertTrue(LockSnippets.fencedWrite(paused, dataSource, 7, 100));
        pausePastTheLease.run();
        LockHandle next = locks.tryAcquire("account:7", Duration.ofSeconds(10)).orElseThrow();
        assertTrue(LockSnippets.fencedWrite(next, dataSource, 7, 50));
        assertFalse(LockSnippets.fencedWrite(paused, dataSource, 7, 100), "the paused holder's late write");
        assertTrue(LockSnippets.closeLoudly(paused).startsWith("lost: "));
        assertEquals("done", LockSnippets.closeLoudly(next));
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet row = s.executeQuery("SELECT balance, fence FROM account WHERE id = 7")) {
            assertTrue(row.next());
            assertEquals(150, row.getLong(1));
            assertEquals(next.token(), row.getLong(2));
        }
    }

    /** Every fenced block of the guide marked with a snippet name is the compiled code, line for line. */
    @Test
    void theGuideShowsTheCompiledCode() throws IOException {
        GuideCheck.assertGuideShowsTheCompiledCode("lock.md", 7, "lock/LockSnippets.java");
    }
}
