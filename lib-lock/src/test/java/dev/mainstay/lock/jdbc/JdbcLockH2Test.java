package dev.mainstay.lock.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mainstay.lock.LockHandle;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The JDBC contract on an embedded H2 database, and what only H2 shows. */
class JdbcLockH2Test extends JdbcLockContract {

    private static final String URL = "jdbc:h2:mem:lock;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000";

    private static final DataSource H2 = (DataSource) java.lang.reflect.Proxy.newProxyInstance(
            JdbcLockH2Test.class.getClassLoader(), new Class<?>[] {DataSource.class}, (proxy, method, args) ->
                    switch (method.getName()) {
                        case "getConnection" -> new org.h2.Driver().connect(URL, new Properties());
                        case "toString" -> "H2 " + URL;
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "equals" -> proxy == args[0];
                        default -> throw new UnsupportedOperationException(method.getName());
                    });

    @Override
    DataSource dataSource() {
        return H2;
    }

    @Override
    JdbcDialect expectedDialect() {
        return JdbcDialect.H2;
    }

    /** H2's CURRENT_TIMESTAMP stands still for a transaction: a lock refuses to time a lease by it. */
    @Test
    void aConnectionInsideAnOpenTransactionIsRefused() throws Exception {
        try (Connection caller = DriverManager.getConnection(URL)) {
            caller.setAutoCommit(false);
            JdbcLock locks = JdbcLock.builder(TestPool.sharing(caller)).tableName(TABLE).build();
            IllegalStateException refused = assertThrows(IllegalStateException.class,
                    () -> locks.tryAcquire(uniqueName("tx"), Duration.ofSeconds(1)));
            assertTrue(refused.getMessage().contains("auto-commit"), refused.getMessage());
            caller.rollback();
        }
    }

    /** A statement that changes two rows is a bug (here: a table without its primary key), never "backend down". */
    @Test
    void aTableWithoutItsPrimaryKeyIsABugNotABackendFailure() throws SQLException {
        execute("DROP TABLE IF EXISTS lock_no_key");
        execute("CREATE TABLE lock_no_key (lock_name VARCHAR(255) NOT NULL, owner VARCHAR(64) NOT NULL,"
                + " token BIGINT NOT NULL, expires_us BIGINT NOT NULL)");
        JdbcLock locks = JdbcLock.builder(pool()).tableName("lock_no_key").build();
        LockHandle handle = locks.tryAcquire("twice", Duration.ofSeconds(10)).orElseThrow();
        execute("INSERT INTO lock_no_key SELECT * FROM lock_no_key");
        IllegalStateException bug = assertThrows(IllegalStateException.class,
                () -> handle.extend(Duration.ofSeconds(10)));
        assertEquals("a statement on lock 'twice' changed 2 rows: lock_name must be the table's primary key",
                bug.getMessage());
    }
}
