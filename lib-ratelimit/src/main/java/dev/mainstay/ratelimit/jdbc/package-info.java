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
 * per key: {@code limit_key} (primary key), {@code state} (the exact state, one {@code BIGINT}), the limit it was
 * written under ({@code algorithm, capacity, refill_permits, period_nanos, initial_permits}), {@code updated_nanos}
 * (database time of the last decision) and {@code expires_nanos} (when the limit is full again), indexed.
 *
 * <h2>Cost</h2>
 * A decision is one transaction: {@code SELECT ... FOR UPDATE} of the row with the database clock, {@code UPDATE},
 * {@code COMMIT} (three round trips; a key's first decision adds an insert-if-absent and a second select). The
 * arithmetic is the in-process one, on the database's clock, never moving a key's time backwards. Windows align to
 * the Unix epoch.
 *
 * <h2>Not supported</h2>
 * A single-statement upsert per decision; databases other than PostgreSQL, MariaDB/MySQL and H2; keys longer than
 * 255 characters.
 */
package dev.mainstay.ratelimit.jdbc;
