/**
 * Locks whose grants are rows of a SQL table: {@link dev.mainstay.lock.jdbc.JdbcLock} on a {@code DataSource}, for
 * PostgreSQL, MariaDB/MySQL and H2.
 *
 * <pre>{@code
 * JdbcLock locks = JdbcLock.builder(dataSource).build();
 * locks.createSchemaIfMissing();
 * try (LockHandle lock = locks.acquire("payout", Duration.ofSeconds(30), Duration.ofSeconds(5))) {
 *     lock.renewAutomatically(lost -> cancelPayout());
 *     // fenced write: UPDATE account SET balance = ?, fence = ? WHERE id = ? AND fence <= ?
 * }
 * }</pre>
 *
 * <h2>Schema</h2>
 * {@code /dev/mainstay/lock/jdbc/<dialect>.sql}: table {@code mainstay_lock} (name configurable), one row per lock
 * name: {@code lock_name VARCHAR(255)} (primary key; compared exactly, so on MariaDB with
 * {@code utf8mb4_nopad_bin}), {@code owner VARCHAR(64)} (the holder's id: 128 random bits as 32 hex digits, new for
 * every handle, never a thread id), {@code token BIGINT} (the latest grant's fencing token) and
 * {@code expires_us BIGINT} (the latest lease's end, in the database's microseconds since the Unix epoch).
 *
 * <h2>Statements</h2>
 * {@code n} is the database's time in microseconds, read once per statement: PostgreSQL
 * {@code clock_timestamp()} (in a one-row sub-select), MariaDB {@code UTC_TIMESTAMP(6)} (as
 * {@code TIMESTAMPDIFF(MICROSECOND, '1970-01-01 00:00:00', UTC_TIMESTAMP(6))}, which no session time zone can
 * shift), H2 {@code CURRENT_TIMESTAMP(6)}. Leases are rounded up to whole microseconds.
 * <ul>
 *   <li><b>Acquire</b>, PostgreSQL:
 *       <pre>{@code
 * INSERT INTO mainstay_lock AS l (lock_name, owner, token, expires_us)
 * SELECT ?, ?, c.n, c.n + ? FROM (SELECT n) c
 * ON CONFLICT (lock_name) DO UPDATE SET owner = EXCLUDED.owner,
 *     token = GREATEST(l.token + 1, EXCLUDED.token), expires_us = EXCLUDED.expires_us
 * WHERE l.expires_us <= EXCLUDED.token
 * RETURNING token}</pre>
 *       A row comes back only when the lock was taken. MariaDB 10.5+:
 *       <pre>{@code
 * INSERT INTO mainstay_lock (lock_name, owner, token, expires_us) VALUES (?, ?, n, n + ?)
 * ON DUPLICATE KEY UPDATE
 *   owner = IF(expires_us <= VALUES(token), VALUES(owner), owner),
 *   token = IF(expires_us <= VALUES(token), GREATEST(token + 1, VALUES(token)), token),
 *   expires_us = IF(expires_us <= VALUES(token), VALUES(expires_us), expires_us)
 * RETURNING token, owner}</pre>
 *       The row comes back either way; the lock was taken if it carries this handle's owner id.
 *       {@code expires_us} is assigned last, so every test reads the old lease end, under MariaDB's left-to-right
 *       assignment and under {@code SIMULTANEOUS_ASSIGNMENT} alike. MySQL, which has no {@code RETURNING}: the same
 *       upsert, then {@code SELECT token, owner ... WHERE lock_name = ?}, in one transaction (the first
 *       {@code RETURNING} refused with error 1064 switches the lock to it). H2:
 *       {@code SELECT token FROM FINAL TABLE (MERGE INTO ... USING (SELECT ?, ?, n, ?) c ON ... WHEN MATCHED AND
 *       l.expires_us <= c.n THEN UPDATE ... WHEN NOT MATCHED THEN INSERT ...)}, where a duplicate key (another
 *       client inserted the name's first row at the same moment) means "held".</li>
 *   <li><b>Extend</b>: {@code UPDATE mainstay_lock SET expires_us = n + ? WHERE lock_name = ? AND owner = ? AND
 *       token = ? AND expires_us > n}; one row changed: extended; none: lost.</li>
 *   <li><b>Release</b>: {@code UPDATE mainstay_lock SET expires_us = n WHERE lock_name = ? AND owner = ? AND
 *       token = ? AND expires_us > n}; one row: released while held; none: the lease had ended (or another owner
 *       holds the lock). The row stays, so the name's next grant continues its token sequence; a lease that ended
 *       unreleased leaves its row as it is until the name is taken again or the row is purged.</li>
 *   <li><b>Renewal</b>: the watchdog's due grants go as one JDBC batch of the extend statement on one connection.</li>
 *   <li><b>Purge</b> ({@link dev.mainstay.lock.jdbc.JdbcLock#deleteExpired()}): rows with
 *       {@code expires_us <= n AND token < n - 60 s}, 1,000 per statement ({@code LIMIT} on MariaDB,
 *       {@code FETCH FIRST} on H2, a {@code SELECT ... LIMIT ... FOR UPDATE SKIP LOCKED} sub-select on PostgreSQL),
 *       repeated until a batch comes back short. There is no index on {@code expires_us} (it would make every
 *       acquire, extend and release update an index, and defeat PostgreSQL's HOT updates): a purge scans the
 *       table.</li>
 * </ul>
 *
 * <h2>Cost (round trips, with a pooled connection)</h2>
 * <table>
 *   <caption>Round trips per operation</caption>
 *   <tr><th></th><th>PostgreSQL</th><th>MariaDB 10.5+</th><th>MySQL</th><th>H2</th></tr>
 *   <tr><td>acquire (per try)</td><td>1</td><td>1</td><td>5: auto-commit off, upsert, select, commit,
 *       auto-commit on</td><td>1 (embedded: no network)</td></tr>
 *   <tr><td>extend</td><td>1</td><td>1</td><td>1</td><td>1</td></tr>
 *   <tr><td>release</td><td>1</td><td>1</td><td>1</td><td>1</td></tr>
 *   <tr><td>renewal of k grants</td><td>1 batch</td><td>1 batch</td><td>1 batch</td><td>1 batch</td></tr>
 * </table>
 * Acquire + release is two statements, and nothing else reaches the server (no {@code setAutoCommit}, no
 * {@code commit}): the tests count the JDBC calls on every dialect, and the server's own count
 * ({@code pg_stat_statements} on PostgreSQL, the {@code Questions} status on MariaDB) agrees.
 *
 * <h2>Guarantees</h2>
 * <ul>
 *   <li><b>Database time only.</b> Every lease is written and compared by the database's clock in the statement
 *       that acts on it; no machine's clock is compared with another's. The handle's local deadline
 *       ({@link dev.mainstay.lock.LockHandle#isHeld()}) is measured on this machine's monotonic clock from
 *       <em>before</em> the request was sent, so it ends before the database's lease as long as the two clocks'
 *       rates differ by less than the safety margin.</li>
 *   <li><b>Mutual exclusion</b> within a lease follows from each statement's row lock: an acquire updates the row
 *       only if its lease has ended by the database's time at that statement; concurrent statements on one name
 *       queue on the row. A statement that waited on the row lock uses the time it read <em>before</em> waiting:
 *       the test is then stricter, and the lease it writes is shorter than asked, never longer than the handle
 *       believes.</li>
 *   <li><b>Fencing tokens strictly increase per name</b>, under one condition: the database's clock never steps
 *       back. A name's first row gets the database time in microseconds as its token, and every later grant
 *       {@code GREATEST(previous token + 1, database time)}, so while the row exists tokens increase whatever the
 *       clock does, and a row inserted after a purge starts above every purged token: a purged token is more than
 *       60 s older than the purge, and the new row's time is later than the purge. (That also needs the new row's
 *       acquire not to have read its clock more than 60 s before it inserted, i.e. no statement stalled for a
 *       minute between reading the clock and writing.) Releases never delete rows, for the same reason: an acquire
 *       that read the clock just before another client's grant, then waited on that grant's release (were it a
 *       {@code DELETE}) and found no row, would insert a token below the grant's.</li>
 *   <li><b>Stale handles are harmless</b>: extend and release compare {@code (lock_name, owner, token)}.</li>
 * </ul>
 *
 * <h2>Inside the caller's transaction</h2>
 * Each call borrows a connection and closes it at once. On an auto-commit connection (the normal case) each
 * statement is its own transaction. If the {@code DataSource} hands out a connection inside the caller's open
 * transaction (Spring's {@code TransactionAwareDataSourceProxy}, say), the statements run in that transaction and
 * the lock neither commits nor rolls it back: the grant becomes visible to others when the caller commits, other
 * clients' acquires of the name wait on its row lock until then, and a rollback undoes the grant. The clock is not
 * the transaction's: PostgreSQL's {@code clock_timestamp()} and MariaDB's {@code UTC_TIMESTAMP(6)} tell the time of
 * the statement (PostgreSQL's {@code now()} would tell when the transaction began, so a lease written long into a
 * transaction could be over before it was committed: ShedLock #3577 granted a lock to two pods that way). H2's
 * {@code CURRENT_TIMESTAMP} stands still for a whole transaction, so on H2 a connection that is not in auto-commit
 * is refused with {@link java.lang.IllegalStateException}. On PostgreSQL, run such a transaction at
 * {@code READ COMMITTED} (the default): under {@code REPEATABLE READ} an acquire of a row another client changed
 * since the snapshot fails with a serialization error ({@link dev.mainstay.lock.LockBackendException}).
 *
 * <h2>Failures</h2>
 * Every {@link java.sql.SQLException} becomes a {@link dev.mainstay.lock.LockBackendException} naming the operation
 * and carrying the driver's exception; nothing is retried. A statement that changed more than one row (a table
 * whose {@code lock_name} is not its primary key) is a bug, reported as {@link java.lang.IllegalStateException}.
 * Update counts must be the rows <em>found</em>, as MariaDB Connector/J and MySQL Connector/J report by default
 * ({@code useAffectedRows=false}).
 *
 * <h2>Not supported</h2>
 * Databases other than PostgreSQL, MariaDB/MySQL and H2; session advisory locks (deliberately: they pin a lock to a
 * pooled connection); waiting on the database (waiters poll with backoff); reentrancy.
 *
 * <p>All parameters and return values are non-null unless a method says otherwise.
 */
package dev.mainstay.lock.jdbc;
