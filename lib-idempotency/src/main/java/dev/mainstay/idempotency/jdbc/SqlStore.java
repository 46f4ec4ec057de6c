package dev.mainstay.idempotency.jdbc;

import dev.mainstay.idempotency.Fingerprint;
import dev.mainstay.idempotency.IdempotencyBackendException;
import dev.mainstay.idempotency.IdempotencyStore;
import dev.mainstay.idempotency.StoredResponse;
import dev.mainstay.idempotency.internal.Checks;
import dev.mainstay.idempotency.internal.Nullable;
import dev.mainstay.idempotency.internal.ResponseCodec;
import dev.mainstay.idempotency.internal.Row;
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
 * The JDBC store. On PostgreSQL and MariaDB a claim is one statement ({@link SqlText#claim}); on H2 and MySQL it is
 * one transaction that locks the row, applies {@link Row#claim} and writes the row back. Completion, release and
 * recovery points are one guarded {@code UPDATE} everywhere.
 */
final class SqlStore implements JdbcIdempotencyStore {

    /** MariaDB's error code for a statement it cannot parse (MySQL knows no {@code INSERT ... RETURNING}). */
    private static final int PARSE_ERROR = 1064;
    /** How many times a claim chosen as a deadlock victim runs. */
    private static final int CLAIM_TRIES = 3;
    /** The longest span in microseconds the SQL arithmetic holds with room to spare: about 95 years. */
    private static final long MAX_SPAN_MICROS = 3_000_000_000_000_000L;

    private final DataSource dataSource;
    private final String table;
    private final JdbcDialect dialect;
    private final String backend;
    /** The statements; switched once to MySQL's when the server refuses {@code RETURNING}. */
    volatile SqlText sql;

    SqlStore(JdbcIdempotencyStore.Builder builder) {
        this.dataSource = builder.dataSource;
        this.table = builder.tableName;
        this.dialect = builder.dialect != null ? builder.dialect : detect(builder.dataSource);
        this.backend = dialect.displayName;
        this.sql = new SqlText(dialect, table, dialect != JdbcDialect.H2);
    }

    private static JdbcDialect detect(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return JdbcDialect.of(connection.getMetaData().getDatabaseProductName());
        } catch (SQLException e) {
            throw new IdempotencyBackendException("detect", "JDBC", null, null, e,
                    "could not reach the database to detect its dialect: " + e.getMessage());
        }
    }

    private static long micros(Duration duration) {
        long nanos = Checks.nanos(duration);
        return Math.min(MAX_SPAN_MICROS, nanos / 1000 + (nanos % 1000 == 0 ? 0 : 1));
    }

    private interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Runs {@code work} on the caller's connection, or on one borrowed and closed at once. */
    private <T> T on(@Nullable Connection given, String operation, @Nullable String scope,
            @Nullable String key, Work<T> work) {
        try {
            if (given != null) {
                return work.run(given);
            }
            try (Connection connection = dataSource.getConnection()) {
                return work.run(connection);
            }
        } catch (SQLException e) {
            throw new IdempotencyBackendException(operation, backend, scope, key, e, null);
        }
    }

    private static boolean deadlock(@Nullable Throwable e) {
        return e instanceof SQLException s && s.getSQLState() != null
                && (s.getSQLState().equals("40001") || s.getSQLState().equals("40P01"));
    }

    @Override
    public ClaimResult claim(String scope, String key, Fingerprint fingerprint, Duration lease, Duration retention) {
        return claim(null, scope, key, fingerprint, lease, retention);
    }

    ClaimResult claim(@Nullable Connection given, String scope, String key, Fingerprint fingerprint, Duration lease,
            Duration retention) {
        long leaseMicros = micros(lease);
        long retentionMicros = micros(retention);
        for (int tries = 1; ; tries++) {
            try {
                return on(given, "claim", scope, key, connection -> {
                    SqlText text = sql;
                    if (text.claim == null) {
                        return lockingClaim(connection, given == null, scope, key, fingerprint.hex(), leaseMicros,
                                retentionMicros);
                    }
                    try {
                        return upsertClaim(connection, text, scope, key, fingerprint.hex(), leaseMicros,
                                retentionMicros);
                    } catch (SQLException e) {
                        if (dialect != JdbcDialect.MARIADB || e.getErrorCode() != PARSE_ERROR) {
                            throw e;
                        }
                        sql = new SqlText(dialect, table, false); // MySQL: the locking transaction from now on
                        return lockingClaim(connection, given == null, scope, key, fingerprint.hex(), leaseMicros,
                                retentionMicros);
                    }
                });
            } catch (IdempotencyBackendException e) {
                if (given != null || tries >= CLAIM_TRIES || !deadlock(e.getCause())) {
                    throw e;
                }
            }
        }
    }

    /** The single statement of PostgreSQL and MariaDB. */
    private ClaimResult upsertClaim(Connection connection, SqlText text, String scope, String key, String hex,
            long leaseMicros, long retentionMicros) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(text.claim)) {
            statement.setString(1, scope);
            statement.setString(2, key);
            statement.setString(3, hex);
            statement.setLong(4, leaseMicros);
            statement.setLong(5, retentionMicros);
            statement.execute();
            try (ResultSet row = statement.getResultSet()) {
                if (row == null || !row.next()) {
                    throw new IllegalStateException("the claim statement on " + backend + " returned no row");
                }
                return decode(row.getString(1), row.getLong(2), row.getLong(3), row.getBytes(4), row.getString(5));
            }
        }
    }

    private static ClaimResult decode(String outcome, long attempt, long remainingMicros, byte[] response,
            String point) {
        switch (outcome == null ? "" : outcome) {
            case "C":
                return ClaimResult.claimed(attempt, point);
            case "D":
                if (response == null) {
                    throw new IllegalStateException("a completed record without a response");
                }
                return ClaimResult.completed(attempt, ResponseCodec.decode(response));
            case "P":
                return ClaimResult.inProgress(attempt, Math.max(0, remainingMicros) * 1000);
            case "M":
                return ClaimResult.keyReused(attempt);
            default:
                throw new IllegalStateException("unknown claim outcome '" + outcome + "'");
        }
    }

    /**
     * H2's and MySQL's claim: lock the row, decide with {@link Row#claim}, write it back, in one transaction (the
     * caller's in transactional mode).
     */
    private ClaimResult lockingClaim(Connection connection, boolean own, String scope, String key, String hex,
            long leaseMicros, long retentionMicros) throws SQLException {
        boolean autoCommit = own && connection.getAutoCommit();
        if (autoCommit) {
            connection.setAutoCommit(false);
        }
        try {
            ClaimResult result = lockAndClaim(connection, own, scope, key, hex, leaseMicros, retentionMicros);
            if (own) {
                connection.commit();
            }
            return result;
        } catch (SQLException | RuntimeException e) {
            if (own) {
                try {
                    connection.rollback();
                } catch (SQLException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        } finally {
            if (autoCommit) {
                connection.setAutoCommit(true);
            }
        }
    }

    private ClaimResult lockAndClaim(Connection connection, boolean own, String scope, String key, String hex,
            long leaseMicros, long retentionMicros) throws SQLException {
        SqlText text = sql;
        for (int tries = 1; ; tries++) {
            try (PreparedStatement select = connection.prepareStatement(text.lock)) {
                select.setString(1, scope);
                select.setString(2, key);
                try (ResultSet found = select.executeQuery()) {
                    if (found.next()) {
                        String state = found.getString(2);
                        byte[] bytes = found.getBytes(6);
                        Row old = new Row(found.getString(1), state.charAt(0), found.getLong(3), found.getLong(4),
                                found.getLong(5), state.equals("C") && bytes != null ? ResponseCodec.decode(bytes)
                                        : null, found.getString(7));
                        Row.Claim claim = Row.claim(old, hex, found.getLong(8), leaseMicros, retentionMicros);
                        if (!claim.unchanged(old)) {
                            update(connection, text, scope, key, claim.row(), found.getLong(8));
                        }
                        ClaimResult result = claim.result();
                        return result.outcome() == ClaimResult.Outcome.IN_PROGRESS
                                ? ClaimResult.inProgress(result.attempt(), result.remainingNanos() * 1000) : result;
                    }
                }
            }
            if (own) {
                // End the transaction before inserting: on InnoDB the missed SELECT ... FOR UPDATE holds a gap lock,
                // and two clients that both insert the same new key under gap locks deadlock.
                connection.rollback();
            }
            try (PreparedStatement insert = connection.prepareStatement(text.insert)) {
                insert.setString(1, scope);
                insert.setString(2, key);
                insert.setString(3, hex);
                insert.setLong(4, leaseMicros);
                insert.setLong(5, retentionMicros);
                insert.executeUpdate();
                return ClaimResult.claimed(1, null);
            } catch (SQLException e) {
                if (tries >= CLAIM_TRIES || e.getSQLState() == null || !e.getSQLState().startsWith("23")) {
                    throw e;
                }
                if (own) {
                    connection.rollback(); // another client inserted it first: lock its row on the next round
                }
            }
        }
    }

    private static void update(Connection connection, SqlText text, String scope, String key, Row row, long now)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(text.update)) {
            update.setString(1, row.fingerprint());
            update.setString(2, String.valueOf(row.state()));
            update.setLong(3, row.attempt());
            update.setLong(4, now);
            update.setLong(5, row.leaseUntil());
            update.setLong(6, row.expiresAt());
            update.setString(7, row.recoveryPoint());
            update.setString(8, scope);
            update.setString(9, key);
            update.executeUpdate();
        }
    }

    @Override
    public boolean complete(String scope, String key, long attempt, StoredResponse response, Duration retention) {
        return complete(null, scope, key, attempt, response, retention);
    }

    boolean complete(@Nullable Connection given, String scope, String key, long attempt, StoredResponse response,
            Duration retention) {
        byte[] bytes = ResponseCodec.encode(response);
        long retentionMicros = micros(retention);
        return on(given, "complete", scope, key, connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql.complete)) {
                statement.setBytes(1, bytes);
                statement.setLong(2, retentionMicros);
                statement.setString(3, scope);
                statement.setString(4, key);
                statement.setLong(5, attempt);
                return statement.executeUpdate() == 1;
            }
        });
    }

    @Override
    public boolean release(String scope, String key, long attempt) {
        return release(null, scope, key, attempt);
    }

    boolean release(@Nullable Connection given, String scope, String key, long attempt) {
        return on(given, "release", scope, key, connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql.release)) {
                statement.setString(1, scope);
                statement.setString(2, key);
                statement.setLong(3, attempt);
                return statement.executeUpdate() == 1;
            }
        });
    }

    @Override
    public boolean savePoint(String scope, String key, long attempt, String point, Duration lease) {
        return savePoint(null, scope, key, attempt, point, lease);
    }

    boolean savePoint(@Nullable Connection given, String scope, String key, long attempt, String point, Duration lease) {
        long leaseMicros = micros(lease);
        return on(given, "savePoint", scope, key, connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql.savePoint)) {
                statement.setString(1, point);
                statement.setLong(2, leaseMicros);
                statement.setString(3, scope);
                statement.setString(4, key);
                statement.setLong(5, attempt);
                return statement.executeUpdate() == 1;
            }
        });
    }

    @Override
    public void createSchemaIfMissing() {
        String ddl;
        try (InputStream in = SqlStore.class.getResourceAsStream(dialect.ddlResource())) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + dialect.ddlResource());
            }
            ddl = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        StringBuilder text = new StringBuilder();
        for (String line : ddl.split("\n", -1)) {
            if (!line.strip().startsWith("--")) {
                text.append(line).append('\n');
            }
        }
        on(null, "schema", null, null, connection -> {
            try (Statement statement = connection.createStatement()) {
                for (String command : text.toString().split(";", -1)) {
                    if (!command.isBlank()) {
                        statement.execute(command.replace("mainstay_idempotency", table));
                    }
                }
            }
            return Boolean.TRUE; // nothing to answer
        });
    }

    @Override
    public int deleteExpired(int maxRows) {
        if (maxRows < 1) {
            throw new IllegalArgumentException("maxRows must be > 0 but was " + maxRows);
        }
        return on(null, "purge", null, null, connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql.purge)) {
                statement.setInt(1, maxRows);
                return statement.executeUpdate();
            }
        });
    }

    @Override
    public JdbcDialect dialect() {
        return dialect;
    }

    @Override
    public String backend() {
        return backend;
    }

    @Override
    public IdempotencyStore transactional(Connection connection) {
        Objects.requireNonNull(connection, "connection");
        return new IdempotencyStore() {
            @Override
            public ClaimResult claim(String scope, String key, Fingerprint fingerprint, Duration lease,
                    Duration retention) {
                return SqlStore.this.claim(connection, scope, key, fingerprint, lease, retention);
            }

            @Override
            public boolean complete(String scope, String key, long attempt, StoredResponse response,
                    Duration retention) {
                return SqlStore.this.complete(connection, scope, key, attempt, response, retention);
            }

            @Override
            public boolean release(String scope, String key, long attempt) {
                return SqlStore.this.release(connection, scope, key, attempt);
            }

            @Override
            public boolean savePoint(String scope, String key, long attempt, String point, Duration lease) {
                return SqlStore.this.savePoint(connection, scope, key, attempt, point, lease);
            }

            @Override
            public String backend() {
                return backend + " (transactional)";
            }
        };
    }

    @Override
    public String toString() {
        return "JdbcIdempotencyStore[" + dialect + " table " + table + "]";
    }
}
