package dev.mainstay.ratelimit.jdbc;

import dev.mainstay.ratelimit.FailurePolicy;
import dev.mainstay.ratelimit.KeyedRateLimiter;
import dev.mainstay.ratelimit.RateLimit;
import dev.mainstay.ratelimit.BackendRateLimiterBuilder;
import dev.mainstay.ratelimit.internal.Nullable;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * A {@link KeyedRateLimiter} whose state lives in a SQL table, shared by every process using the same table.
 *
 * <pre>{@code
 * JdbcRateLimiter limiter = JdbcRateLimiter.builder(dataSource, RateLimit.tokenBucket(100, 10, Duration.ofSeconds(1)))
 *         .build();
 * limiter.createSchemaIfMissing();           // or run /dev/mainstay/ratelimit/jdbc/<dialect>.sql yourself
 * boolean ok = limiter.tryAcquire("user:42", 1);
 * }</pre>
 *
 * <p>On PostgreSQL and MariaDB each decision is <b>one statement</b> on a connection borrowed from the
 * {@code DataSource} and closed at once: {@code INSERT ... ON CONFLICT DO UPDATE ... RETURNING} (PostgreSQL) or
 * {@code INSERT ... ON DUPLICATE KEY UPDATE ... RETURNING} (MariaDB 10.5+) inserts a new key's row or updates the
 * key's row under its lock, with the limit's exact integer arithmetic written into the SQL, and returns the decision.
 * MySQL, which has no {@code RETURNING}, takes the upsert and a read of the row in one transaction. H2 takes one
 * transaction of {@code SELECT ... FOR UPDATE}, the decision in Java, {@code UPDATE} and {@code COMMIT}; so does the
 * first decision on a key whose row was written under another limit (after {@link #reconfigure}), which converts
 * the row by the carry-over rule. Time is the database's ({@code clock_timestamp()}, {@code NOW(6)},
 * {@code CURRENT_TIMESTAMP(6)}), never this machine's, and never goes backwards for a key (each row remembers its
 * last decision's time). Windows align to the Unix epoch. Decisions equal those of the in-process limiter on the
 * same clock readings.
 *
 * <p>Rows of keys whose limit is full again are garbage: {@link #deleteExpired()} removes them in one statement;
 * schedule it as you like. Failures follow the {@link FailurePolicy} (default {@link FailurePolicy#THROW}) and reach
 * the listener. Thread-safe.
 */
public interface JdbcRateLimiter extends KeyedRateLimiter<String> {

    /**
     * A builder for a limiter enforcing {@code limit} per key in {@code dataSource}.
     *
     * @param dataSource the database
     * @param limit      the limit of each key
     * @return the builder
     */
    static Builder builder(DataSource dataSource, RateLimit limit) {
        return new Builder(dataSource, limit);
    }

    /**
     * Creates the table and its index if they do not exist, from the dialect's DDL resource.
     *
     * @throws dev.mainstay.ratelimit.RateLimitBackendException if the database fails (operation
     *                                                          {@code "createSchema"})
     */
    void createSchemaIfMissing();

    /**
     * Deletes the rows of keys whose limit is full again (they would start the same without a row).
     *
     * @return the number of rows deleted
     * @throws dev.mainstay.ratelimit.RateLimitBackendException if the database fails (operation
     *                                                          {@code "deleteExpired"})
     */
    int deleteExpired();

    /**
     * The dialect in use.
     *
     * @return the dialect
     */
    JdbcDialect dialect();

    /**
     * Builds a {@link JdbcRateLimiter}. Each setting is checked when set; the shared ones are described in
     * {@link BackendRateLimiterBuilder}.
     *
     * <pre>{@code
     * JdbcRateLimiter.builder(dataSource, RateLimit.fixedWindow(5, Duration.ofMinutes(1)))
     *         .tableName("login_limits")
     *         .failurePolicy(FailurePolicy.FAIL_CLOSED)
     *         .build();
     * }</pre>
     */
    final class Builder extends BackendRateLimiterBuilder<Builder> {
        private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

        final DataSource dataSource;
        String tableName = "mainstay_ratelimit";
        @Nullable JdbcDialect dialect;
        /** SQL of the time in nanoseconds since the Unix epoch instead of the database's clock: tests only. */
        @Nullable String clockSql;

        Builder(DataSource dataSource, RateLimit limit) {
            super(limit);
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        }

        @Override
        protected Builder self() {
            return this;
        }

        /**
         * The table. Default {@code mainstay_ratelimit}.
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
         * Builds the limiter; detects the dialect (one connection) unless one was named.
         *
         * @return a new limiter
         * @throws IllegalArgumentException if the database is not supported
         * @throws IllegalStateException    if the database cannot be reached to detect it (name a dialect to build
         *                                  without a connection)
         */
        public JdbcRateLimiter build() {
            return new SqlRateLimiter(this, config(), failurePolicy());
        }
    }
}
