package dev.mainstay.idempotency.jdbc;

import dev.mainstay.idempotency.IdempotencyStore;
import dev.mainstay.idempotency.internal.Checks;
import dev.mainstay.idempotency.internal.Nullable;
import java.sql.Connection;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * An {@link IdempotencyStore} in a SQL table, shared by every process using the same table: PostgreSQL,
 * MariaDB/MySQL or H2.
 *
 * <pre>{@code
 * JdbcIdempotencyStore store = JdbcIdempotencyStore.builder(dataSource).build();
 * store.createSchemaIfMissing();       // or run /dev/mainstay/idempotency/jdbc/<dialect>.sql yourself
 * Idempotency idempotency = Idempotency.builder(store).build();
 * }</pre>
 *
 * <p><b>One statement per operation</b>, on a connection borrowed from the {@code DataSource} and closed at once.
 * A claim is {@code INSERT ... ON CONFLICT (scope, idem_key) DO UPDATE ... RETURNING} on PostgreSQL and
 * {@code INSERT ... ON DUPLICATE KEY UPDATE ... RETURNING} on MariaDB 10.5+: it inserts a new key's row, or under
 * the row's lock takes over a released, expired or lease-expired row, or leaves it as it is, and in every case
 * returns what it found (the claim's attempt number, the stored response, the holder's remaining lease, or another
 * fingerprint). A completion, a release and a recovery point are each one {@code UPDATE ... WHERE attempt = ? AND
 * state = 'P'}. Round trips: first execution 2, replay 1, conflicting duplicate 1. On H2 and on MySQL (no
 * {@code RETURNING}) a claim is one transaction of {@code SELECT ... FOR UPDATE}, an {@code INSERT} or
 * {@code UPDATE}, and {@code COMMIT}. A claim that the database ends as a deadlock victim (InnoDB can pick one when
 * many clients insert one new key) is run again, at most 3 times; nothing else is retried.
 *
 * <p><b>Time</b> is the database's ({@code clock_timestamp()}, {@code NOW(6)} in UTC, {@code CURRENT_TIMESTAMP(6)}),
 * never this machine's. <b>Expired rows</b> are deleted by {@link #deleteExpired(int)} in bounded batches; schedule
 * it as you like. <b>Transactional mode</b>: {@link #transactional(Connection)} runs every operation on your
 * connection, inside your transaction, so the claim, your business writes and the completion commit (or roll back)
 * together.
 *
 * <p>Failures throw {@link dev.mainstay.idempotency.IdempotencyBackendException} naming the operation, with the
 * driver's {@code SQLException} as the cause. Thread-safe.
 */
public interface JdbcIdempotencyStore extends IdempotencyStore {

    /**
     * A builder for a store in {@code dataSource}.
     *
     * @param dataSource the database
     * @return the builder
     */
    static Builder builder(DataSource dataSource) {
        return new Builder(dataSource);
    }

    /**
     * Creates the table and its index if they do not exist, from the dialect's DDL resource.
     *
     * @throws dev.mainstay.idempotency.IdempotencyBackendException if the database refuses
     */
    void createSchemaIfMissing();

    /**
     * Deletes at most {@code maxRows} rows past their retention, in one statement.
     *
     * @param maxRows the batch size, at least 1
     * @return the number of rows deleted; call again while it equals {@code maxRows}
     */
    int deleteExpired(int maxRows);

    /**
     * The dialect in use.
     *
     * @return the dialect
     */
    JdbcDialect dialect();

    /**
     * A view of this store whose operations run on {@code connection}, in the caller's transaction: they never
     * commit, roll back or close it. The claim's row lock is held until the caller commits, so a concurrent
     * duplicate waits and then replays the committed response, or claims the key if the transaction rolled back;
     * a crash can never leave "side effect done, response not stored".
     *
     * <pre>{@code
     * try (Connection connection = dataSource.getConnection()) {
     *     connection.setAutoCommit(false);
     *     Idempotency inTx = Idempotency.builder(store.transactional(connection)).build();
     *     IdempotencyResult result = inTx.execute("user:42", key, fingerprint, claim -> {
     *         insertPayment(connection, body);               // the business write, same transaction
     *         return StoredResponse.ofText("charged");
     *     });
     *     connection.commit();
     * }
     * }</pre>
     *
     * @param connection the caller's connection, with auto-commit off
     * @return a store on that connection, for that transaction only
     */
    IdempotencyStore transactional(Connection connection);

    /**
     * Builds a {@link JdbcIdempotencyStore}. Each setting is checked when set.
     *
     * <pre>{@code
     * JdbcIdempotencyStore.builder(dataSource)
     *         .tableName("payment_idempotency")
     *         .dialect(JdbcDialect.MARIADB)
     *         .build();
     * }</pre>
     */
    final class Builder {
        final DataSource dataSource;
        String tableName = "mainstay_idempotency";
        @Nullable JdbcDialect dialect;

        Builder(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        }

        /**
         * The table. Default {@code mainstay_idempotency}.
         *
         * @param tableName an SQL identifier: a letter or underscore, then letters, digits, underscores (max 63)
         * @return this builder
         */
        public Builder tableName(String tableName) {
            this.tableName = Checks.identifier("tableName", tableName);
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
         * Builds the store; detects the dialect (one connection) unless one was named.
         *
         * @return a new store
         * @throws IllegalArgumentException                             if the database is not supported
         * @throws dev.mainstay.idempotency.IdempotencyBackendException if the database cannot be reached to detect it
         */
        public JdbcIdempotencyStore build() {
            return new SqlStore(this);
        }
    }
}
