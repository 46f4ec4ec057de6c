package dev.mainstay.lock.jdbc;

import dev.mainstay.lock.DistributedLock;
import dev.mainstay.lock.LockBuilder;
import dev.mainstay.lock.internal.Nullable;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * A {@link DistributedLock} whose grants are rows of a SQL table, shared by every process using the same table:
 * PostgreSQL, MariaDB/MySQL or H2, on the database's clock only.
 *
 * <pre>{@code
 * JdbcLock locks = JdbcLock.builder(dataSource).build();
 * locks.createSchemaIfMissing();                 // or run /dev/mainstay/lock/jdbc/<dialect>.sql yourself
 * try (LockHandle lock = locks.acquire("nightly-report", Duration.ofMinutes(1), Duration.ofSeconds(5))) {
 *     writeReport(lock.token());                 // the store refuses tokens lower than one it has seen
 * }
 * }</pre>
 *
 * <p>Acquire, extend and release are one statement each on PostgreSQL, MariaDB and H2, on a connection borrowed
 * from the {@code DataSource} and closed at once (so the pool does the pooling); renewals due together share one
 * JDBC batch. No session state is used (no advisory locks), so any pool works. See the
 * {@linkplain dev.mainstay.lock.jdbc package note} for the SQL, the guarantees and what happens inside a caller's
 * transaction. Thread-safe; immutable in configuration.
 */
public interface JdbcLock extends DistributedLock {

    /**
     * A builder of a lock on {@code dataSource}.
     *
     * @param dataSource the database
     * @return the builder
     */
    static Builder builder(DataSource dataSource) {
        return new Builder(dataSource);
    }

    /**
     * Creates the table if it does not exist, from the dialect's DDL resource ({@link JdbcDialect#ddlResource()}).
     *
     * @throws dev.mainstay.lock.LockBackendException if the database failed (operation {@code "createSchema"})
     */
    void createSchemaIfMissing();

    /**
     * Deletes the rows whose lease has ended and whose token was handed out more than a minute ago, in batches of
     * 1,000 rows (one statement, and in auto-commit one transaction, per batch); schedule it as you like. A row
     * stays after its release so that the next grant of the name continues its token sequence; deleting is safe
     * for tokens because a name's next row starts at the database's time in microseconds, which has passed every
     * deleted token (see the package note for the exact condition).
     *
     * @return the number of rows deleted
     * @throws dev.mainstay.lock.LockBackendException if the database failed (operation {@code "deleteExpired"})
     */
    int deleteExpired();

    /**
     * The dialect in use.
     *
     * @return the dialect
     */
    JdbcDialect dialect();

    /**
     * Builds a {@link JdbcLock}. Each setting is checked when set.
     *
     * <pre>{@code
     * JdbcLock locks = JdbcLock.builder(dataSource)
     *         .tableName("job_locks")
     *         .dialect(JdbcDialect.POSTGRESQL)    // default: detected when built
     *         .name("jobs")
     *         .build();
     * }</pre>
     */
    final class Builder extends LockBuilder<Builder> {

        private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

        /** How old a token must be before {@link #deleteExpired()} may delete its row. */
        static final long PURGE_GRACE_MICROS = 60_000_000L;
        /** Rows per {@link #deleteExpired()} statement. */
        static final int PURGE_BATCH = 1_000;

        private final DataSource dataSource;
        private String tableName = "mainstay_lock";
        private @Nullable JdbcDialect dialect;
        /** Tests only. */
        long purgeGraceMicros = PURGE_GRACE_MICROS;
        /** Tests only. */
        int purgeBatch = PURGE_BATCH;

        Builder(DataSource dataSource) {
            super("jdbc");
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        }

        @Override
        protected Builder self() {
            return this;
        }

        /**
         * The table. Default {@code mainstay_lock}.
         *
         * @param tableName an SQL identifier: a letter or underscore, then letters, digits, underscores (max 63)
         * @return this builder
         */
        public Builder tableName(String tableName) {
            Objects.requireNonNull(tableName, "tableName");
            if (!IDENTIFIER.matcher(tableName).matches()) {
                throw new IllegalArgumentException("tableName must be an SQL identifier but was '" + tableName + "'");
            }
            this.tableName = tableName;
            return this;
        }

        /**
         * The dialect. Default: detected from the database's product name when built.
         *
         * @param dialect the dialect
         * @return this builder
         */
        public Builder dialect(JdbcDialect dialect) {
            this.dialect = Objects.requireNonNull(dialect, "dialect");
            return this;
        }

        /**
         * Builds the lock; detects the dialect (one connection) unless one was named.
         *
         * @return a new lock
         * @throws IllegalArgumentException if the database is not supported
         * @throws IllegalStateException    if the database could not be reached to detect its dialect
         */
        public JdbcLock build() {
            JdbcDialect chosen = dialect != null ? dialect : detect(dataSource);
            return new SqlLock(config(), new JdbcBackend(dataSource, chosen, tableName), tableName,
                    purgeGraceMicros, purgeBatch);
        }

        private static JdbcDialect detect(DataSource dataSource) {
            try (Connection connection = dataSource.getConnection()) {
                return JdbcDialect.of(connection.getMetaData().getDatabaseProductName());
            } catch (SQLException e) {
                throw new IllegalStateException("could not detect the database of a JDBC lock: " + e.getMessage(), e);
            }
        }
    }
}
