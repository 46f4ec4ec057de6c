package dev.mainstay.lock.jdbc;

import dev.mainstay.lock.internal.Nullable;

/**
 * The statements of one dialect on one table. Parameters, in every dialect: acquire {@code (name, owner, lease µs)},
 * extend {@code (lease µs, name, owner, token)}, release {@code (name, owner, token)}, purge
 * {@code (grace µs, batch)}. Each statement reads the database's clock once ({@code n} below); PostgreSQL's
 * {@code clock_timestamp()} changes within a statement, so it is read in a one-row sub-select.
 *
 * @param acquire    takes the lock when no row exists or the row's lease has ended; returns the new token (and, on
 *                   MariaDB, the owner, since the row comes back unchanged when it is held)
 * @param acquirePlain MySQL's acquire: {@link #acquire} without {@code RETURNING}, followed by {@link #read}
 * @param read       the row's token and owner (MySQL only, in the upsert's transaction)
 * @param extend     sets the lease end to {@code n + lease} if the grant still holds the lock
 * @param release    sets the lease end to {@code n} if the grant still holds the lock (the row, and with it the
 *                   token sequence, stays)
 * @param purge      deletes up to {@code batch} rows whose lease has ended and whose token is older than
 *                   {@code n - grace}
 */
record LockSql(String acquire, @Nullable String acquirePlain, @Nullable String read, String extend, String release, String purge) {

    static LockSql of(JdbcDialect dialect, String table) {
        String n = dialect.nowMicros;
        return switch (dialect) {
            case POSTGRESQL -> new LockSql(
                    "INSERT INTO " + table + " AS l (lock_name, owner, token, expires_us)\n"
                            + "SELECT ?, ?, c.n, c.n + ? FROM (SELECT " + n + " AS n) c\n"
                            + "ON CONFLICT (lock_name) DO UPDATE SET owner = EXCLUDED.owner,"
                            + " token = GREATEST(l.token + 1, EXCLUDED.token), expires_us = EXCLUDED.expires_us\n"
                            + "WHERE l.expires_us <= EXCLUDED.token\n"
                            + "RETURNING token",
                    null,
                    null,
                    "UPDATE " + table + " AS l SET expires_us = c.n + ? FROM (SELECT " + n + " AS n) c\n"
                            + "WHERE l.lock_name = ? AND l.owner = ? AND l.token = ? AND l.expires_us > c.n",
                    "UPDATE " + table + " AS l SET expires_us = c.n FROM (SELECT " + n + " AS n) c\n"
                            + "WHERE l.lock_name = ? AND l.owner = ? AND l.token = ? AND l.expires_us > c.n",
                    "DELETE FROM " + table + " WHERE lock_name IN (SELECT l.lock_name FROM " + table + " l, (SELECT "
                            + n + " AS n) c\nWHERE l.expires_us <= c.n AND l.token < c.n - ? LIMIT ?"
                            + " FOR UPDATE OF l SKIP LOCKED)");
            case MARIADB -> {
                // Each assignment tests the row's old lease end: expires_us is assigned last, so the tests read the
                // old value both under MariaDB's left-to-right assignment and under SIMULTANEOUS_ASSIGNMENT.
                String upsert = "INSERT INTO " + table + " (lock_name, owner, token, expires_us)\n"
                        + "VALUES (?, ?, " + n + ", " + n + " + ?)\n"
                        + "ON DUPLICATE KEY UPDATE\n"
                        + "  owner = IF(expires_us <= VALUES(token), VALUES(owner), owner),\n"
                        + "  token = IF(expires_us <= VALUES(token), GREATEST(token + 1, VALUES(token)), token),\n"
                        + "  expires_us = IF(expires_us <= VALUES(token), VALUES(expires_us), expires_us)";
                yield new LockSql(
                        upsert + "\nRETURNING token, owner",
                        upsert,
                        "SELECT token, owner FROM " + table + " WHERE lock_name = ?",
                        "UPDATE " + table + " SET expires_us = " + n + " + ?\n"
                                + "WHERE lock_name = ? AND owner = ? AND token = ? AND expires_us > " + n,
                        "UPDATE " + table + " SET expires_us = " + n + "\n"
                                + "WHERE lock_name = ? AND owner = ? AND token = ? AND expires_us > " + n,
                        "DELETE FROM " + table + " WHERE expires_us <= " + n + " AND token < " + n + " - ? LIMIT ?");
            }
            case H2 -> new LockSql(
                    "SELECT token FROM FINAL TABLE (MERGE INTO " + table + " l\n"
                            + "USING (SELECT CAST(? AS VARCHAR(255)) AS lock_name, CAST(? AS VARCHAR(64)) AS owner, "
                            + n + " AS n, CAST(? AS BIGINT) AS lease) c\n"
                            + "ON l.lock_name = c.lock_name\n"
                            + "WHEN MATCHED AND l.expires_us <= c.n THEN UPDATE SET owner = c.owner,"
                            + " token = GREATEST(l.token + 1, c.n), expires_us = c.n + c.lease\n"
                            + "WHEN NOT MATCHED THEN INSERT (lock_name, owner, token, expires_us)"
                            + " VALUES (c.lock_name, c.owner, c.n, c.n + c.lease))",
                    null,
                    null,
                    "UPDATE " + table + " SET expires_us = " + n + " + ?\n"
                            + "WHERE lock_name = ? AND owner = ? AND token = ? AND expires_us > " + n,
                    "UPDATE " + table + " SET expires_us = " + n + "\n"
                            + "WHERE lock_name = ? AND owner = ? AND token = ? AND expires_us > " + n,
                    "DELETE FROM " + table + " WHERE expires_us <= " + n + " AND token < " + n + " - ?"
                            + " FETCH FIRST ? ROWS ONLY");
        };
    }
}
