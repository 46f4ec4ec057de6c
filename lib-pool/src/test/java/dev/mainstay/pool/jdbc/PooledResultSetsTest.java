package dev.mainstay.pool.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.h2.jdbc.JdbcConnection;
import org.h2.jdbc.JdbcStatement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Result sets and metadata are the driver's own, as the package documentation says (no proxies for
 * {@code ResultSet} or {@code DatabaseMetaData}): their {@code getStatement()} and {@code getConnection()} answer
 * the driver's objects. On H2 in memory.
 */
class PooledResultSetsTest {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private PooledDataSource db;

    @BeforeEach
    void build() throws SQLException {
        String url = "jdbc:h2:mem:resultsets" + DATABASES.incrementAndGet() + ";DB_CLOSE_DELAY=-1";
        db = PooledDataSource.builder().url(url).user("sa").password("")
                .pool(pool -> pool.name("resultsets").maxSize(1).borrowTimeout(Duration.ofSeconds(5)))
                .build();
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id INT AUTO_INCREMENT PRIMARY KEY, v INT)");
        }
    }

    @AfterEach
    void close() {
        assertTrue(db.close(Duration.ofSeconds(5)));
        assertEquals(db.metrics().created(), db.metrics().destroyed(), "every connection closed");
    }

    @Test
    void aResultSetAnswersTheDriversStatementTheWrapperWraps() throws SQLException {
        try (Connection c = db.getConnection();
                Statement s = c.createStatement();
                PreparedStatement insert = c.prepareStatement("INSERT INTO t (v) VALUES (?)",
                        Statement.RETURN_GENERATED_KEYS)) {
            try (ResultSet rs = s.executeQuery("SELECT 1")) {
                assertSame(s.unwrap(JdbcStatement.class), rs.getStatement());
                assertNotSame(s, rs.getStatement());
            }
            assertTrue(s.execute("SELECT 2"));
            try (ResultSet rs = s.getResultSet()) {
                assertSame(s.unwrap(JdbcStatement.class), rs.getStatement());
            }
            insert.setInt(1, 7);
            assertEquals(1, insert.executeUpdate());
            try (ResultSet keys = insert.getGeneratedKeys()) {
                assertTrue(keys.next());
                assertEquals(1, keys.getInt(1));
                assertFalse(keys.next());
            }
            assertSame(c.unwrap(JdbcConnection.class), c.getMetaData().getConnection());
        }
    }

    @Test
    void aPhysicalConnectionClosedBehindThePoolsBackIsNotLentAgain() throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            ResultSet rs = s.executeQuery("SELECT 1");
            rs.getStatement().getConnection().close(); // reaches the driver's connection
            assertThrows(SQLException.class, () -> s.executeQuery("SELECT 2"));
        }
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT 3")) {
            assertTrue(rs.next());
            assertEquals(3, rs.getInt(1));
        }
        assertEquals(2, db.metrics().created(), db.metrics().toString());
    }

    @Test
    void aStatementTheBorrowerClosedFailsInTheDriverAndTheConnectionStays() throws SQLException {
        try (Connection c = db.getConnection()) {
            Statement s = c.createStatement();
            s.close();
            assertTrue(s.isClosed());
            SQLException e = assertThrows(SQLException.class, () -> s.executeQuery("SELECT 1"));
            assertFalse(e.getSQLState().startsWith("08"), "the driver's own answer: " + e);
            assertThrows(SQLException.class, s::getConnection, "JDBC: getConnection of a closed statement throws");
            s.close(); // closing twice is allowed
        }
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            assertTrue(s.execute("SELECT 1"));
        }
        assertEquals(1, db.metrics().created(), "a closed statement is no reason to evict: " + db.metrics());
    }
}
