package dev.mainstay.lock.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mainstay.lock.DistributedLock;
import dev.mainstay.lock.LockHandle;
import dev.mainstay.testkit.PostgresBackend;
import dev.mainstay.testkit.RealBackends;
import dev.mainstay.testkit.SqlBackend;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The JDBC contract on PostgreSQL, and what only PostgreSQL shows: a lock inside the caller's transaction. */
class JdbcLockPostgresIT extends JdbcLockServerContract {

    @Override
    SqlBackend server() {
        return RealBackends.postgres();
    }

    @Override
    JdbcDialect expectedDialect() {
        return JdbcDialect.POSTGRESQL;
    }

    /** pg_stat_statements, loaded on the test server by restarting it once with the library preloaded. */
    @Override
    long serverStatements(Connection probe) throws SQLException {
        try (Statement statement = probe.createStatement();
                ResultSet sum = statement.executeQuery("SELECT coalesce(sum(calls), 0) FROM pg_stat_statements"
                        + " WHERE query NOT LIKE '%pg_stat_statements%'")) {
            sum.next();
            return sum.getLong(1);
        }
    }

    @Override
    int probeStatements() {
        return 0; // the probe's reads name pg_stat_statements
    }

    @Override
    @Test
    void theServerCountsTwoStatementsPerAcquireAndRelease() throws Exception {
        PostgresBackend pg = RealBackends.postgres();
        try (Connection connection = pg.connect(); Statement statement = connection.createStatement()) {
            ResultSet libraries = statement.executeQuery("SHOW shared_preload_libraries");
            libraries.next();
            if (!libraries.getString(1).contains("pg_stat_statements")) {
                Assumptions.assumeTrue(pg.supportsRestart(), "pg_stat_statements is not loaded on " + pg.origin());
                statement.execute("ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'");
                pg.stop();
                pg.start();
            }
        }
        try (Connection connection = pg.connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
        }
        super.theServerCountsTwoStatementsPerAcquireAndRelease();
    }

    /**
     * ShedLock #3577: the DataSource hands out the caller's connection, inside a transaction begun while another
     * client still held the lock. {@code now()} would still say the holder's lease lasts (and would time a new lease
     * from the transaction's start); {@code clock_timestamp()} says it has ended. The lock is granted once, with a
     * lease measured from the statement, and no one else gets it while that lease lasts.
     */
    @Test
    void insideACallersOldTransactionTheLeaseIsTimedByTheStatementNotTheTransaction() throws Exception {
        String name = uniqueName("caller-tx");
        DistributedLock other = lock();
        LockHandle holder = other.tryAcquire(name, shortLease()).orElseThrow();
        try (Connection caller = server().connect()) {
            caller.setAutoCommit(false);
            try (Statement statement = caller.createStatement()) {
                statement.execute("SELECT 1"); // the transaction begins while the holder's lease lasts
            }
            assertTrue(holder.isHeld());
            Thread.sleep(shortLease().toMillis() + 100);
            try (Statement statement = caller.createStatement();
                    ResultSet stale = statement.executeQuery("SELECT clock_timestamp() - now() > interval '550 ms'")) {
                stale.next();
                assertTrue(stale.getBoolean(1), "now() is the transaction's start: the scenario is real");
            }
            JdbcLock inTransaction = builder(TestPool.sharing(caller), b -> {}).build();
            LockHandle granted = inTransaction.tryAcquire(name, Duration.ofMillis(800)).orElseThrow(
                    () -> new AssertionError("the holder's lease has ended by the database's clock"));
            assertTrue(granted.token() > holder.token());
            caller.commit();
            long left = row(name)[1];
            assertTrue(left > 400_000 && left <= 800_000, "the committed lease is not over already: " + left + " µs");
            assertEquals(Optional.empty(), other.tryAcquire(name, Duration.ofSeconds(1)), "no second grant");
            assertEquals(Optional.empty(), lock().tryAcquire(name, Duration.ofSeconds(1)), "no second grant");
            assertFalse(holder.release(), "the old holder learns it lost the lock");
            assertTrue(granted.isHeld());
            caller.setAutoCommit(true);
            assertTrue(granted.release());
        }
    }

    /** In the caller's transaction the grant commits with it: others wait on the row, and a rollback undoes it. */
    @Test
    void aGrantInsideACallersTransactionCommitsOrRollsBackWithIt() throws Exception {
        String name = uniqueName("caller-rollback");
        try (Connection caller = server().connect()) {
            caller.setAutoCommit(false);
            JdbcLock inTransaction = builder(TestPool.sharing(caller), b -> {}).build();
            LockHandle undone = inTransaction.tryAcquire(name, Duration.ofSeconds(10)).orElseThrow();
            assertFalse(caller.getAutoCommit(), "the lock leaves the caller's transaction open");
            DistributedLock other = lock();
            CompletableFuture<Optional<LockHandle>> waiting =
                    CompletableFuture.supplyAsync(() -> other.tryAcquire(name, Duration.ofSeconds(10)));
            Thread.sleep(150);
            assertFalse(waiting.isDone(), "another client's acquire waits on the uncommitted row");
            caller.rollback();
            LockHandle next = waiting.get(10, TimeUnit.SECONDS).orElseThrow(
                    () -> new AssertionError("the rollback undid the grant"));
            assertFalse(undone.release(), "nothing of the rolled-back grant is left to release");
            assertTrue(next.release());
        }
    }
}
