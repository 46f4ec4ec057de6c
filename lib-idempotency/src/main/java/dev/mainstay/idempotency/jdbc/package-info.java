/**
 * The JDBC store: idempotency records in a SQL table on PostgreSQL, MariaDB/MySQL or H2.
 *
 * <pre>{@code
 * JdbcIdempotencyStore store = JdbcIdempotencyStore.builder(dataSource).build();
 * store.createSchemaIfMissing();
 * Idempotency idempotency = Idempotency.builder(store).build();
 * }</pre>
 *
 * <h2>Schema</h2>
 * One row per {@code (scope, idem_key)}, DDL in {@code /dev/mainstay/idempotency/jdbc/<dialect>.sql}
 * ({@link dev.mainstay.idempotency.jdbc.JdbcDialect#ddlResource()}), created only by
 * {@link dev.mainstay.idempotency.jdbc.JdbcIdempotencyStore#createSchemaIfMissing()}. Times are BIGINT
 * microseconds since the Unix epoch on the database's clock; an index on {@code expires_at} serves the purge.
 *
 * <h2>Statements and round trips</h2>
 * <table>
 *   <caption>Statements per operation</caption>
 *   <tr><th>operation</th><th>PostgreSQL</th><th>MariaDB 10.5+</th><th>H2, MySQL</th></tr>
 *   <tr><td>claim (first execution, replay, conflict, takeover)</td>
 *       <td>1: {@code INSERT ... ON CONFLICT DO UPDATE ... RETURNING}</td>
 *       <td>1: {@code INSERT ... ON DUPLICATE KEY UPDATE ... RETURNING}</td>
 *       <td>3-4: {@code SELECT ... FOR UPDATE}, {@code INSERT} or {@code UPDATE}, {@code COMMIT}</td></tr>
 *   <tr><td>complete, release, savePoint</td><td colspan="3">1: {@code UPDATE ... WHERE attempt = ? AND
 *       state = 'P' AND expires_at > now}</td></tr>
 *   <tr><td>deleteExpired(n)</td><td colspan="3">1: {@code DELETE} of at most n expired rows</td></tr>
 * </table>
 * So a first execution is 2 statements, a replay 1, a conflicting duplicate 1 (on PostgreSQL and MariaDB). On
 * PostgreSQL and MariaDB a replay or a conflict also rewrites the row's {@code outcome} column, under the row's
 * lock: duplicates of one key are serialized by the database. With the JDBC driver's default of client-side
 * statement preparation, each statement is one network round trip.
 *
 * <h2>Failures</h2>
 * A {@code SQLException} becomes {@link dev.mainstay.idempotency.IdempotencyBackendException} naming the operation
 * and the database. A claim picked as a deadlock victim (SQLState 40001 or 40P01) runs again, at most 3 times,
 * except in transactional mode where the caller's transaction is already rolled back.
 */
package dev.mainstay.idempotency.jdbc;
