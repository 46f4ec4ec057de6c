/**
 * Rate limiters whose state lives in a SQL table: {@link dev.mainstay.ratelimit.jdbc.JdbcRateLimiter} on a
 * {@code DataSource}, for PostgreSQL, MariaDB/MySQL and H2.
 *
 * <pre>{@code
 * JdbcRateLimiter limiter = JdbcRateLimiter.builder(dataSource, RateLimit.fixedWindow(5, Duration.ofMinutes(1))).build();
 * limiter.createSchemaIfMissing();
 * }</pre>
 *
 * <h2>Schema</h2>
 * {@code /dev/mainstay/ratelimit/jdbc/<dialect>.sql}: table {@code mainstay_ratelimit} (name configurable), one row
 * per key: {@code limit_key} (primary key), the limit the row was written under ({@code algorithm, capacity,
 * refill_permits, period_nanos, initial_permits}), {@code state} (the exact state at {@code updated_nanos}, one
 * {@code BIGINT} relative to that time, so that SQL never needs the wrapping arithmetic of the in-process meters),
 * {@code updated_nanos} (database time of the last decision), {@code expires_nanos} (when the limit is full again,
 * indexed) and the last decision ({@code permits, outcome, available}), which the deciding statement returns.
 *
 * <h2>Cost</h2>
 * <ul>
 *   <li>PostgreSQL: one statement, one round trip: {@code INSERT ... SELECT ... ON CONFLICT (limit_key) DO UPDATE
 *       SET (...) = (SELECT ...) WHERE <same limit> RETURNING ...}.</li>
 *   <li>MariaDB 10.5+: one statement, one round trip: {@code INSERT ... VALUES ... ON DUPLICATE KEY UPDATE ...
 *       RETURNING ...}; the values and the assignments are ordered so that each uses the ones before it (the
 *       statement pins {@code sql_mode} with {@code SET STATEMENT} so that {@code SIMULTANEOUS_ASSIGNMENT} cannot
 *       reorder them, and {@code time_zone} to UTC so that the clock cannot step back when daylight saving time ends).
 *       MySQL: the same upsert without {@code RETURNING}, a {@code SELECT} of the row and {@code COMMIT} in one
 *       transaction (the first {@code RETURNING} refused switches the limiter to it).</li>
 *   <li>H2, and a key's first decision after the limit changed: {@code SELECT ... FOR UPDATE} (with the clock),
 *       {@code UPDATE}, {@code COMMIT}; a key's first decision on H2 adds an insert-if-absent and a second select.</li>
 * </ul>
 * The arithmetic in SQL is integer only ({@code NUMERIC}/{@code DECIMAL(65,0)} for the sliding window's products that
 * may pass 2^63), the same as in process; the database's clock is read once per statement and never moves a key's
 * time backwards. Concurrent decisions on one key queue on its row lock (run PostgreSQL at its default
 * {@code READ COMMITTED}: under {@code REPEATABLE READ} a concurrent update is a serialization failure).
 *
 * <h2>Not supported</h2>
 * Databases other than PostgreSQL, MariaDB/MySQL and H2; keys longer than 255 characters; a single statement on H2.
 */
package dev.mainstay.ratelimit.jdbc;
