-- Mainstay idempotency records: one row per (scope, key). Replace the table name if you configured another.
-- fingerprint: the request's fingerprint, lower-case hex;
-- state: P in progress, C completed, R released (the execution failed; a retry may claim the key again);
-- attempt: the attempt number of the last claim, the fencing token every completion is checked against;
-- updated_at, lease_until, expires_at: the database's time in microseconds since the Unix epoch of the last
--   change, of the end of the holder's lease, and of the end of the retention (then the row may be deleted);
-- outcome: what the last claim answered (C claimed, D done: replay, P in progress, M another fingerprint), read
--   back by the statement that made it;
-- response: the stored response (status, headers, body) of a completed record;
-- recovery_point: the last recovery point an attempt saved.
-- scope and idem_key are VARBINARY (their UTF-8 bytes) so that keys compare exactly: no case folding, no trailing
--   space padding.
CREATE TABLE IF NOT EXISTS mainstay_idempotency (
    scope          VARBINARY(1020) NOT NULL,
    idem_key       VARBINARY(1020) NOT NULL,
    fingerprint    VARCHAR(128) NOT NULL,
    state          CHAR(1)      NOT NULL,
    attempt        BIGINT       NOT NULL,
    updated_at     BIGINT       NOT NULL,
    lease_until    BIGINT       NOT NULL,
    expires_at     BIGINT       NOT NULL,
    outcome        CHAR(1)      NOT NULL,
    response       MEDIUMBLOB,
    recovery_point VARCHAR(255),
    PRIMARY KEY (scope, idem_key)
) ENGINE=InnoDB;
CREATE INDEX IF NOT EXISTS mainstay_idempotency_expires ON mainstay_idempotency (expires_at);
