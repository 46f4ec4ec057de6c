package dev.mainstay.pool.jdbc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mainstay.testkit.SqlBackend;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;

/**
 * A prepared and a callable statement through a {@link PooledDataSource} on a real server: parameters in, a batch,
 * a query, an OUT parameter back, on one pooled connection lent twice; the statements a borrower leaves open are
 * closed when the connection is given back.
 */
final class StatementRoundTrips {

    private StatementRoundTrips() {}

    /**
     * Runs the round trips.
     *
     * @param db the server
     * @param createFunction DDL that makes {@code mainstay_pool_add}, adding two ints
     * @param call the call escape that runs it, with the result as parameter {@code resultIndex}
     * @param resultIndex where the sum comes back
     */
    static void run(SqlBackend db, String createFunction, String call, int resultIndex) throws SQLException {
        try (Connection admin = db.connect(); Statement s = admin.createStatement()) {
            s.execute("DROP TABLE IF EXISTS mainstay_pool_things");
            s.execute("CREATE TABLE mainstay_pool_things (id INT PRIMARY KEY, name VARCHAR(40))");
            s.execute(createFunction);
        }
        PooledDataSource pool = ServerFaults.pool(db, "statements", 1, 0, Duration.ofMinutes(1));
        try {
            PreparedStatement leftOpen;
            CallableStatement callLeftOpen;
            try (Connection c = pool.getConnection()) {
                c.setAutoCommit(false);
                try (PreparedStatement insert = c.prepareStatement("INSERT INTO mainstay_pool_things VALUES (?, ?)")) {
                    assertSame(c, insert.getConnection());
                    for (int id = 1; id <= 3; id++) {
                        insert.setInt(1, id);
                        insert.setString(2, "thing " + id);
                        insert.addBatch();
                    }
                    int[] counts = insert.executeBatch();
                    assertEquals(3, counts.length);
                    for (int count : counts) {
                        assertTrue(count == 1 || count == Statement.SUCCESS_NO_INFO, "batch count " + count);
                    }
                }
                c.commit();
                leftOpen = c.prepareStatement("SELECT name FROM mainstay_pool_things WHERE id = ?");
                leftOpen.setInt(1, 2);
                try (ResultSet rs = leftOpen.executeQuery()) {
                    assertTrue(rs.next());
                    assertEquals("thing 2", rs.getString(1));
                    assertFalse(rs.next());
                }
                callLeftOpen = c.prepareCall(call);
                assertSame(c, callLeftOpen.getConnection());
                assertEquals(5, add(callLeftOpen, 2, 3, resultIndex));
                assertEquals(42, add(callLeftOpen, 40, 2, resultIndex), "the same callable statement again");
            }
            assertTrue(leftOpen.isClosed(), "left open, closed on return");
            assertTrue(callLeftOpen.isClosed(), "left open, closed on return");
            try (Connection c = pool.getConnection()) {
                assertTrue(c.getAutoCommit(), "auto-commit restored");
                try (CallableStatement add = c.prepareCall(call)) {
                    assertEquals(-1, add(add, 1, -2, resultIndex));
                }
                try (PreparedStatement count = c.prepareStatement("SELECT COUNT(*), MIN(id), MAX(id) FROM"
                        + " mainstay_pool_things WHERE name LIKE ?")) {
                    count.setString(1, "thing %");
                    try (ResultSet rs = count.executeQuery()) {
                        assertTrue(rs.next());
                        assertArrayEquals(new int[] {3, 1, 3}, new int[] {rs.getInt(1), rs.getInt(2), rs.getInt(3)});
                    }
                }
            }
            assertEquals(1, pool.metrics().created(), "one connection, lent twice: " + pool.metrics());
        } finally {
            assertTrue(pool.close(Duration.ofSeconds(5)));
            try (Connection admin = db.connect(); Statement s = admin.createStatement()) {
                s.execute("DROP TABLE mainstay_pool_things");
            }
        }
        assertEquals(pool.metrics().created(), pool.metrics().destroyed(), "every connection closed");
    }

    private static int add(CallableStatement call, int a, int b, int resultIndex) throws SQLException {
        int in = resultIndex == 1 ? 2 : 1;
        call.registerOutParameter(resultIndex, Types.INTEGER);
        call.setInt(in, a);
        call.setInt(in + 1, b);
        call.execute();
        int sum = call.getInt(resultIndex);
        assertFalse(call.wasNull());
        return sum;
    }
}
