package dev.mainstay.pool.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mainstay.pool.PoolTimeoutException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The pooled data source on H2 in memory. */
class PooledDataSourceTest {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private final String url = "jdbc:h2:mem:pooltest" + DATABASES.incrementAndGet() + ";DB_CLOSE_DELAY=-1";
    private PooledDataSource db;

    private PooledDataSource build(int maxSize) throws SQLException {
        db = PooledDataSource.builder().url(url).user("sa").password("")
                .pool(pool -> pool.name("h2").maxSize(maxSize).borrowTimeout(Duration.ofSeconds(5)))
                .build();
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS t (v INT)");
            s.execute("CREATE SCHEMA IF NOT EXISTS other");
        }
        return db;
    }

    @AfterEach
    void close() {
        if (db != null) {
            assertTrue(db.close(Duration.ofSeconds(5)));
            assertEquals(db.metrics().created(), db.metrics().destroyed(), "every connection closed");
        }
    }

    private static int sessionId(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT SESSION_ID()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static int count(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM t")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Test
    void closeGivesThePhysicalConnectionBack() throws SQLException {
        build(1);
        int first;
        try (Connection c = db.getConnection()) {
            first = sessionId(c);
        }
        try (Connection c = db.getConnection()) {
            assertEquals(first, sessionId(c));
        }
        assertEquals(1, db.metrics().created());
        assertEquals(1, db.metrics().idle());
    }

    @Test
    void anOpenTransactionIsRolledBackAndSessionStateReset() throws SQLException {
        build(1);
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
            c.setReadOnly(true);
            c.setSchema("OTHER");
            c.setReadOnly(false);
            try (Statement s = c.createStatement()) {
                s.execute("INSERT INTO PUBLIC.t VALUES (1)");
            }
            assertEquals(1, c.createStatement().executeQuery("SELECT COUNT(*) FROM PUBLIC.t").next() ? 1 : 0);
        }
        try (Connection c = db.getConnection()) {
            assertTrue(c.getAutoCommit());
            assertEquals(Connection.TRANSACTION_READ_COMMITTED, c.getTransactionIsolation());
            assertFalse(c.isReadOnly());
            assertEquals("PUBLIC", c.getSchema());
            assertEquals(0, count(c), "the insert was rolled back");
        }
    }

    @Test
    void committedWorkStays() throws SQLException {
        build(1);
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement s = c.prepareStatement("INSERT INTO t VALUES (?)")) {
                s.setInt(1, 7);
                s.executeUpdate();
            }
            c.commit();
        }
        try (Connection c = db.getConnection()) {
            assertEquals(1, count(c));
        }
    }

    @Test
    void forgottenStatementsAreClosed() throws SQLException {
        build(1);
        Statement forgotten;
        PreparedStatement forgottenToo;
        try (Connection c = db.getConnection()) {
            forgotten = c.createStatement();
            forgottenToo = c.prepareStatement("SELECT 1");
            assertSame(c, forgotten.getConnection());
        }
        assertTrue(forgotten.isClosed());
        assertTrue(forgottenToo.isClosed());
    }

    @Test
    void statementsArePlainDelegatingWrappersThatKeepTheTracking() throws SQLException {
        build(1);
        Statement plain;
        PreparedStatement prepared;
        CallableStatement callable;
        try (Connection c = db.getConnection()) {
            plain = c.createStatement();
            prepared = c.prepareStatement("SELECT v FROM t WHERE v = ?");
            callable = c.prepareCall("SELECT 1");
            for (Statement s : List.of(plain, prepared, callable)) {
                assertFalse(Proxy.isProxyClass(s.getClass()), "no reflection: " + s.getClass());
                assertSame(c, s.getConnection());
                assertTrue(s.isWrapperFor(org.h2.jdbc.JdbcStatement.class));
                assertInstanceOf(org.h2.jdbc.JdbcStatement.class, s.unwrap(org.h2.jdbc.JdbcStatement.class));
            }
            prepared.setInt(1, 7);
            try (ResultSet rs = prepared.executeQuery()) {
                assertFalse(rs.next());
            }
            plain.close(); // closed by the borrower: the pool forgets it
            assertTrue(plain.isClosed());
            assertFalse(prepared.isClosed());
        }
        assertTrue(prepared.isClosed(), "left open, closed on return");
        assertTrue(callable.isClosed(), "left open, closed on return");
        SQLException e = assertThrows(SQLException.class, () -> prepared.setInt(1, 8));
        assertEquals("08003", e.getSQLState());
        assertThrows(SQLException.class, prepared::getConnection);
        plain.close(); // a stale close after the return is harmless
        assertEquals(1, db.metrics().idle());
    }

    @ParameterizedTest
    @ValueSource(strings = {"statement", "prepared", "callable"})
    void aFatalSqlStateFromAStatementEvictsTheConnection(String kind) throws Exception {
        AtomicBoolean failing = new AtomicBoolean();
        DataSource failingSource = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> method.getName().equals("getConnection")
                        ? failingConnection(DriverManager.getConnection(url, "sa", ""), failing) : null);
        db = PooledDataSource.builder().dataSource(failingSource)
                .pool(pool -> pool.name("fatal").maxSize(1).borrowTimeout(Duration.ofSeconds(5)))
                .build();
        try (Connection c = db.getConnection()) {
            assertEquals(1, count(c, kind));
        }
        failing.set(true);
        try (Connection c = db.getConnection()) {
            SQLException e = assertThrows(SQLException.class, () -> count(c, kind));
            assertEquals("08006", e.getSQLState());
        }
        failing.set(false);
        try (Connection c = db.getConnection()) {
            assertEquals(1, count(c, kind));
        }
        assertEquals(2, db.metrics().created(), "the connection that failed was replaced: " + db.metrics());
    }

    private static int count(Connection c, String kind) throws SQLException {
        Statement s = switch (kind) {
            case "statement" -> c.createStatement();
            case "prepared" -> c.prepareStatement("SELECT 1");
            default -> c.prepareCall("SELECT 1");
        };
        try (s; ResultSet rs = s instanceof PreparedStatement p ? p.executeQuery() : s.executeQuery("SELECT 1")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** A connection whose statements' executeQuery fails with SQLState 08006 (connection failure) while asked to. */
    private static Connection failingConnection(Connection real, AtomicBoolean failing) {
        return (Connection) Proxy.newProxyInstance(PooledDataSourceTest.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    Object result = invoke(method, real, args);
                    if (result instanceof Statement statement) {
                        Class<?> type = result instanceof CallableStatement ? CallableStatement.class
                                : result instanceof PreparedStatement ? PreparedStatement.class : Statement.class;
                        return Proxy.newProxyInstance(PooledDataSourceTest.class.getClassLoader(),
                                new Class<?>[] {type}, (p, m, a) -> {
                                    if (m.getName().equals("executeQuery") && failing.get()) {
                                        throw new SQLException("connection lost (test)", "08006");
                                    }
                                    return invoke(m, statement, a);
                                });
                    }
                    return result;
                });
    }

    private static Object invoke(Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Test
    void aClosedConnectionRefusesEveryCall() throws SQLException {
        build(1);
        Connection c = db.getConnection();
        Statement s = c.createStatement();
        c.close();
        c.close(); // closing twice is allowed
        assertTrue(c.isClosed());
        assertFalse(c.isValid(1));
        SQLException e = assertThrows(SQLException.class, c::createStatement);
        assertEquals("08003", e.getSQLState());
        assertThrows(SQLException.class, () -> c.setAutoCommit(false));
        assertThrows(SQLException.class, () -> s.executeQuery("SELECT 1"));
        assertEquals(1, db.metrics().idle(), "the failures after close did not evict the connection");
    }

    @Test
    void anExhaustedPoolThrowsSqlTransientConnectionExceptionWithTheDiagnosis() throws SQLException {
        db = PooledDataSource.builder().url(url).user("sa").password("")
                .pool(pool -> pool.name("tiny").maxSize(1).borrowTimeout(Duration.ofMillis(100)))
                .build();
        try (Connection held = db.getConnection()) {
            SQLTransientConnectionException e =
                    assertThrows(SQLTransientConnectionException.class, db::getConnection);
            assertEquals("08001", e.getSQLState());
            assertInstanceOf(PoolTimeoutException.class, e.getCause());
            assertTrue(e.getMessage().startsWith("pool 'tiny' timed out after "), e.getMessage());
            assertTrue(e.getMessage().contains("1 in use, 0 idle, max 1, 1 waiting"), e.getMessage());
            assertFalse(held.isClosed());
        }
    }

    @Test
    void anUnreachableDatabaseSurfacesAsTheCause() {
        db = PooledDataSource.builder().url("jdbc:postgresql://127.0.0.1:1/none?connectTimeout=1")
                .user("nobody").password("none")
                .pool(pool -> pool.name("down").maxSize(2).borrowTimeout(Duration.ofSeconds(2)))
                .build();
        SQLTransientConnectionException e = assertThrows(SQLTransientConnectionException.class, db::getConnection);
        Throwable cause = e.getCause().getCause();
        assertInstanceOf(SQLException.class, cause, String.valueOf(cause));
        assertTrue(e.getMessage().contains("last creation failed"), e.getMessage());
        assertEquals(0, db.metrics().size());
    }

    @Test
    void wrapsAnUnpooledDataSource() throws SQLException {
        db = PooledDataSource.builder().dataSource(new UnpooledDataSource(url)).pool(pool -> pool.maxSize(2)).build();
        try (Connection c = db.getConnection()) {
            assertTrue(c.isValid(1));
            assertTrue(c.isWrapperFor(Connection.class));
            assertSame(c, c.unwrap(Connection.class));
        }
        assertTrue(db.isWrapperFor(PooledDataSource.class));
        assertThrows(SQLFeatureNotSupportedException.class, () -> db.getConnection("a", "b"));
    }

    @Test
    void gettingAConnectionAfterCloseFails() throws SQLException {
        build(1);
        db.close();
        SQLException e = assertThrows(SQLException.class, db::getConnection);
        assertEquals("08003", e.getSQLState());
    }

    @Test
    void badSettings() {
        PooledDataSource.Builder builder = PooledDataSource.builder();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> builder.url("h2:mem:x"));
        assertEquals("url must start with 'jdbc:' but was 'h2:mem:x'", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> builder.validationTimeout(Duration.ofMillis(10)));
        assertEquals("validationTimeout must be >= 1 second but was PT0.01S", e.getMessage());
        assertEquals("url", assertThrows(NullPointerException.class, () -> builder.url(null)).getMessage());
        assertEquals("driver", assertThrows(NullPointerException.class, () -> builder.driver(null)).getMessage());
        assertEquals("dataSource",
                assertThrows(NullPointerException.class, () -> builder.dataSource(null)).getMessage());
        assertEquals("settings", assertThrows(NullPointerException.class, () -> builder.pool(null)).getMessage());
        assertEquals("set exactly one of url(...) and dataSource(...)",
                assertThrows(IllegalStateException.class, builder::build).getMessage());
        assertThrows(IllegalStateException.class,
                () -> PooledDataSource.builder().url("jdbc:nosuchdriver:x").build());
        assertThrows(IllegalArgumentException.class,
                () -> PooledDataSource.builder().url(url).pool(pool -> pool.maxSize(0)).build());
    }
}
