-- Mainstay rate limiter state: one row per limited key. Replace the table name if you configured another.
-- algorithm .. initial_permits: the limit the state was written under (a changed limit converts it on next use);
-- state: the key's exact state at updated_nanos, one 64-bit integer: permits owed (in 1/scale nanosecond units
--   for a greedy token bucket and GCRA, in permits for an interval token bucket and a fixed window), or
--   previous * 2^24 + current for a sliding window's two counts;
-- updated_nanos: the database time of the last decision, in nanoseconds since the Unix epoch;
-- expires_nanos: when the key's limit is full again, after which the row may be deleted (deleteExpired());
-- permits, outcome, available: the last decision (permits asked; permits left if permitted, else -nanos to wait;
--   permits available after it), read back by the statement that made it.
CREATE TABLE IF NOT EXISTS mainstay_ratelimit (
    limit_key       VARCHAR(255) NOT NULL PRIMARY KEY,
    algorithm       VARCHAR(32)  NOT NULL,
    capacity        BIGINT       NOT NULL,
    refill_permits  BIGINT       NOT NULL,
    period_nanos    BIGINT       NOT NULL,
    initial_permits BIGINT       NOT NULL,
    state           BIGINT       NOT NULL,
    updated_nanos   BIGINT       NOT NULL,
    expires_nanos   BIGINT       NOT NULL,
    permits         BIGINT       NOT NULL,
    outcome         BIGINT       NOT NULL,
    available       BIGINT       NOT NULL
);
CREATE INDEX IF NOT EXISTS mainstay_ratelimit_expires ON mainstay_ratelimit (expires_nanos);
