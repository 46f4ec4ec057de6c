package dev.mainstay.pool.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * What a {@link PooledConnection} reads when it is opened and undoes when it is given back, call by call, on a
 * stand-in driver connection ({@link Recording}).
 */
class PooledConnectionResetTest {

    private static Recording driver() {
        return Recording.of(Recording.connection())
                .answer("getAutoCommit", true)
                .answer("getTransactionIsolation", Connection.TRANSACTION_READ_COMMITTED)
                .answer("isReadOnly", false)
                .answer("getCatalog", "app")
                .answer("getSchema", "public")
                .answer("getNetworkTimeout", 30_000);
    }

    private static Recording postgres(Recording driver) {
        DatabaseMetaData meta = Recording.of(DatabaseMetaData.class);
        Recording.of(meta).answer("getDatabaseProductName", "PostgreSQL");
        return driver.answer("getMetaData", meta);
    }

    private static PooledConnection open(Recording driver) throws SQLException {
        PooledConnection pooled = new PooledConnection((Connection) driver.proxy(), () -> {});
        driver.clear();
        return pooled;
    }

    private static List<String> calls(Recording driver) {
        return driver.calls().stream()
                .map(call -> call.method().getName() + (call.args().length == 0 ? "" : List.of(call.args())))
                .toList();
    }

    @Test
    void readsTheSessionDefaultsOnce() throws SQLException {
        Recording driver = postgres(driver());
        PooledConnection pooled = new PooledConnection((Connection) driver.proxy(), () -> {});
        assertTrue(pooled.postgres);
        assertTrue(pooled.defaultAutoCommit);
        assertTrue(pooled.autoCommit);
        assertEquals(Connection.TRANSACTION_READ_COMMITTED, pooled.defaultIsolation);
        assertFalse(pooled.defaultReadOnly);
        assertEquals("app", pooled.defaultCatalog);
        assertEquals("public", pooled.defaultSchema);
        assertEquals(30_000, pooled.defaultNetworkTimeout);
        assertEquals(List.of("getMetaData", "getAutoCommit", "getTransactionIsolation", "isReadOnly", "getCatalog",
                "getSchema", "getNetworkTimeout"), driver.calls().stream().map(c -> c.method().getName()).toList());
    }

    @Test
    void aDriverWithoutMetadataSchemaOrNetworkTimeoutIsStillPooled() throws SQLException {
        Recording driver = driver()
                .fail("getMetaData", new SQLFeatureNotSupportedException("no metadata"))
                .fail("getSchema", new AbstractMethodError("a JDBC 4.0 driver"))
                .fail("getNetworkTimeout", new SQLFeatureNotSupportedException("no network timeout"));
        PooledConnection pooled = new PooledConnection((Connection) driver.proxy(), () -> {});
        assertFalse(pooled.postgres);
        assertNull(pooled.defaultSchema);
        assertEquals(-1, pooled.defaultNetworkTimeout);

        driver.clear();
        pooled.dirtyNetworkTimeout = true;
        pooled.reset();
        assertEquals(List.of("setNetworkTimeout[" + PooledConnection.DIRECT + ", 0]", "clearWarnings"), calls(driver),
                "an unknown timeout is reset to none");
    }

    @Test
    void aCleanConnectionCostsOnlyClearWarnings() throws SQLException {
        Recording driver = driver();
        PooledConnection pooled = open(driver);
        pooled.reset();
        assertEquals(List.of("clearWarnings"), calls(driver));
    }

    @Test
    void undoesExactlyWhatTheBorrowerChangedInOrder() throws SQLException {
        Recording driver = driver();
        PooledConnection pooled = open(driver);
        pooled.autoCommit = false;
        pooled.dirtyAutoCommit = true;
        pooled.inTransaction = true;
        pooled.dirtyIsolation = true;
        pooled.dirtyReadOnly = true;
        pooled.dirtyCatalog = true;
        pooled.dirtySchema = true;
        pooled.dirtyNetworkTimeout = true;
        pooled.reset();
        assertEquals(List.of("rollback", "setAutoCommit[true]", "setTransactionIsolation[2]", "setReadOnly[false]",
                "setCatalog[app]", "setSchema[public]", "setNetworkTimeout[" + PooledConnection.DIRECT + ", 30000]",
                "clearWarnings"), calls(driver));
        assertTrue(pooled.autoCommit);
        assertFalse(pooled.inTransaction || pooled.dirtyAutoCommit || pooled.dirtyIsolation || pooled.dirtyReadOnly
                || pooled.dirtyCatalog || pooled.dirtySchema || pooled.dirtyNetworkTimeout);
        driver.clear();
        pooled.reset();
        assertEquals(List.of("clearWarnings"), calls(driver), "a second reset has nothing to undo");
    }

    @Test
    void onPostgresTheSearchPathIsResetAndCommittedWhenTheSessionIsInManualCommit() throws SQLException {
        for (boolean autoCommit : new boolean[] {true, false}) {
            Recording driver = postgres(driver()).answer("getAutoCommit", autoCommit);
            PooledConnection pooled = open(driver);
            Statement statement = Recording.of(Statement.class);
            driver.answer("createStatement", statement);
            pooled.dirtySchema = true;
            pooled.reset();
            assertEquals(autoCommit ? List.of("createStatement", "clearWarnings")
                    : List.of("createStatement", "commit", "clearWarnings"), calls(driver));
            assertEquals(List.of("execute[RESET search_path]", "close"), calls(Recording.of(statement)));
        }
    }

    @Test
    void aCatalogThatCannotBeRestoredFailsTheReset() throws SQLException {
        Recording driver = driver().answer("getCatalog", null);
        PooledConnection pooled = open(driver);
        pooled.dirtyCatalog = true;
        SQLException e = assertThrows(SQLException.class, pooled::reset);
        assertEquals("the session started without a current database, which cannot be restored", e.getMessage());
    }

    @Test
    void aForgottenStatementThatFailsToCloseDoesNotStopTheReset() throws SQLException {
        Recording driver = driver();
        PooledConnection pooled = open(driver);
        Statement failing = Recording.of(Statement.class);
        Recording.of(failing).fail("close", new SQLException("already gone"));
        Statement fine = Recording.of(Statement.class);
        pooled.track(failing);
        pooled.track(fine);
        pooled.autoCommit = false;
        pooled.inTransaction = true;
        pooled.reset();
        assertEquals(List.of("close"), calls(Recording.of(fine)));
        assertEquals(0, pooled.openStatements());
        assertEquals(List.of("rollback", "clearWarnings"), calls(driver));
    }

    @Test
    void markBrokenTellsThePoolOnce() throws SQLException {
        AtomicInteger told = new AtomicInteger();
        PooledConnection pooled = new PooledConnection(Recording.connection(), told::incrementAndGet);
        pooled.markBroken();
        pooled.markBroken();
        assertTrue(pooled.broken);
        assertEquals(1, told.get());
    }
}
