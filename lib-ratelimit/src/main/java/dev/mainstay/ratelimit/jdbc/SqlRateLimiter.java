package dev.mainstay.ratelimit.jdbc;

import dev.mainstay.ratelimit.Decision;
import dev.mainstay.ratelimit.FailurePolicy;
import dev.mainstay.ratelimit.RateLimit;
import dev.mainstay.ratelimit.internal.KeyedLimiterBase;
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

/** The JDBC limiter: one transaction per decision, the decision made by {@link Meter#decideStored}. */
final class SqlRateLimiter extends KeyedLimiterBase<String> implements JdbcRateLimiter {

    private static final String COLUMNS = "limit_key, state, algorithm, capacity, refill_permits, period_nanos,"
            + " initial_permits, updated_nanos, expires_nanos";

    private final DataSource dataSource;
    private final String table;
    private final JdbcDialect dialect;
    private final FailurePolicy failurePolicy;
    private final String select;
    private final String insert;
    private final String update;
    private final String deleteExpired;
    private volatile RateLimit limit;

    SqlRateLimiter(JdbcRateLimiter.Builder builder) {
        super(builder.config());
        this.dataSource = builder.dataSource;
        this.table = builder.tableName;
        this.failurePolicy = builder.failurePolicy;
        this.limit = builder.limit;
        this.dialect = builder.dialect != null ? builder.dialect : detect(builder.dataSource);
        this.select = "SELECT state, algorithm, capacity, refill_permits, period_nanos, initial_permits,"
                + " updated_nanos, " + dialect.nowMicros + " FROM " + table + " WHERE limit_key = ? FOR UPDATE";
        this.insert = String.format(dialect.insertIfAbsent, table, COLUMNS);
        this.update = "UPDATE " + table + " SET state = ?, algorithm = ?, capacity = ?, refill_permits = ?,"
                + " period_nanos = ?, initial_permits = ?, updated_nanos = ?, expires_nanos = ? WHERE limit_key = ?";
        this.deleteExpired = "DELETE FROM " + table + " WHERE expires_nanos < " + dialect.nowMicros + " * 1000";
    }

    private static JdbcDialect detect(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return JdbcDialect.of(connection.getMetaData().getDatabaseProductName());
        } catch (SQLException e) {
            throw new dev.mainstay.ratelimit.RateLimitedException(
                    "could not detect the database of a JDBC rate limiter", 0, e);
        }
    }

    /** {@code [result, state, nanosToFull, available]} as {@link Meter#decideStored} answers. */
    private long[] decideInDatabase(String key, long permits) throws SQLException {
        RateLimit current = limit;
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                long[] out = decideInTransaction(connection, key, permits, current);
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
                String algorithm = locked.getString(2);
                RateLimit stored = algorithm.isEmpty() ? null : new RateLimit(RateLimit.Algorithm.valueOf(algorithm),
                        locked.getLong(3), locked.getLong(4), Duration.ofNanos(locked.getLong(5)), locked.getLong(6));
                long now = Math.max(Math.multiplyExact(locked.getLong(8), 1000L), locked.getLong(7));
                long[] out = Meter.decideStored(current, stored, locked.getLong(1), now, permits);
                try (PreparedStatement update = connection.prepareStatement(this.update)) {
                    update.setLong(1, out[1]);
                    update.setString(2, current.algorithm().name());
                    update.setLong(3, current.capacity());
                    update.setLong(4, current.refillPermits());
                    update.setLong(5, current.periodNanos());
                    update.setLong(6, current.initialPermits());
                    update.setLong(7, now);
                    update.setLong(8, now + out[2]);
                    update.setString(9, key);
                    update.executeUpdate();
                }
                return out;
            }
        }
    }

    /**
     * A row that says "no state yet", inserted in a transaction of its own that holds no other lock; the caller's
     * next {@code SELECT ... FOR UPDATE} locks it.
     */
    private void insertPlaceholder(Connection connection, String key) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(this.insert)) {
            insert.setString(1, key);
            insert.setLong(2, 0);
            insert.setString(3, "");
            for (int i = 4; i <= 9; i++) {
                insert.setLong(i, 0);
            }
            insert.executeUpdate();
        } catch (SQLException e) {
            if (e.getSQLState() == null || !e.getSQLState().startsWith("23")) {
                throw e; // 23xxx: another client inserted it first, which is what we wanted
            }
        }
    }

    private long[] call(String key, long permits) {
        try {
            return decideInDatabase(key, permits);
        } catch (SQLException e) {
            throw new IllegalStateException("JDBC rate limit decision failed: " + e.getMessage(), e);
        }
    }

    @Override
    protected long attempt(String key, long permits, boolean wantRemaining) {
        long[] out;
        try {
            out = call(key, permits);
        } catch (RuntimeException e) {
            return backendFailure(key, permits, e, failurePolicy, "the database") ? 0 : -limit.periodNanos();
        }
        return out[0] >= 0 && !wantRemaining ? 0 : out[0];
    }

    @Override
    protected Decision decide(String key, long permits) {
        long[] out;
        try {
            out = call(key, permits);
        } catch (RuntimeException e) {
            boolean permitted = backendFailure(key, permits, e, failurePolicy, "the database");
            return new Decision(permitted, permits, 0, permitted ? 0 : limit.periodNanos(), 0);
        }
        return out[0] >= 0
                ? new Decision(true, permits, out[0], 0, out[2])
                : new Decision(false, permits, out[3], -out[0], out[2]);
    }

    @Override
    public long availablePermits(String key) {
        Objects.requireNonNull(key, "key");
        try {
            return call(key, 0)[3];
        } catch (RuntimeException e) {
            backendFailure(key, 0, e, FailurePolicy.THROW, "the database");
            throw e; // not reached: THROW throws
        }
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
        for (String line : ddl.split("\n")) {
            if (!line.strip().startsWith("--")) {
                sql.append(line).append('\n');
            }
        }
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (String command : sql.toString().split(";")) {
                if (!command.isBlank()) {
                    statement.execute(command.replace("mainstay_ratelimit", table));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not create table " + table + ": " + e.getMessage(), e);
        }
    }

    @Override
    public int deleteExpired() {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            return statement.executeUpdate(deleteExpired);
        } catch (SQLException e) {
            throw new IllegalStateException("could not delete expired rows of " + table + ": " + e.getMessage(), e);
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
