package dev.mainstay.lock.jdbc;

import dev.mainstay.lock.internal.Grant;
import dev.mainstay.lock.internal.LockBackend;
import dev.mainstay.lock.internal.LockService;
import dev.mainstay.lock.internal.Nullable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;

/**
 * Grants as rows of one table: {@code (lock_name, owner, token, expires_us)}, on the database's clock. Every call
 * borrows a connection from the {@code DataSource} and closes it at once. A connection in auto-commit mode runs
 * each statement as its own transaction; a connection inside the caller's open transaction runs the statements in
 * it, and the lock never commits or rolls back a transaction it did not begin.
 */
final class JdbcBackend extends LockBackend {

    /** MariaDB's error code for a statement it cannot parse (MySQL knows no {@code INSERT ... RETURNING}). */
    static final int PARSE_ERROR = 1064;

    private static final HexFormat HEX = HexFormat.of();

    private final DataSource dataSource;
    private final JdbcDialect dialect;
    final LockSql sql;
    /** Whether the server takes {@code INSERT ... RETURNING}: MariaDB does, MySQL does not. */
    volatile boolean returning = true;

    JdbcBackend(DataSource dataSource, JdbcDialect dialect, String table) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.sql = LockSql.of(dialect, table);
    }

    JdbcDialect dialect() {
        return dialect;
    }

    @Override
    public String kind() {
        return dialect.product;
    }

    /** A new owner id: 128 random bits as 32 hex digits. */
    static String newOwner() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return HEX.toHexDigits(random.nextLong()) + HEX.toHexDigits(random.nextLong());
    }

    /** A lease in whole microseconds, rounded up so that the database's lease is never shorter than asked. */
    static long micros(long nanos) {
        return nanos / 1000 + (nanos % 1000 == 0 ? 0 : 1);
    }

    Connection connect() throws SQLException {
        Connection connection = dataSource.getConnection();
        if (dialect == JdbcDialect.H2 && !connection.getAutoCommit()) {
            connection.close();
            throw new IllegalStateException("a JDBC lock on H2 needs auto-commit connections: H2's CURRENT_TIMESTAMP"
                    + " stands still for a whole transaction, so inside the caller's open transaction a lease would be"
                    + " timed from when that transaction began");
        }
        return connection;
    }

    @Override
    public @Nullable Grant tryAcquire(LockService service, String name, long leaseNanos, long start) throws SQLException {
        String owner = newOwner();
        long token;
        try (Connection connection = connect()) {
            token = switch (dialect) {
                case POSTGRESQL, H2 -> acquireReturningToken(connection, name, owner, leaseNanos);
                case MARIADB -> returning ? acquireReturningRow(connection, name, owner, leaseNanos)
                        : inTransaction(connection, () -> acquireThenRead(connection, name, owner, leaseNanos));
            };
        }
        return token == 0 ? null : new Grant(service, name, owner, token, leaseNanos, start);
    }

    private void bindAcquire(PreparedStatement statement, String name, String owner, long leaseNanos)
            throws SQLException {
        statement.setString(1, name);
        statement.setString(2, owner);
        statement.setLong(3, micros(leaseNanos));
    }

    /** PostgreSQL and H2: a row comes back only when the lock was taken. 0 when held. */
    private long acquireReturningToken(Connection connection, String name, String owner, long leaseNanos)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql.acquire())) {
            bindAcquire(statement, name, owner, leaseNanos);
            try (ResultSet row = statement.executeQuery()) {
                return row.next() ? token(row, name) : 0;
            }
        } catch (SQLException e) {
            if (dialect == JdbcDialect.H2 && "23505".equals(e.getSQLState())) {
                return 0; // another client inserted the name's first row at the same moment: it holds the lock
            }
            throw e;
        }
    }

    /** MariaDB: the row comes back whether it changed or not; it is ours if it carries our owner id. */
    private long acquireReturningRow(Connection connection, String name, String owner, long leaseNanos)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql.acquire())) {
            bindAcquire(statement, name, owner, leaseNanos);
            try (ResultSet row = statement.executeQuery()) {
                return row.next() ? ours(row, name, owner) : 0;
            }
        } catch (SQLException e) {
            if (e.getErrorCode() == PARSE_ERROR) {
                returning = false; // MySQL: the upsert and a read of the row in one transaction from now on
                return inTransaction(connection, () -> acquireThenRead(connection, name, owner, leaseNanos));
            }
            throw e;
        }
    }

    /** MySQL: the upsert, then a read of the row it locked, in one transaction. */
    private long acquireThenRead(Connection connection, String name, String owner, long leaseNanos)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql.acquirePlain())) {
            bindAcquire(statement, name, owner, leaseNanos);
            statement.executeUpdate();
        }
        try (PreparedStatement read = connection.prepareStatement(sql.read())) {
            read.setString(1, name);
            try (ResultSet row = read.executeQuery()) {
                if (!row.next()) {
                    throw new IllegalStateException("the row of lock '" + name + "' vanished within its upsert's"
                            + " transaction");
                }
                return ours(row, name, owner);
            }
        }
    }

    private static long token(ResultSet row, String name) throws SQLException {
        long token = row.getLong(1);
        if (token <= 0) {
            throw new IllegalStateException("lock '" + name + "' was granted with token " + token
                    + ": the table holds a row this lock did not write");
        }
        return token;
    }

    private static long ours(ResultSet row, String name, String owner) throws SQLException {
        return owner.equals(row.getString(2)) ? token(row, name) : 0;
    }

    private interface Work {
        long run() throws SQLException;
    }

    /** Runs {@code work} in a transaction of its own, or in the caller's open transaction without ending it. */
    private static long inTransaction(Connection connection, Work work) throws SQLException {
        if (!connection.getAutoCommit()) {
            return work.run();
        }
        connection.setAutoCommit(false);
        try {
            long out = work.run();
            connection.commit();
            return out;
        } catch (SQLException | RuntimeException e) {
            try {
                connection.rollback();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    @Override
    public boolean extend(Grant grant, long leaseNanos) throws SQLException {
        try (Connection connection = connect();
                PreparedStatement statement = connection.prepareStatement(sql.extend())) {
            bindExtend(statement, grant, leaseNanos);
            return held(statement.executeUpdate(), grant);
        }
    }

    private static void bindExtend(PreparedStatement statement, Grant grant, long leaseNanos) throws SQLException {
        statement.setLong(1, micros(leaseNanos));
        statement.setString(2, grant.name());
        statement.setString(3, grant.owner());
        statement.setLong(4, grant.token());
    }

    private static boolean held(int updated, Grant grant) {
        if (updated == 0 || updated == 1) {
            return updated == 1;
        }
        throw new IllegalStateException("a statement on lock '" + grant.name() + "' changed " + updated
                + " rows: lock_name must be the table's primary key");
    }

    /** One connection and one JDBC batch for all the grants. */
    @Override
    public Object[] extendAll(List<Grant> grants) {
        Object[] results = new Object[grants.size()];
        try (Connection connection = connect();
                PreparedStatement statement = connection.prepareStatement(sql.extend())) {
            for (Grant grant : grants) {
                bindExtend(statement, grant, grant.leaseNanos());
                statement.addBatch();
            }
            int[] counts = statement.executeBatch();
            for (int i = 0; i < results.length; i++) {
                Grant grant = grants.get(i);
                if (i < counts.length && counts[i] != Statement.SUCCESS_NO_INFO) {
                    results[i] = held(counts[i], grant);
                } else { // the driver kept the count to itself: ask again, one by one (still compare-and-act)
                    bindExtend(statement, grant, grant.leaseNanos());
                    results[i] = held(statement.executeUpdate(), grant);
                }
            }
        } catch (SQLException | RuntimeException e) {
            Arrays.fill(results, e);
        }
        return results;
    }

    @Override
    public boolean release(Grant grant) throws SQLException {
        try (Connection connection = connect();
                PreparedStatement statement = connection.prepareStatement(sql.release())) {
            statement.setString(1, grant.name());
            statement.setString(2, grant.owner());
            statement.setLong(3, grant.token());
            return held(statement.executeUpdate(), grant);
        }
    }

    /** Deletes purgeable rows in batches of {@code batch}, one statement (and transaction) per batch. */
    int purge(long graceMicros, int batch) throws SQLException {
        int total = 0;
        try (Connection connection = connect();
                PreparedStatement statement = connection.prepareStatement(sql.purge())) {
            int deleted;
            do {
                statement.setLong(1, graceMicros);
                statement.setInt(2, batch);
                deleted = statement.executeUpdate();
                total += deleted;
            } while (deleted >= batch);
        }
        return total;
    }
}
