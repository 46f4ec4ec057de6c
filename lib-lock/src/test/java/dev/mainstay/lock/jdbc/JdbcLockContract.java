package dev.mainstay.lock.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mainstay.lock.DistributedLock;
import dev.mainstay.lock.DistributedLockContract;
import dev.mainstay.lock.LockBackendException;
import dev.mainstay.lock.LockBuilder;
import dev.mainstay.lock.LockHandle;
import dev.mainstay.lock.internal.Grant;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every dialect's tests: the backend-independent contract, and what only a table can show (the rows, the
 * statements sent, the purge, exact name comparison). Each lock service gets its own little pool, so the contract's
 * "clients" are separate connections.
 */
abstract class JdbcLockContract extends DistributedLockContract {

    static final String TABLE = "lock_contract";

    private final List<TestPool> pools = new ArrayList<>();

    /** The database: a new connection per call. */
    abstract DataSource dataSource();

    abstract JdbcDialect expectedDialect();

    @BeforeEach
    void createTable() {
        JdbcLock.builder(dataSource()).tableName(TABLE).build().createSchemaIfMissing();
    }

    @AfterEach
    void closePools() {
        pools.forEach(TestPool::close);
    }

    TestPool pool() {
        TestPool pool = new TestPool(dataSource());
        pools.add(pool);
        return pool;
    }

    @Override
    protected DistributedLock newLock(Consumer<LockBuilder<?>> settings) {
        return builder(pool(), settings).build();
    }

    static JdbcLock.Builder builder(DataSource dataSource, Consumer<LockBuilder<?>> settings) {
        JdbcLock.Builder builder = JdbcLock.builder(dataSource).tableName(TABLE);
        settings.accept(builder);
        return builder;
    }

    /** The row of a name: {@code [token, expires_us - now_us]}, or null. */
    long[] row(String name) throws SQLException {
        try (Connection connection = dataSource().getConnection();
                PreparedStatement read = connection.prepareStatement("SELECT token, expires_us - "
                        + expectedDialect().nowMicros + " FROM " + TABLE + " WHERE lock_name = ?")) {
            read.setString(1, name);
            try (ResultSet row = read.executeQuery()) {
                return row.next() ? new long[] {row.getLong(1), row.getLong(2)} : null;
            }
        }
    }

    void execute(String sql) throws SQLException {
        try (Connection connection = dataSource().getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** Renewal at a third of it leaves 330 ms for a scheduler starved on a loaded machine. */
    @Override
    protected Duration shortLease() {
        return Duration.ofMillis(500);
    }

    @Test
    void theDialectIsDetectedAndTheSchemaCreatedOnce() {
        JdbcLock locks = JdbcLock.builder(dataSource()).tableName(TABLE).build();
        assertEquals(expectedDialect(), locks.dialect());
        locks.createSchemaIfMissing(); // again: no error
        assertTrue(locks.toString().contains(TABLE), locks.toString());
        assertEquals(expectedDialect(), JdbcLock.builder(dataSource()).dialect(expectedDialect()).build().dialect());
    }

    @Test
    void acquireAndReleaseAreTwoStatementsAndNothingElse() {
        TestPool pool = pool();
        JdbcLock locks = builder(pool, b -> {}).build();
        String name = uniqueName("round-trips");
        locks.tryAcquire(name, Duration.ofSeconds(10)).orElseThrow().close(); // warm: the pool holds a connection
        pool.resetCounts();
        int opened = pool.opened.get();
        LockHandle handle = locks.tryAcquire(name, Duration.ofSeconds(10)).orElseThrow();
        assertTrue(handle.release());
        assertEquals(2, pool.statements.get(), "statements per acquire + release");
        assertEquals(0, pool.transactionCalls.get(), "no setAutoCommit, commit or rollback");
        assertEquals(opened, pool.opened.get(), "no new connection");
        locks.close();
    }

    @Test
    void renewalsGoAsOneBatchOnOneConnection() throws Exception {
        TestPool pool = pool();
        SqlLock locks = (SqlLock) builder(pool, b -> {}).build();
        List<Grant> grants = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            grants.add((Grant) locks.tryAcquire(uniqueName("batch"), Duration.ofSeconds(10)).orElseThrow());
        }
        LockHandle lost = locks.tryAcquire(uniqueName("batch"), Duration.ofSeconds(10)).orElseThrow();
        lost.release();
        grants.add((Grant) lost);
        pool.resetCounts();
        int opened = pool.opened.get();
        Object[] results = locks.backend.extendAll(grants);
        assertEquals(List.of(true, true, true, false), List.of(results));
        assertEquals(1, pool.batches.get());
        assertEquals(4, pool.largestBatch.get(), "one batch carried all four grants");
        assertEquals(0, pool.statements.get());
        assertEquals(opened, pool.opened.get(), "on the one pooled connection");

        // and the watchdog uses it: renewals reach the database as batches, never as statements of their own
        pool.resetCounts();
        Duration lease = Duration.ofMillis(450);
        LockHandle renewed = locks.tryAcquire(uniqueName("batch"), lease).orElseThrow().renewAutomatically(e -> { });
        Thread.sleep(lease.toMillis());
        locks.close(); // renewal ends
        Thread.sleep(50);
        assertTrue(pool.batches.get() >= 1, "renewals: " + pool.batches.get());
        assertEquals(1, pool.statements.get(), "the acquire; no renewal went as a statement of its own");
        renewed.release();
        for (Grant grant : grants) {
            grant.release();
        }
    }

    @Test
    void aReleaseKeepsTheRowAndItsTokenAndAPurgeKeepsTokensIncreasing() throws Exception {
        JdbcLock.Builder builder = builder(pool(), b -> {});
        builder.purgeGraceMicros = 0;
        builder.purgeBatch = 2;
        JdbcLock locks = builder.build();
        String name = uniqueName("purge");
        LockHandle first = locks.tryAcquire(name, Duration.ofSeconds(10)).orElseThrow();
        long[] held = row(name);
        assertEquals(first.token(), held[0]);
        assertTrue(held[1] > 9_000_000 && held[1] <= 10_000_000, "lease left by the database's clock: " + held[1]);
        first.close();
        long[] released = row(name);
        assertEquals(first.token(), released[0], "the row stays after release");
        assertTrue(released[1] <= 0, "its lease ended at the release: " + released[1]);

        String holder = uniqueName("purge-held");
        LockHandle kept = locks.tryAcquire(holder, Duration.ofSeconds(10)).orElseThrow();
        List<String> ended = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String other = uniqueName("purge-other");
            locks.tryAcquire(other, Duration.ofSeconds(10)).orElseThrow().close();
            ended.add(other);
        }
        Thread.sleep(2);
        assertTrue(locks.deleteExpired() >= 5, "five ended rows, deleted two per statement");
        assertEquals(null, row(name));
        for (String other : ended) {
            assertEquals(null, row(other));
        }
        locks.deleteExpired(); // again (the table is shared: other tests' rows may have ended meanwhile)
        assertEquals(kept.token(), row(holder)[0], "a held lock's row is never purged");
        LockHandle next = locks.tryAcquire(name, Duration.ofSeconds(10)).orElseThrow();
        assertTrue(next.token() > first.token(), next.token() + " after the purged " + first.token());
        next.close();
        kept.close();

        JdbcLock strict = builder(pool(), b -> {}).build(); // the default grace: a minute
        strict.tryAcquire(name, Duration.ofMillis(5)).orElseThrow();
        Thread.sleep(10);
        strict.deleteExpired();
        assertTrue(row(name) != null, "a token younger than a minute keeps its row");
    }

    /** A name's first token is the database's time in microseconds since the Unix epoch (here: this machine's). */
    @Test
    void aFirstTokenIsTheDatabasesTimeInMicroseconds() {
        JdbcLock locks = builder(pool(), b -> {}).build();
        long before = micros(java.time.Instant.now());
        LockHandle handle = locks.tryAcquire(uniqueName("epoch"), Duration.ofSeconds(10)).orElseThrow();
        long after = micros(java.time.Instant.now());
        assertTrue(handle.token() >= before - 1_000_000 && handle.token() <= after + 1_000_000,
                handle.token() + " not within a second of [" + before + ", " + after + "]");
        assertTrue(handle.release());
    }

    static long micros(java.time.Instant instant) {
        return instant.getEpochSecond() * 1_000_000 + instant.getNano() / 1_000;
    }

    @Test
    void namesAreComparedExactly() {
        JdbcLock locks = builder(pool(), b -> {}).build();
        String base = uniqueName("Exact");
        List<String> names = List.of(base, base.toLowerCase(), base + " ", "é".repeat(255), "\uD83D\uDD12" + base);
        List<LockHandle> handles = new ArrayList<>();
        for (String name : names) {
            handles.add(locks.tryAcquire(name, Duration.ofSeconds(10)).orElseThrow(() -> new AssertionError(name)));
        }
        for (LockHandle handle : handles) {
            assertEquals(Optional.empty(), locks.tryAcquire(handle.name(), Duration.ofSeconds(10)));
            assertTrue(handle.release(), handle.name());
        }
        locks.close();
    }

    @Test
    void aGrantsLeaseIsTheDatabasesAndRoundedUpToMicroseconds() throws Exception {
        JdbcLock locks = builder(pool(), b -> {}).build();
        String name = uniqueName("micros");
        LockHandle handle = locks.tryAcquire(name, Duration.ofNanos(2_000_001)).orElseThrow();
        long[] row = row(name);
        assertTrue(row[1] <= 2_001, "at most 2.001 ms left: " + row[1]);
        assertEquals(2, JdbcBackend.micros(1_001));
        assertEquals(1, JdbcBackend.micros(1_000));
        assertEquals(Long.MAX_VALUE / 1000 + 1, JdbcBackend.micros(Long.MAX_VALUE));
        handle.release();
        LockHandle forever = locks.tryAcquire(name, Duration.ofSeconds(Long.MAX_VALUE)).orElseThrow();
        assertTrue(row(name)[1] > 9_000_000_000_000_000L, "a saturated lease does not overflow");
        assertTrue(forever.release());
    }

    @Test
    void everyDatabaseFailureIsALockBackendExceptionNamingTheOperation() throws Exception {
        String kind = expectedDialect().product;
        JdbcLock down = builder(TestPool.down(), b -> {}).dialect(expectedDialect()).build();
        assertFailure("acquire", kind, () -> down.tryAcquire("n", Duration.ofSeconds(1)));
        assertFailure("acquire", kind, () -> down.acquire("n", Duration.ofSeconds(1), Duration.ofSeconds(1)));
        assertFailure("createSchema", kind, down::createSchemaIfMissing);
        assertFailure("deleteExpired", kind, down::deleteExpired);

        TestPool pool = pool();
        List<Exception> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
        JdbcLock locks = builder(pool, b -> b.listener(new dev.mainstay.lock.LockListener() {
            @Override
            public void onBackendFailure(String lock, String name, LockBackendException failure) {
                heard.add(failure);
            }
        })).build();
        LockHandle extended = locks.tryAcquire(uniqueName("down"), Duration.ofSeconds(10)).orElseThrow();
        LockHandle released = locks.tryAcquire(uniqueName("down"), Duration.ofSeconds(10)).orElseThrow();
        java.util.concurrent.CompletableFuture<dev.mainstay.lock.LockLostException> lost =
                new java.util.concurrent.CompletableFuture<>();
        LockHandle renewed = locks.tryAcquire(uniqueName("down"), shortLease()).orElseThrow()
                .renewAutomatically(lost::complete);
        pool.down = true;
        assertFailure("extend", kind, () -> extended.extend(Duration.ofSeconds(10)));
        assertFailure("release", kind, released::release);
        dev.mainstay.lock.LockLostException renewal = lost.get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals(renewed.token(), renewal.token());
        LockBackendException cause = assertInstanceOf(LockBackendException.class, renewal.getCause());
        assertEquals("renew", cause.operation());
        assertFalse(renewed.isHeld());
        assertTrue(heard.size() >= 3, "the listener heard every failure: " + heard);
        pool.down = false;
        assertTrue(extended.release(), "the database kept the grant");
        locks.close();
    }

    private static void assertFailure(String operation, String kind, org.junit.jupiter.api.function.Executable call) {
        LockBackendException e = assertThrows(LockBackendException.class, call);
        assertEquals(operation, e.operation());
        assertInstanceOf(SQLException.class, e.getCause());
        assertTrue(e.getMessage().startsWith(operation + " of lock '") && e.getMessage().contains(" failed on " + kind),
                e.getMessage());
    }

    @Test
    void badJdbcSettingsAreRefused() {
        IllegalArgumentException table = assertThrows(IllegalArgumentException.class,
                () -> JdbcLock.builder(dataSource()).tableName("x; DROP TABLE y"));
        assertEquals("tableName must be an SQL identifier but was 'x; DROP TABLE y'", table.getMessage());
        assertThrows(IllegalArgumentException.class, () -> JdbcLock.builder(dataSource()).tableName("1table"));
        assertThrows(IllegalArgumentException.class, () -> JdbcLock.builder(dataSource()).tableName(""));
        assertThrows(IllegalArgumentException.class, () -> JdbcLock.builder(dataSource()).tableName("t".repeat(64)));
        JdbcLock.builder(dataSource()).tableName("_t".repeat(31) + "t");
        NullPointerException noSource = assertThrows(NullPointerException.class, () -> JdbcLock.builder(null));
        assertEquals("dataSource", noSource.getMessage());
        assertEquals("tableName",
                assertThrows(NullPointerException.class, () -> JdbcLock.builder(dataSource()).tableName(null))
                        .getMessage());
        assertEquals("dialect",
                assertThrows(NullPointerException.class, () -> JdbcLock.builder(dataSource()).dialect(null))
                        .getMessage());
        IllegalArgumentException name = assertThrows(IllegalArgumentException.class,
                () -> JdbcLock.builder(dataSource()).name(" "));
        assertEquals("name must not be blank but was ' '", name.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> JdbcDialect.of("Oracle"));
        assertEquals("database 'Oracle' is not supported: use PostgreSQL, MariaDB/MySQL or H2, or name a dialect",
                unknown.getMessage());
        assertSame(JdbcDialect.MARIADB, JdbcDialect.of("MySQL"));
        assertEquals("/dev/mainstay/lock/jdbc/" + expectedDialect().name().toLowerCase() + ".sql",
                expectedDialect().ddlResource());
        IllegalStateException undetected = assertThrows(IllegalStateException.class,
                () -> JdbcLock.builder(TestPool.down()).build());
        assertInstanceOf(SQLException.class, undetected.getCause());
        assertTrue(undetected.getMessage().startsWith("could not detect the database of a JDBC lock"),
                undetected.getMessage());
    }

    @Test
    void ownerIdsAreRandomHex() {
        String owner = JdbcBackend.newOwner();
        assertEquals(32, owner.length());
        assertTrue(owner.matches("[0-9a-f]{32}"), owner);
        assertNotEquals(owner, JdbcBackend.newOwner());
    }
}
