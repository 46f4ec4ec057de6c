package dev.mainstay.idempotency.jdbc;

import dev.mainstay.idempotency.internal.Nullable;

/**
 * The statements of one table in one dialect. Times are the database's, in microseconds since the Unix epoch.
 *
 * <p>The claim (PostgreSQL, MariaDB) encodes {@link dev.mainstay.idempotency.internal.Row#claim}: with
 * {@code now} the statement's time, a row is <em>fresh</em> (claimable by any request) when past its retention or
 * released; otherwise another fingerprint is refused ({@code M}), a completed row is replayed ({@code D}), an
 * in-progress row is reclaimed only when its lease has passed ({@code C}), else left alone ({@code P}). The
 * outcome is written into the row and returned with the attempt number, the remaining lease, the response and the
 * recovery point. Parameters: 1 scope, 2 key, 3 fingerprint, 4 lease and 5 retention in microseconds.
 */
final class SqlText {

    private static final String COLUMNS = "scope, idem_key, fingerprint, state, attempt, updated_at, lease_until,"
            + " expires_at, outcome, response, recovery_point";

    /** The one-statement claim, or null where a claim is a locking transaction (H2, MySQL). */
    final @Nullable String claim;
    final String lock;
    final String insert;
    final String update;
    final String complete;
    final String release;
    final String savePoint;
    final String purge;

    /**
     * The statements.
     *
     * @param dialect the dialect
     * @param table   the table
     * @param upsert  whether a claim is one statement: PostgreSQL, and MariaDB (not MySQL)
     */
    SqlText(JdbcDialect dialect, String table, boolean upsert) {
        String now = dialect.nowMicros;
        boolean mariadb = dialect == JdbcDialect.MARIADB && upsert;
        // MariaDB only: read NOW(6) in UTC (no daylight-saving step back), and assign ON DUPLICATE KEY UPDATE's
        // columns from left to right whatever the server's sql_mode (no SIMULTANEOUS_ASSIGNMENT)
        String pin = mariadb ? "SET STATEMENT time_zone = '+00:00' FOR " : "";
        String pinAll = "SET STATEMENT sql_mode = 'STRICT_ALL_TABLES,ERROR_FOR_DIVISION_BY_ZERO',"
                + " time_zone = '+00:00' FOR\n";
        String returning = "RETURNING outcome, attempt, lease_until - " + now + ", response, recovery_point";
        if (!upsert) {
            claim = null;
        } else if (dialect == JdbcDialect.POSTGRESQL) {
            claim = "INSERT INTO " + table + " AS r (" + COLUMNS + ")\n"
                    + "SELECT CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS VARCHAR), 'P', 1, n.now,"
                    + " n.now + CAST(? AS BIGINT), n.now + CAST(? AS BIGINT), 'C', NULL, NULL\n"
                    + "FROM (SELECT " + now + " AS now) n\n"
                    + "ON CONFLICT (scope, idem_key) DO UPDATE SET\n"
                    + "  (fingerprint, state, attempt, updated_at, lease_until, expires_at, outcome, response,"
                    + " recovery_point) = (SELECT\n"
                    + "    CASE WHEN d.claim THEN EXCLUDED.fingerprint ELSE r.fingerprint END,\n"
                    + "    CASE WHEN d.claim THEN 'P' ELSE r.state END,\n"
                    + "    r.attempt + CASE WHEN d.claim THEN 1 ELSE 0 END,\n"
                    + "    CASE WHEN d.claim THEN EXCLUDED.updated_at ELSE r.updated_at END,\n"
                    + "    CASE WHEN d.claim THEN EXCLUDED.lease_until ELSE r.lease_until END,\n"
                    + "    CASE WHEN NOT d.claim THEN r.expires_at WHEN d.fresh THEN EXCLUDED.expires_at"
                    + " ELSE GREATEST(r.expires_at, EXCLUDED.expires_at) END,\n"
                    + "    CASE WHEN d.claim THEN 'C' WHEN NOT d.same THEN 'M' WHEN r.state = 'C' THEN 'D'"
                    + " ELSE 'P' END,\n"
                    + "    CASE WHEN d.claim THEN NULL ELSE r.response END,\n"
                    + "    CASE WHEN NOT d.claim OR (d.live AND d.same) THEN r.recovery_point END\n"
                    + "  FROM (SELECT x.fresh, x.same, x.live,"
                    + " x.fresh OR (x.same AND r.state = 'P' AND r.lease_until <= EXCLUDED.updated_at) AS claim\n"
                    + "    FROM (SELECT r.expires_at <= EXCLUDED.updated_at OR r.state = 'R' AS fresh,"
                    + " r.fingerprint = EXCLUDED.fingerprint AS same,"
                    + " r.expires_at > EXCLUDED.updated_at AS live) x) d)\n"
                    + returning;
        } else {
            String fresh = "(expires_at <= VALUES(updated_at) OR state = 'R')";
            claim = pinAll + "INSERT INTO " + table + " (" + COLUMNS + ")\n"
                    + "VALUES (?, ?, ?, 'P', 1, " + now + ", updated_at + ?, updated_at + ?, 'C', NULL, NULL)\n"
                    + "ON DUPLICATE KEY UPDATE\n"
                    + "  outcome = CASE WHEN " + fresh + " OR (fingerprint = VALUES(fingerprint) AND state = 'P'"
                    + " AND lease_until <= VALUES(updated_at)) THEN 'C' WHEN fingerprint <> VALUES(fingerprint)"
                    + " THEN 'M' WHEN state = 'C' THEN 'D' ELSE 'P' END,\n"
                    + "  recovery_point = CASE WHEN outcome <> 'C' OR (expires_at > VALUES(updated_at)"
                    + " AND fingerprint = VALUES(fingerprint)) THEN recovery_point END,\n"
                    + "  expires_at = CASE WHEN outcome <> 'C' THEN expires_at WHEN " + fresh
                    + " THEN VALUES(expires_at) ELSE GREATEST(expires_at, VALUES(expires_at)) END,\n"
                    + "  fingerprint = CASE WHEN outcome = 'C' THEN VALUES(fingerprint) ELSE fingerprint END,\n"
                    + "  state = CASE WHEN outcome = 'C' THEN 'P' ELSE state END,\n"
                    + "  attempt = attempt + CASE WHEN outcome = 'C' THEN 1 ELSE 0 END,\n"
                    + "  updated_at = CASE WHEN outcome = 'C' THEN VALUES(updated_at) ELSE updated_at END,\n"
                    + "  lease_until = CASE WHEN outcome = 'C' THEN VALUES(lease_until) ELSE lease_until END,\n"
                    + "  response = CASE WHEN outcome = 'C' THEN NULL ELSE response END\n"
                    + returning;
        }
        String where = " WHERE scope = ? AND idem_key = ?";
        String held = where + " AND attempt = ? AND state = 'P' AND expires_at > " + now;
        lock = "SELECT fingerprint, state, attempt, lease_until, expires_at, response, recovery_point, " + now
                + " FROM " + table + where + " FOR UPDATE";
        insert = "INSERT INTO " + table + " (" + COLUMNS + ") VALUES (?, ?, ?, 'P', 1, " + now + ", " + now
                + " + ?, " + now + " + ?, 'C', NULL, NULL)";
        update = "UPDATE " + table + " SET fingerprint = ?, state = ?, attempt = ?, updated_at = ?, lease_until = ?,"
                + " expires_at = ?, outcome = 'C', response = NULL, recovery_point = ?" + where;
        complete = pin + "UPDATE " + table + " SET state = 'C', response = ?, updated_at = " + now
                + ", lease_until = " + now + ", expires_at = " + now + " + ?, recovery_point = NULL" + held;
        release = pin + "UPDATE " + table + " SET state = 'R', updated_at = " + now + held;
        savePoint = pin + "UPDATE " + table + " SET recovery_point = ?, lease_until = " + now + " + ?, updated_at = "
                + now + held;
        purge = switch (dialect) {
            case POSTGRESQL -> "DELETE FROM " + table + " WHERE ctid IN (SELECT ctid FROM " + table
                    + " WHERE expires_at <= " + now + " LIMIT ?) AND expires_at <= " + now;
            case MARIADB -> pin + "DELETE FROM " + table + " WHERE expires_at <= " + now + " LIMIT ?";
            case H2 -> "DELETE FROM " + table + " WHERE expires_at <= " + now + " FETCH FIRST ? ROWS ONLY";
        };
    }
}
