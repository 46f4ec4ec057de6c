package dev.mainstay.testkit;

import static dev.mainstay.testkit.PostgresBackendIT.queryInt;
import static dev.mainstay.testkit.PostgresBackendIT.queryString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RealBackends.class)
class MariaDbBackendIT {

    @Test
    void connectsWithTheMariaDbDriver(MariaDbBackend db) throws SQLException {
        try (Connection connection = db.dataSource().getConnection()) {
            assertEquals("MariaDB", connection.getMetaData().getDatabaseProductName());
            assertEquals(42, queryInt(connection, "SELECT 42"));
            assertEquals("mainstay", queryString(connection, "SELECT DATABASE()"));
        }
    }

    @Test
    void killConnectionsDropsOtherSessions(MariaDbBackend db) throws SQLException {
        try (Connection victim = db.connect()) {
            assertEquals(1, queryInt(victim, "SELECT 1"));
            assertTrue(db.killConnections() >= 1);
            assertThrows(SQLException.class, () -> queryInt(victim, "SELECT 1"));
        }
        try (Connection fresh = db.connect()) {
            assertEquals(1, queryInt(fresh, "SELECT 1"));
        }
    }

    @Test
    void restartKeepsDataAndPort(MariaDbBackend db) throws SQLException {
        try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS testkit_restart (v int) ENGINE=InnoDB");
            statement.execute("DELETE FROM testkit_restart");
            statement.execute("INSERT INTO testkit_restart VALUES (7)");
        }
        try (Connection before = db.connect()) {
            db.restart();
            assertThrows(SQLException.class, () -> queryInt(before, "SELECT 1"), "old connections are gone");
        }
        try (Connection after = db.connect()) {
            assertEquals(7, queryInt(after, "SELECT v FROM testkit_restart"));
        }
    }
}
