package dev.mainstay.ratelimit.jdbc;

import dev.mainstay.ratelimit.FailurePolicy;
import dev.mainstay.ratelimit.RateLimit;
import dev.mainstay.ratelimit.RateLimiterConfig;
import dev.mainstay.ratelimit.internal.Nullable;
import dev.mainstay.ratelimit.internal.RemoteLimiterBase;
import dev.mainstay.ratelimit.internal.Meter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * The JDBC limiter. On PostgreSQL and MariaDB a decision is one statement ({@link SqlDecision#upsert}); on H2, and
 * for a key whose row was written under another limit, it is one transaction that reads the row
 * {@code FOR UPDATE}, decides with {@link Meter#decideStored} and writes it back.
 */
final class SqlRateLimiter extends RemoteLimiterBase<String> implements JdbcRateLimiter {

    /** MariaDB's error code for a statement it cannot parse (MySQL knows no {@code INSERT ... RETURNING}). */
    private static final int PARSE_ERROR = 1064;

    private final DataSource dataSource;
    private final String table;
    private final JdbcDialect dialect;
    private final String nowNanos;
    private final String select;
    private final String insert;
    private final String update;
    private final String readBack;
    private final String deleteExpired;
    private volatile RateLimit limit;
    /** The upsert of the limit in force, rebuilt when the limit changes. */
    private volatile @Nullable Upsert upsert;
    /** Whether the server takes {@code INSERT ... RETURNING}: MariaDB does, MySQL does not. */
    volatile boolean returning = true;

    private record Upsert(RateLimit limit, String returning, String plain) {}

    SqlRateLimiter(JdbcRateLimiter.Builder builder, RateLimiterConfig config, FailurePolicy failurePolicy) {
        super(config, failurePolicy, "the database");
        this.dataSource = builder.dataSource;
        this.table = builder.tableName;
        this.limit = config.limit();
        this.dialect = builder.dialect != null ? builder.dialect : detect(builder.dataSource);
        this.nowNanos = builder.clockSql != null ? builder.clockSql : "(" + dialect.nowMicros + " * 1000)";
        this.select = "SELECT state, algorithm, capacity, refill_permits, period_nanos, initial_permits,"
                + " updated_nanos, " + nowNanos + " FROM " + table + " WHERE limit_key = ? FOR UPDATE";
        this.insert = String.format(dialect.insertIfAbsent, table, SqlDecision.COLUMNS,
                "?, '', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0");
        this.update = "UPDATE " + table + " SET algorithm = ?, capacity = ?, refill_permits = ?, period_nanos = ?,"
                + " initial_permits = ?, permits = ?, outcome = ?, available = ?, expires_nanos = ?, state = ?,"
                + " updated_nanos = ? WHERE limit_key = ?";
        this.readBack = "SELECT outcome, available, expires_nanos - updated_nanos FROM " + table
                + " WHERE limit_key = ?";
        this.deleteExpired = "DELETE FROM " + table + " WHERE expires_nanos < " + nowNanos;
    }

    private static JdbcDialect detect(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return JdbcDialect.of(connection.getMetaData().getDatabaseProductName());
        } catch (SQLException e) {
            throw new IllegalStateException("could not detect the database of a JDBC rate limiter (name a dialect"
                    + " to build without a connection): " + e.getMessage(), e);
        }
    }

    private Upsert upsertOf(RateLimit current) {
        Upsert known = upsert;
        if (known == null || !known.limit().equals(current)) {
            known = new Upsert(current, SqlDecision.upsert(dialect, table, current, nowNanos, true),
                    SqlDecision.upsert(dialect, table, current, nowNanos, false));
            upsert = known;
        }
        return known;
    }

    /** {@code [result, unused, nanosToFull, available]} as {@link Meter#decideStored} answers. */
    private long[] decideInDatabase(String key, long permits) throws SQLException {
        RateLimit current = limit;
        try (Connection connection = dataSource.getConnection()) {
            if (dialect != JdbcDialect.H2) {
                long[] out = returning ? upsertReturning(connection, key, permits, current)
                        : inTransaction(connection, () -> upsertThenRead(connection, key, permits, current));
                if (out != null) {
                    return out;
                }
            }
            return Objects.requireNonNull( // decideInTransaction always answers
                    inTransaction(connection, () -> decideInTransaction(connection, key, permits, current)), "out");
        }
    }

    /** The single statement; null when the key's row was written under another limit. */
    private @Nullable long[] upsertReturning(Connection connection, String key, long permits, RateLimit current)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(upsertOf(current).returning())) {
            statement.setString(1, key);
            statement.setLong(2, permits);
            statement.execute();
            try (ResultSet row = statement.getResultSet()) {
                return row != null && row.next() ? outcome(row) : null;
            }
        } catch (SQLException e) {
            if (dialect == JdbcDialect.MARIADB && e.getErrorCode() == PARSE_ERROR) {
                returning = false; // MySQL: the upsert and a read of the row in one transaction from now on
                return inTransaction(connection, () -> upsertThenRead(connection, key, permits, current));
            }
            throw e;
        }
    }

    /** MySQL's way: the upsert, then a read of the row it left, in the caller's transaction. */
    private @Nullable long[] upsertThenRead(Connection connection, String key, long permits, RateLimit current)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(upsertOf(current).plain())) {
            statement.setString(1, key);
            statement.setLong(2, permits);
            statement.executeUpdate();
        }
        try (PreparedStatement read = connection.prepareStatement(readBack)) {
            read.setString(1, key);
            try (ResultSet row = read.executeQuery()) {
                if (!row.next()) {
                    throw new SQLException("row of key '" + key + "' vanished from " + table);
                }
                return outcome(row);
            }
        }
    }

    private static @Nullable long[] outcome(ResultSet row) throws SQLException {
        long outcome = row.getLong(1);
        return outcome == Long.MIN_VALUE ? null : new long[] {outcome, 0, row.getLong(3), row.getLong(2)};
    }

    private interface Work {
        @Nullable long[] run() throws SQLException;
    }

    private static @Nullable long[] inTransaction(Connection connection, Work work) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            long[] out = work.run();
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
            connection.setAutoCommit(autoCommit);
        }
    }

    private long[] decideInTransaction(Connection connection, String key, long permits, RateLimit current)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(this.select)) {
            select.setString(1, key);
            ResultSet row = select.executeQuery();
            if (!row.next()) {
                row.close();
                // End the transaction before inserting: on InnoDB the missed SELECT ... FOR UPDATE holds a gap
                // lock, and two clients that both insert the same new key under gap locks deadlock.
                connection.rollback();
                insertPlaceholder(connection, key);
                connection.commit();
                row = select.executeQuery();
                if (!row.next()) {
                    throw new SQLException("row of key '" + key + "' vanished from " + table);
                }
            }
            try (ResultSet locked = row) {
                RateLimit stored = storedLimit(key, locked);
                long updated = locked.getLong(7);
                long now = Math.max(locked.getLong(8), updated);
                long state = stored == null ? 0 : SqlDecision.toMeter(stored, locked.getLong(1), updated, now);
                long[] out = Meter.decideStored(current, stored, state, now, permits);
                try (PreparedStatement update = connection.prepareStatement(this.update)) {
                    update.setString(1, current.algorithm().name());
                    update.setLong(2, current.capacity());
                    update.setLong(3, current.refillPermits());
                    update.setLong(4, current.periodNanos());
                    update.setLong(5, current.initialPermits());
                    update.setLong(6, permits);
                    update.setLong(7, out[0]);
                    update.setLong(8, out[3]);
                    update.setLong(9, now + out[2]);
                    update.setLong(10, SqlDecision.fromMeter(current, out[1], now));
                    update.setLong(11, now);
                    update.setString(12, key);
                    update.executeUpdate();
                }
                return out;
            }
        }
    }

    /** The limit a locked row was written under, null for "no state yet"; a row that makes no sense is a bug. */
    private @Nullable RateLimit storedLimit(String key, ResultSet row) throws SQLException {
        String algorithm = row.getString(2);
        if (algorithm.isEmpty()) {
            return null;
        }
        try {
            return new RateLimit(RateLimit.Algorithm.valueOf(algorithm), row.getLong(3), row.getLong(4),
                    Duration.ofNanos(row.getLong(5)), row.getLong(6));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the row of key '" + key + "' in " + table + " makes no sense: "
                    + e.getMessage(), e);
        }
    }

    /**
     * A row that says "no state yet", inserted in a transaction of its own that holds no other lock; the caller's
     * next {@code SELECT ... FOR UPDATE} locks it.
     */
    private void insertPlaceholder(Connection connection, String key) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(this.insert)) {
            insert.setString(1, key);
            insert.executeUpdate();
        } catch (SQLException e) {
            if (e.getSQLState() == null || !e.getSQLState().startsWith("23")) {
                throw e; // 23xxx: another client inserted it first, which is what we wanted
            }
        }
    }

    @Override
    protected Reply query(String key, long permits) throws Unavailable {
        long[] out;
        try {
            out = decideInDatabase(key, permits);
        } catch (SQLException e) {
            throw new Unavailable(e);
        }
        return new Reply(out[0], out[3], out[2]);
    }

    @Override
    public void createSchemaIfMissing() {
        String ddl;
        try (InputStream in = SqlRateLimiter.class.getResourceAsStream(dialect.ddlResource())) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + dialect.ddlResource());
            }
            ddl = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        StringBuilder sql = new StringBuilder();
        for (String line : ddl.split("\n", -1)) {
            if (!line.strip().startsWith("--")) {
                sql.append(line).append('\n');
            }
        }
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (String command : sql.toString().split(";", -1)) {
                if (!command.isBlank()) {
                    statement.execute(command.replace("mainstay_ratelimit", table));
                }
            }
        } catch (SQLException e) {
            throw failure("createSchema", null, new Unavailable(e));
        }
    }

    @Override
    public int deleteExpired() {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            return statement.executeUpdate(deleteExpired);
        } catch (SQLException e) {
            throw failure("deleteExpired", null, new Unavailable(e));
        }
    }

    @Override
    public JdbcDialect dialect() {
        return dialect;
    }

    @Override
    public void reconfigure(RateLimit limit) {
        this.limit = Objects.requireNonNull(limit, "limit");
    }

    @Override
    public RateLimit limit() {
        return limit;
    }

    @Override
    public String toString() {
        return "JdbcRateLimiter[" + name + ", " + dialect + " table " + table + ", " + limit + "]";
    }
}
