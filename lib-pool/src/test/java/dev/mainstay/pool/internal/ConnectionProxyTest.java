package dev.mainstay.pool.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mainstay.pool.jdbc.PooledDataSource;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.sql.ShardingKey;
import java.sql.Statement;
import java.sql.Wrapper;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the JDBC wrappers do besides delegating (the delegation itself is swept in {@link ProxyDelegationTest}):
 * statement tracking, eviction, the connection's own answers, unwrapping, and use after return. On stand-in driver
 * objects ({@link Recording}) in a pool of one connection.
 */
class ConnectionProxyTest {

    private PooledDataSource db;

    @BeforeEach
    void build() {
        DataSource driver = Recording.of(DataSource.class);
        db = PooledDataSource.builder().dataSource(driver)
                .pool(pool -> pool.name("proxies").maxSize(1).borrowTimeout(Duration.ofSeconds(5)))
                .build();
    }

    @AfterEach
    void close() {
        assertTrue(db.close(Duration.ofSeconds(5)));
        assertEquals(db.metrics().created(), db.metrics().destroyed(), "every connection closed");
    }

    /** The recorder of the driver's object behind a wrapper, its calls so far forgotten. */
    private static Recording driverOf(Wrapper wrapper) throws SQLException {
        Recording recording = Recording.of(wrapper.unwrap(Recording.Target.class));
        recording.clear();
        return recording;
    }

    private static List<String> names(Recording recording) {
        return recording.calls().stream().map(call -> call.method().getName()).toList();
    }

    private static long count(Recording recording, String method) {
        return names(recording).stream().filter(method::equals).count();
    }

    @Test
    void statementsLeftOpenAreClosedOnReturnAndTheOnesTheBorrowerClosedAreNotClosedAgain() throws SQLException {
        Connection c = db.getConnection();
        Statement plain = c.createStatement();
        PreparedStatement prepared = c.prepareStatement("SELECT ?");
        CallableStatement callable = c.prepareCall("{call p(?)}");
        Recording plainDriver = driverOf(plain);
        Recording preparedDriver = driverOf(prepared);
        Recording callableDriver = driverOf(callable);
        assertEquals(3, ((ConnectionProxy) c).openStatements());

        prepared.close();
        assertEquals(2, ((ConnectionProxy) c).openStatements(), "a statement the borrower closed is forgotten");
        c.close();

        assertEquals(1, count(plainDriver, "close"), "left open, closed on return");
        assertEquals(1, count(callableDriver, "close"), "left open, closed on return");
        assertEquals(1, count(preparedDriver, "close"), "closed by the borrower only");
        assertEquals(0, ((ConnectionProxy) c).openStatements(), "the list is clean for the next borrower");
    }

    @Test
    void aStaleStatementCloseLeavesTheNextBorrowersStatementsAlone() throws SQLException {
        Statement stale;
        try (Connection c = db.getConnection()) {
            stale = c.createStatement();
        }
        try (Connection next = db.getConnection()) {
            Statement mine = next.createStatement();
            Recording mineDriver = driverOf(mine);
            stale.close(); // closing twice is allowed, and reaches only the statement the pool closed already
            assertEquals(1, ((ConnectionProxy) next).openStatements(), "the next borrower's statement is tracked");
            assertEquals(0, count(mineDriver, "close"));
        }
    }

    static Stream<Arguments> failures() {
        SQLException chained = new SQLException("batch failed", "HY000");
        chained.setNextException(new SQLException("communication link failure", "08S01"));
        return Stream.of(
                Arguments.of(new SQLException("terminating connection due to administrator command", "57P01"), true),
                Arguments.of(new SQLException("connection failure", "08006"), true),
                Arguments.of(new SQLRecoverableException("socket closed"), true),
                Arguments.of(new SQLException("Lost connection to server during query", "HY000", 2013), true),
                Arguments.of(chained, true),
                Arguments.of(new SQLException("wrapped", "HY000", new SQLException("gone", "08003")), true),
                Arguments.of(new SQLException("duplicate key", "23505"), false),
                Arguments.of(new SQLTransientException("deadlock", "40001"), false),
                Arguments.of(new SQLException("no such table", "42S02", 2013), false));
    }

    @ParameterizedTest
    @MethodSource("failures")
    void aFatalFailureOfAStatementGivesTheNextBorrowerANewPhysicalConnection(SQLException failure, boolean fatal)
            throws SQLException {
        Object physical;
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement("UPDATE t SET v = 1")) {
            physical = c.unwrap(Recording.Target.class);
            driverOf(s).failNext(failure);
            assertSame(failure, assertThrows(SQLException.class, s::executeUpdate));
        }
        try (Connection next = db.getConnection()) {
            assertEquals(fatal, physical != next.unwrap(Recording.Target.class), failure.toString());
        }
        assertEquals(fatal ? 2 : 1, db.metrics().created());
    }

    @Test
    void aFailureAfterReturnEvictsNothing() throws SQLException {
        Object physical;
        Statement stale;
        try (Connection c = db.getConnection()) {
            physical = c.unwrap(Recording.Target.class);
            stale = c.createStatement();
        }
        assertEquals("08003", assertThrows(SQLException.class, stale::getFetchSize).getSQLState());
        assertEquals("08003", assertThrows(SQLException.class, () -> stale.unwrap(Recording.Target.class))
                .getSQLState());
        try (Connection next = db.getConnection()) {
            assertSame(physical, next.unwrap(Recording.Target.class));
        }
    }

    @Test
    void unwrapAndIsWrapperForAnswerTheWrapperFirstThenAskTheDriver() throws SQLException {
        try (Connection c = db.getConnection()) {
            Recording driver = driverOf(c);
            assertSame(c, c.unwrap(Connection.class));
            assertSame(c, c.unwrap(ConnectionProxy.class));
            assertTrue(c.isWrapperFor(Connection.class));
            assertEquals(List.of(), driver.calls(), "the wrapper answers for its own types");
            assertSame(driver.proxy(), c.unwrap(Recording.Target.class));
            assertTrue(c.isWrapperFor(Recording.Target.class));
            assertFalse(c.isWrapperFor(Runnable.class));
            SQLException refused = assertThrows(SQLException.class, () -> c.unwrap(Runnable.class));
            assertTrue(refused.getMessage().startsWith("not a wrapper for"), "the driver's own answer: " + refused);
            assertEquals(List.of("unwrap", "isWrapperFor", "isWrapperFor", "unwrap"), names(driver));

            for (Statement s : List.of(c.createStatement(), c.prepareStatement("SELECT 1"), c.prepareCall("{call p}"))) {
                Recording statementDriver = driverOf(s);
                assertSame(s, s.unwrap(Statement.class));
                assertSame(s, s.unwrap(StatementProxy.class));
                assertTrue(s.isWrapperFor(Statement.class));
                assertEquals(List.of(), statementDriver.calls(), "the wrapper answers for its own types");
                assertSame(statementDriver.proxy(), s.unwrap(Recording.Target.class));
                assertTrue(s.isWrapperFor(Recording.Target.class));
                assertFalse(s.isWrapperFor(Runnable.class));
                assertThrows(SQLException.class, () -> s.unwrap(Runnable.class));
            }
            assertSame(PreparedStatementProxy.class,
                    c.prepareStatement("SELECT 1").unwrap(PreparedStatement.class).getClass());
            assertInstanceOf(CallableStatementProxy.class, c.prepareCall("{call p}").unwrap(CallableStatement.class));
        }
    }

    @Test
    void aFailingUnwrapOrIsWrapperForOfTheDriverIsPassedThroughAndAFatalOneEvicts() throws SQLException {
        Object physical;
        try (Connection c = db.getConnection()) {
            Recording driver = driverOf(c);
            physical = driver.proxy();
            Statement s = c.createStatement();
            Recording statementDriver = driverOf(s);
            SQLException failure = new SQLException("no (test)", "HY000");
            statementDriver.failNext(failure);
            assertSame(failure, assertThrows(SQLException.class, () -> s.isWrapperFor(Runnable.class)));
            statementDriver.failNext(failure);
            assertSame(failure, assertThrows(SQLException.class, () -> s.unwrap(Runnable.class)));
            driver.failNext(failure);
            assertSame(failure, assertThrows(SQLException.class, () -> c.isWrapperFor(Runnable.class)));
            SQLException fatal = new SQLException("gone (test)", "08006");
            statementDriver.failNext(fatal);
            assertSame(fatal, assertThrows(SQLException.class, () -> s.isWrapperFor(Runnable.class)));
        }
        try (Connection next = db.getConnection()) {
            assertNotSame(physical, next.unwrap(Recording.Target.class));
        }
    }

    @Test
    void everyStatementAnswersTheBorrowedConnectionNotTheDrivers() throws SQLException {
        try (Connection c = db.getConnection()) {
            for (Statement s : List.of(c.createStatement(), c.createStatement(1003, 1007),
                    c.createStatement(1003, 1007, 1), c.prepareStatement("SELECT 1"),
                    c.prepareStatement("SELECT 1", 1003, 1007), c.prepareStatement("SELECT 1", 1003, 1007, 1),
                    c.prepareStatement("SELECT 1", Statement.RETURN_GENERATED_KEYS),
                    c.prepareStatement("SELECT 1", new int[] {1}), c.prepareStatement("SELECT 1", new String[] {"a"}),
                    c.prepareCall("{call p}"), c.prepareCall("{call p}", 1003, 1007),
                    c.prepareCall("{call p}", 1003, 1007, 1))) {
                Recording driver = driverOf(s);
                assertSame(c, s.getConnection());
                assertEquals(List.of("isClosed"), driver.calls().stream().map(call -> call.method().getName())
                        .toList(), "asks only whether the statement is closed");
            }
            assertEquals(12, ((ConnectionProxy) c).openStatements(), "every statement is tracked");
        }
    }

    @Test
    void getConnectionOfAStatementTheBorrowerClosedThrows() throws SQLException {
        // JDBC: Statement.getConnection throws SQLException when called on a closed statement
        try (Connection c = db.getConnection()) {
            for (Statement s : List.of(c.createStatement(), c.prepareStatement("SELECT 1"), c.prepareCall("{call p}"))) {
                Recording statementDriver = driverOf(s);
                s.close();
                statementDriver.answer("isClosed", true);
                SQLException e = assertThrows(SQLException.class, s::getConnection);
                assertEquals("this statement is closed", e.getMessage());
            }
            Statement s = c.createStatement();
            SQLException failure = new SQLException("no (test)", "HY000");
            driverOf(s).failNext(failure);
            assertSame(failure, assertThrows(SQLException.class, s::getConnection));
            assertFalse(c.isClosed());
        }
    }

    @Test
    void getAutoCommitAnswersTheBorrowersSettingWithoutARoundTrip() throws SQLException {
        try (Connection c = db.getConnection()) {
            Recording driver = driverOf(c);
            assertTrue(c.getAutoCommit(), "the value the connection was opened with");
            c.setAutoCommit(false);
            assertFalse(c.getAutoCommit());
            c.setAutoCommit(true);
            assertTrue(c.getAutoCommit());
            assertEquals(List.of("setAutoCommit", "setAutoCommit"), names(driver));
        }
    }

    @Test
    void aTransactionIsRolledBackOnReturnOnlyIfWorkRanSinceTheLastCommitOrRollback() throws SQLException {
        Connection c = db.getConnection();
        Recording driver = driverOf(c);
        c.setAutoCommit(false);
        c.close();
        assertEquals(0, count(driver, "rollback"), "nothing ran: nothing to roll back");
        assertEquals(2, count(driver, "setAutoCommit"), "set by the borrower, restored on return");

        for (String ending : List.of("commit", "rollback", "none")) {
            c = db.getConnection();
            driver = driverOf(c);
            c.setAutoCommit(false);
            try (PreparedStatement s = c.prepareStatement("UPDATE t SET v = ?")) {
                s.setInt(1, 1);
                s.executeUpdate();
            }
            switch (ending) {
                case "commit" -> c.commit();
                case "rollback" -> c.rollback();
                default -> { }
            }
            driver.clear();
            c.close();
            assertEquals(ending.equals("none") ? 1 : 0, count(driver, "rollback"), "after " + ending);
        }

        c = db.getConnection();
        driver = driverOf(c);
        c.setAutoCommit(false);
        c.createStatement().execute("UPDATE t SET v = 2");
        c.setAutoCommit(true); // JDBC: switching auto-commit on commits the open transaction
        driver.clear();
        c.close();
        assertEquals(0, count(driver, "rollback"), "committed by setAutoCommit(true)");
    }

    @Test
    void isValidAfterReturnIsFalseWithoutAskingTheDriverAndAnInvalidConnectionIsEvicted() throws SQLException {
        Connection c = db.getConnection();
        Recording driver = driverOf(c);
        Object physical = driver.proxy();
        assertTrue(c.isValid(3));
        c.close();
        driver.clear();
        assertFalse(c.isValid(3));
        assertTrue(c.isClosed());
        assertEquals(0, count(driver, "isValid"));

        try (Connection next = db.getConnection()) {
            assertFalse(next.isClosed());
            Recording nextDriver = driverOf(next);
            assertSame(physical, nextDriver.proxy());
            nextDriver.answerNext(false);
            assertFalse(next.isValid(3));
        }
        try (Connection replaced = db.getConnection()) {
            assertNotSame(physical, replaced.unwrap(Recording.Target.class), "found invalid, so evicted");
        }
    }

    @Test
    void abortPassesTheExecutorOnGivesTheConnectionBackAndEvictsIt() throws SQLException {
        Connection c = db.getConnection();
        Recording driver = driverOf(c);
        Object physical = driver.proxy();
        Executor executor = Runnable::run;
        c.abort(executor);
        assertTrue(c.isClosed());
        Recording.Call abort = driver.calls().get(0);
        assertEquals("abort", abort.method().getName());
        assertSame(executor, abort.args()[0]);
        assertEquals(0, db.metrics().inUse());

        driver.clear();
        c.abort(executor); // JDBC: abort on a closed connection is a no-op
        c.close();
        assertEquals(0, count(driver, "abort")); // (the pool closes the evicted connection in the background)
        try (Connection next = db.getConnection()) {
            assertNotSame(physical, next.unwrap(Recording.Target.class), "an aborted connection is not lent again");
        }
    }

    @Test
    void aFailingAbortStillGivesTheConnectionBack() throws SQLException {
        Connection c = db.getConnection();
        Recording driver = driverOf(c);
        SQLException failure = new SQLException("abort refused", "42000");
        driver.failNext(failure);
        assertSame(failure, assertThrows(SQLException.class, () -> c.abort(Runnable::run)));
        assertTrue(c.isClosed());
        try (Connection next = db.getConnection()) {
            assertNotSame(driver.proxy(), next.unwrap(Recording.Target.class));
        }
    }

    @Test
    void aSecondOrStaleCloseLeavesTheNextBorrowerAlone() throws SQLException {
        Connection first = db.getConnection();
        first.close();
        first.close();
        try (Connection next = db.getConnection()) {
            first.close(); // the slot is lent again: this close is stale
            assertFalse(next.isClosed());
            assertEquals(1, db.metrics().inUse());
            assertTrue(first.isClosed());
            next.createStatement().execute("SELECT 1");
        }
        assertEquals(0, db.metrics().inUse());
        assertEquals(1, db.metrics().created());
    }

    @Test
    void theRequestAndShardingHintsStopAtTheWrapper() throws SQLException {
        // JDBC 4.3 default methods the wrapper does not override: the pool does not pass a borrower's request
        // hints on, and does not support sharding keys (a key set on a pooled session could not be reset)
        try (Connection c = db.getConnection()) {
            Recording driver = driverOf(c);
            c.beginRequest();
            c.endRequest();
            ShardingKey key = Recording.of(ShardingKey.class);
            assertThrows(SQLFeatureNotSupportedException.class, () -> c.setShardingKey(key));
            assertThrows(SQLFeatureNotSupportedException.class, () -> c.setShardingKey(key, key));
            assertThrows(SQLFeatureNotSupportedException.class, () -> c.setShardingKeyIfValid(key, 1));
            assertThrows(SQLFeatureNotSupportedException.class, () -> c.setShardingKeyIfValid(key, key, 1));
            assertEquals(List.of(), driver.calls());
        }
    }

    @Test
    void toStringNamesTheDriversObjectUntilTheConnectionIsGivenBack() throws SQLException {
        Connection c = db.getConnection();
        Statement s = c.prepareStatement("SELECT 1");
        Object physical = c.unwrap(Recording.Target.class);
        assertEquals("ConnectionProxy[" + physical + "]", c.toString());
        assertEquals("PreparedStatementProxy[" + s.unwrap(Recording.Target.class) + "]", s.toString());
        c.close();
        assertEquals("ConnectionProxy[closed]", c.toString());
    }
}
