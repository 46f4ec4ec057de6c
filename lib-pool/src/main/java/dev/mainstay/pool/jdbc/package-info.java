/**
 * A pooling JDBC {@link javax.sql.DataSource}, {@link dev.mainstay.pool.jdbc.PooledDataSource}, on the generic
 * pool.
 *
 * <pre>{@code
 * PooledDataSource db = PooledDataSource.builder().url("jdbc:h2:mem:app").user("sa").password("").build();
 * try (Connection c = db.getConnection()) {
 *     c.createStatement().execute("SELECT 1");
 * }
 * }</pre>
 *
 * <h2>What a borrower gets</h2>
 * <p>A proxy connection (one small allocation per {@code getConnection()}): its {@code close()} gives the
 * physical connection back; after that it refuses every call with SQLState {@code 08003}, so a stale reference
 * cannot reach the next borrower. Statements are wrapped too, by written-out delegating classes (no reflection on
 * any call): they are tracked, so the ones a borrower forgot are closed on return.
 *
 * <h2>Reset on return</h2>
 * <p>Only what the borrower changed is reset, so a clean borrow costs no round trip: an open transaction (manual
 * commit with statements since the last commit or rollback) is rolled back, then auto-commit, transaction
 * isolation, read-only, catalog, schema and network timeout are set back to the values the connection had when it
 * was opened (on PostgreSQL the schema by {@code RESET search_path}, since {@code setSchema} replaces the whole
 * path), and warnings are cleared. If the reset fails, the connection is destroyed.
 *
 * <h2>Broken connections</h2>
 * <p>A failure whose SQLState is of class {@code 08} (connection exception), {@code 57P01}/{@code 57P02}/
 * {@code 57P03} (PostgreSQL shutdown and {@code pg_terminate_backend}), {@code 01002}, or a
 * {@code SQLNonTransientConnectionException}/{@code SQLRecoverableException}, or MariaDB/MySQL error 1927, 2006 or
 * 2013, marks the connection broken: it is destroyed when closed instead of lent again. A connection idle longer
 * than {@code validateAfterIdle} (500 ms by default) is checked with {@code Connection.isValid} before it is lent.
 *
 * <h2>Not supported</h2>
 * <ul>
 *   <li>{@code getConnection(user, password)}: every connection uses the credentials the pool was built with.</li>
 *   <li>Statement caching, and proxies for {@code DatabaseMetaData} or {@code ResultSet} ({@code getStatement()} on a
 *       result set returns the driver's statement).</li>
 * </ul>
 */
package dev.mainstay.pool.jdbc;
