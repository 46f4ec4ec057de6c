package dev.mainstay.idempotency.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mainstay.idempotency.Fingerprint;
import dev.mainstay.idempotency.Idempotency;
import dev.mainstay.idempotency.IdempotencyResult;
import dev.mainstay.idempotency.IdempotencyStore;
import dev.mainstay.idempotency.IdempotencyStore.ClaimResult;
import dev.mainstay.idempotency.IdempotencyStoreContract;
import dev.mainstay.idempotency.StoredResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The store contract plus what only the JDBC store has: the table, the purge, the transactional mode. */
abstract class JdbcIdempotencyStoreContract extends IdempotencyStoreContract {

    abstract DataSource dataSource();

    abstract JdbcDialect expectedDialect();

    private JdbcIdempotencyStore store;

    @Override
    protected IdempotencyStore store() {
        if (store == null) {
            store = table("mainstay_idempotency");
        }
        return store;
    }

    @Override
    protected void passTime(long millis) throws InterruptedException {
        Thread.sleep(millis);
    }

    JdbcIdempotencyStore table(String name) {
        JdbcIdempotencyStore created = JdbcIdempotencyStore.builder(dataSource()).tableName(name).build();
        created.createSchemaIfMissing();
        return created;
    }

    void dropTable(String name) throws SQLException {
        try (Connection connection = dataSource().getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS " + name);
        }
    }

    long count(String table) throws SQLException {
        try (Connection connection = dataSource().getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    @Test
    void statementsPerOperation() throws Exception {
        CountingDataSource counting = new CountingDataSource(dataSource());
        JdbcIdempotencyStore counted = JdbcIdempotencyStore.builder(counting.dataSource).dialect(expectedDialect())
                .build();
        Idempotency idempotency = Idempotency.builder(counted).build();
        String scope = "count" + System.nanoTime();
        counting.roundTrips();
        idempotency.execute(scope, "k", Fingerprint.sha256("x"), claim -> StoredResponse.ofText("ok"));
        int first = counting.roundTrips();
        assertTrue(idempotency.execute(scope, "k", Fingerprint.sha256("x"), c -> StoredResponse.ofText("no"))
                .replayed());
        int replay = counting.roundTrips();
        counted.claim(scope, "held", Fingerprint.sha256("x"), Duration.ofMinutes(1), Duration.ofHours(1));
        counting.roundTrips();
        assertThrows(dev.mainstay.idempotency.IdempotencyInProgressException.class,
                () -> idempotency.execute(scope, "held", Fingerprint.sha256("x"), c -> StoredResponse.ofText("no")));
        int conflict = counting.roundTrips();
        System.out.println(getClass().getSimpleName() + " statements (+ commits): first execution " + first
                + ", replay " + replay + ", conflicting duplicate " + conflict);
        if (expectedDialect() == JdbcDialect.H2) {
            assertEquals(List.of(4, 2, 2), List.of(first, replay, conflict), "lock, insert, commit; complete");
        } else {
            assertEquals(List.of(2, 1, 1), List.of(first, replay, conflict));
        }
    }

    @Test
    void theDialectIsDetected() {
        assertEquals(expectedDialect(), ((JdbcIdempotencyStore) store()).dialect());
    }

    @Test
    void keysCompareExactlyWithoutCaseFoldingOrPadding() throws Exception {
        Idempotency idempotency = Idempotency.builder(store()).build();
        String scope = "exact" + System.nanoTime();
        for (String key : new String[] {"key", "KEY", "key ", "kéy", "ke\u0301y"}) {
            IdempotencyResult result = idempotency.execute(scope, key, Fingerprint.sha256(key),
                    claim -> StoredResponse.ofText(key));
            assertFalse(result.replayed(), "'" + key + "' is a key of its own");
            assertEquals(key, result.response().bodyText());
        }
    }

    @Test
    void expiredRowsArePurgedInBoundedBatches() throws Exception {
        dropTable("idem_purge");
        JdbcIdempotencyStore purged = table("idem_purge");
        Idempotency shortLived = Idempotency.builder(purged).retention(Duration.ofMillis(100)).build();
        Idempotency longLived = Idempotency.builder(purged).build();
        for (int i = 0; i < 5; i++) {
            shortLived.execute("s", "old" + i, Fingerprint.sha256("x"), claim -> StoredResponse.ofText("old"));
        }
        longLived.execute("s", "kept", Fingerprint.sha256("x"), claim -> StoredResponse.ofText("kept"));
        Thread.sleep(200);
        assertEquals(2, purged.deleteExpired(2));
        assertEquals(2, purged.deleteExpired(2));
        assertEquals(1, purged.deleteExpired(2));
        assertEquals(0, purged.deleteExpired(2));
        assertEquals(1, count("idem_purge"));
        assertTrue(longLived.execute("s", "kept", Fingerprint.sha256("x"), claim -> StoredResponse.ofText("again"))
                .replayed());
    }

    @Test
    void inTransactionalModeTheClaimTheBusinessWriteAndTheCompletionCommitOrRollBackTogether() throws Exception {
        dropTable("idem_tx");
        dropTable("idem_payments");
        JdbcIdempotencyStore tx = table("idem_tx");
        try (Connection connection = dataSource().getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE idem_payments (id VARCHAR(40) NOT NULL PRIMARY KEY)");
        }
        AtomicInteger executions = new AtomicInteger();
        // rolled back: neither the payment nor the record survive, so the retry executes
        try (Connection connection = dataSource().getConnection()) {
            connection.setAutoCommit(false);
            Idempotency inTx = Idempotency.builder(tx.transactional(connection)).build();
            IdempotencyResult result = inTx.execute("s", "pay", Fingerprint.sha256("10"), claim -> {
                executions.incrementAndGet();
                insertPayment(connection, "p1");
                return StoredResponse.ofText("charged p1");
            });
            assertFalse(result.replayed());
            connection.rollback();
        }
        assertEquals(0, count("idem_payments"));
        assertEquals(0, count("idem_tx"));
        // committed: one payment, and the retry outside the transaction replays
        try (Connection connection = dataSource().getConnection()) {
            connection.setAutoCommit(false);
            Idempotency inTx = Idempotency.builder(tx.transactional(connection)).build();
            inTx.execute("s", "pay", Fingerprint.sha256("10"), claim -> {
                executions.incrementAndGet();
                insertPayment(connection, "p2");
                return StoredResponse.ofText("charged p2");
            });
            connection.commit();
        }
        IdempotencyResult retry = Idempotency.builder(tx).build().execute("s", "pay", Fingerprint.sha256("10"),
                claim -> StoredResponse.ofText("charged again"));
        assertTrue(retry.replayed());
        assertEquals("charged p2", retry.response().bodyText());
        assertEquals(1, count("idem_payments"));
        assertEquals(2, executions.get());
    }

    private static void insertPayment(Connection connection, String id) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO idem_payments (id) VALUES ('" + id + "')");
        }
    }

    @Test
    void aDuplicateOfAnOpenTransactionWaitsForItsCommitAndReplays() throws Exception {
        dropTable("idem_txwait");
        JdbcIdempotencyStore tx = table("idem_txwait");
        try (Connection connection = dataSource().getConnection()) {
            connection.setAutoCommit(false);
            ClaimResult claimed = tx.transactional(connection).claim("s", "k", Fingerprint.sha256("x"),
                    Duration.ofMinutes(1), Duration.ofHours(1));
            assertEquals(ClaimResult.Outcome.CLAIMED, claimed.outcome());
            Thread committer = new Thread(() -> {
                try {
                    Thread.sleep(300);
                    assertTrue(tx.transactional(connection).complete("s", "k", claimed.attempt(),
                            StoredResponse.ofText("done"), Duration.ofHours(1)));
                    connection.commit();
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });
            committer.start();
            ClaimResult duplicate = tx.claim("s", "k", Fingerprint.sha256("x"), Duration.ofMinutes(1),
                    Duration.ofHours(1)); // blocks on the row until the commit
            committer.join();
            assertEquals(ClaimResult.Outcome.COMPLETED, duplicate.outcome());
            assertEquals("done", duplicate.response().bodyText());
        }
    }

    @Test
    void bigResponsesRoundTrip() throws Exception {
        Idempotency idempotency = Idempotency.builder(store()).maxResponseBytes(1 << 20).build();
        byte[] body = new byte[1 << 20];
        new java.util.Random(7).nextBytes(body);
        String scope = "big" + System.nanoTime();
        idempotency.execute(scope, "k", Fingerprint.sha256("x"), claim -> StoredResponse.of(body));
        IdempotencyResult replay = idempotency.execute(scope, "k", Fingerprint.sha256("x"),
                claim -> StoredResponse.ofText("no"));
        assertTrue(replay.replayed());
        assertTrue(java.util.Arrays.equals(body, replay.response().body()));
    }

    @Test
    void anUnknownTableIsABackendFailureNamingTheOperation() {
        JdbcIdempotencyStore missing = JdbcIdempotencyStore.builder(dataSource()).tableName("idem_missing").build();
        dev.mainstay.idempotency.IdempotencyBackendException e = assertThrows(
                dev.mainstay.idempotency.IdempotencyBackendException.class,
                () -> missing.claim("s", "k", Fingerprint.sha256("x"), Duration.ofSeconds(1), Duration.ofHours(1)));
        assertEquals("claim", e.operation());
        assertTrue(e.getCause() instanceof SQLException);
    }
}
