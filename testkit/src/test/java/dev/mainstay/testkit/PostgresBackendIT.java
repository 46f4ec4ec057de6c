package dev.mainstay.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RealBackends.class)
class PostgresBackendIT {

    @Test
    void connectsWithThePostgresDriver(PostgresBackend pg) throws SQLException {
        try (Connection connection = pg.dataSource().getConnection()) {
            assertEquals("PostgreSQL", connection.getMetaData().getDatabaseProductName());
            assertEquals(42, queryInt(connection, "SELECT 42"));
            assertEquals("mainstay", queryString(connection, "SELECT current_database()"));
        }
    }

    @Test
    void killConnectionsTerminatesOtherSessions(PostgresBackend pg) throws SQLException {
        try (Connection victim = pg.connect()) {
            assertEquals(1, queryInt(victim, "SELECT 1"));
            assertTrue(pg.killConnections() >= 1);
            SQLException failure = assertThrows(SQLException.class, () -> queryInt(victim, "SELECT 1"));
            assertTrue(failure.getSQLState().startsWith("57P01") || failure.getSQLState().startsWith("08"),
                    "admin shutdown or connection failure, was " + failure.getSQLState());
        }
        try (Connection fresh = pg.connect()) {
            assertEquals(1, queryInt(fresh, "SELECT 1"));
        }
    }

    @Test
    void restartKeepsDataAndPort(PostgresBackend pg) throws SQLException {
        try (Connection connection = pg.connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS testkit_restart (v int)");
            statement.execute("DELETE FROM testkit_restart");
            statement.execute("INSERT INTO testkit_restart VALUES (7)");
        }
        try (Connection before = pg.connect()) {
            pg.restart();
            assertThrows(SQLException.class, () -> queryInt(before, "SELECT 1"), "old connections are gone");
        }
        try (Connection after = pg.connect()) {
            assertEquals(7, queryInt(after, "SELECT v FROM testkit_restart"));
        }
    }

    @Test
    void whileStoppedConnectionsAreRefused(PostgresBackend pg) throws SQLException {
        pg.stop();
        try {
            SQLException refused = assertThrows(SQLException.class, pg::connect);
            assertEquals("08001", refused.getSQLState());
        } finally {
            pg.start();
        }
        try (Connection connection = pg.connect()) {
            assertEquals(1, queryInt(connection, "SELECT 1"));
        }
    }

    static int queryInt(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getInt(1);
        }
    }

    static String queryString(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }
}
