package dev.mainstay.pool.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.mainstay.testkit.MariaDbBackend;
import dev.mainstay.testkit.PostgresBackend;
import dev.mainstay.testkit.SqlBackend;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;

/**
 * After a borrower changes the schema or catalog, the next borrower sees exactly what a fresh session sees: the
 * whole {@code search_path} on PostgreSQL, the current database on MariaDB. The user is a role {@code app} that owns
 * a schema (PostgreSQL) or database (MariaDB) of its own name, PostgreSQL's recommended secure pattern, where
 * {@code "$user"} in the path resolves.
 */
final class SessionNamespaces {

    private SessionNamespaces() {}

    private static void run(Connection c, String... statements) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    static String one(Connection c, String query) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** A fresh, unpooled session as {@code app}. */
    private static Connection asApp(Driver driver, SqlBackend db) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", "app");
        properties.setProperty("password", "app-secret");
        return driver.connect(db.jdbcUrl(), properties);
    }

    private static PooledDataSource pool(SqlBackend db) {
        return PooledDataSource.builder().url(db.jdbcUrl()).user("app").password("app-secret")
                .pool(p -> p.name("namespaces").maxSize(1).borrowTimeout(Duration.ofSeconds(5)))
                .build();
    }

    static void postgresSearchPathIsRestored(PostgresBackend pg) throws Exception {
        try (Connection admin = pg.connect()) {
            run(admin,
                    "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'app') THEN"
                            + " CREATE ROLE app LOGIN PASSWORD 'app-secret'; END IF; END $$",
                    "CREATE SCHEMA IF NOT EXISTS app AUTHORIZATION app",
                    "CREATE SCHEMA IF NOT EXISTS elsewhere AUTHORIZATION app",
                    "CREATE TABLE IF NOT EXISTS public.shared_things (id int)",
                    "GRANT SELECT ON public.shared_things TO app",
                    "CREATE TABLE IF NOT EXISTS app.own_things (id int)",
                    "ALTER TABLE app.own_things OWNER TO app");
        }
        String fresh;
        try (Connection c = asApp(new org.postgresql.Driver(), pg)) {
            fresh = one(c, "SHOW search_path");
        }
        assertEquals("\"$user\", public", fresh, "a fresh session's path");
        PooledDataSource db = pool(pg);
        try {
            for (String schema : new String[] {"elsewhere", "app", "public"}) {
                try (Connection c = db.getConnection()) {
                    c.setSchema(schema);
                    assertEquals(schema, one(c, "SHOW search_path"));
                }
                try (Connection c = db.getConnection()) {
                    assertEquals(fresh, one(c, "SHOW search_path"), "after a borrower's setSchema(" + schema + ")");
                    assertEquals("0", one(c, "SELECT count(*) FROM shared_things"), "public is on the path");
                    assertEquals("0", one(c, "SELECT count(*) FROM own_things"), "\"$user\" is on the path");
                }
            }
            try (Connection c = db.getConnection()) {
                c.setAutoCommit(false);
                c.setSchema("elsewhere");
                c.commit();
            }
            try (Connection c = db.getConnection()) {
                assertEquals(fresh, one(c, "SHOW search_path"), "after a change committed in a transaction");
            }
            assertEquals(1, db.metrics().created(), "one connection, reset each time, never replaced");
        } finally {
            db.close();
        }
    }

    static void mariaDbCurrentDatabaseIsRestored(MariaDbBackend mariadb) throws Exception {
        try (Connection admin = mariadb.connect()) {
            String database = one(admin, "SELECT DATABASE()");
            run(admin,
                    "CREATE USER IF NOT EXISTS 'app'@'%' IDENTIFIED BY 'app-secret'",
                    "CREATE USER IF NOT EXISTS 'app'@'localhost' IDENTIFIED BY 'app-secret'",
                    "CREATE DATABASE IF NOT EXISTS app",
                    "CREATE DATABASE IF NOT EXISTS elsewhere",
                    "GRANT ALL PRIVILEGES ON app.* TO 'app'@'%'",
                    "GRANT ALL PRIVILEGES ON app.* TO 'app'@'localhost'",
                    "GRANT ALL PRIVILEGES ON elsewhere.* TO 'app'@'%'",
                    "GRANT ALL PRIVILEGES ON elsewhere.* TO 'app'@'localhost'",
                    "GRANT ALL PRIVILEGES ON `" + database + "`.* TO 'app'@'%'",
                    "GRANT ALL PRIVILEGES ON `" + database + "`.* TO 'app'@'localhost'",
                    "CREATE TABLE IF NOT EXISTS shared_things (id int)");
        }
        String fresh;
        try (Connection c = asApp(new org.mariadb.jdbc.Driver(), mariadb)) {
            fresh = one(c, "SELECT DATABASE()");
        }
        PooledDataSource db = pool(mariadb);
        try {
            for (String database : new String[] {"elsewhere", "app"}) {
                try (Connection c = db.getConnection()) {
                    c.setCatalog(database);
                    assertEquals(database, one(c, "SELECT DATABASE()"));
                    assertNotEquals(fresh, database);
                }
                try (Connection c = db.getConnection()) {
                    assertEquals(fresh, one(c, "SELECT DATABASE()"), "after a borrower's setCatalog(" + database + ")");
                    assertEquals("0", one(c, "SELECT count(*) FROM shared_things"));
                }
            }
            try (Connection c = db.getConnection()) {
                c.setSchema("elsewhere"); // MariaDB Connector/J: the schema is the catalog, or ignored
            }
            try (Connection c = db.getConnection()) {
                assertEquals(fresh, one(c, "SELECT DATABASE()"), "after a borrower's setSchema");
            }
            assertEquals(1, db.metrics().created(), "one connection, reset each time, never replaced");
        } finally {
            db.close();
        }
    }
}
