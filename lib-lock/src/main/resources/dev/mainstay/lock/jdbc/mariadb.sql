-- Mainstay lock grants: one row per lock name. Replace the table name if you configured another.
-- lock_name: compared byte for byte (utf8mb4_nopad_bin: case and trailing spaces count; on MySQL 8 use
--   utf8mb4_0900_bin);
-- owner: the random id (32 hex digits) of the handle that holds or last held the lock;
-- token: the fencing token of the latest grant: the database time in microseconds when the name's row was
--   inserted, then GREATEST(previous token + 1, database time) at every later grant;
-- expires_us: the end of the latest grant's lease, in database microseconds since the Unix epoch (a release sets
--   it to the time of the release; the row stays, so that the next grant continues the token sequence).
CREATE TABLE IF NOT EXISTS mainstay_lock (
    lock_name  VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin NOT NULL PRIMARY KEY,
    owner      VARCHAR(64)  CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    token      BIGINT       NOT NULL,
    expires_us BIGINT       NOT NULL
) ENGINE = InnoDB;
