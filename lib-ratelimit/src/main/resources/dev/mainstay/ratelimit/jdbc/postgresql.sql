-- Mainstay rate limiter state: one row per limited key. Replace the table name if you configured another.
-- state: the limit's exact state (one 64-bit integer, see dev.mainstay.ratelimit.internal.Meter);
-- algorithm .. initial_permits: the limit the state was written under (a changed limit converts it on next use);
-- updated_nanos: the database time of the last decision, in nanoseconds since the Unix epoch;
-- expires_nanos: when the key's limit is full again, after which the row may be deleted (deleteExpired()).
CREATE TABLE IF NOT EXISTS mainstay_ratelimit (
    limit_key       VARCHAR(255) NOT NULL PRIMARY KEY,
    state           BIGINT       NOT NULL,
    algorithm       VARCHAR(32)  NOT NULL,
    capacity        BIGINT       NOT NULL,
    refill_permits  BIGINT       NOT NULL,
    period_nanos    BIGINT       NOT NULL,
    initial_permits BIGINT       NOT NULL,
    updated_nanos   BIGINT       NOT NULL,
    expires_nanos   BIGINT       NOT NULL
);
CREATE INDEX IF NOT EXISTS mainstay_ratelimit_expires ON mainstay_ratelimit (expires_nanos);
