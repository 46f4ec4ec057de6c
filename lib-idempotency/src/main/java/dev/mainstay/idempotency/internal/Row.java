package dev.mainstay.idempotency.internal;

import dev.mainstay.idempotency.IdempotencyStore.ClaimResult;
import dev.mainstay.idempotency.StoredResponse;

/**
 * One idempotency record and the rules of its states, on one clock whose unit the caller chooses (the in-memory
 * store's ticker nanoseconds, or the database's microseconds on H2). The SQL and Lua of the other backends encode
 * the same rules; the property tests hold them to this class.
 *
 * @param fingerprint   the fingerprint, hex
 * @param state         {@link #IN_PROGRESS}, {@link #COMPLETED} or {@link #RELEASED}
 * @param attempt       the attempt number of the last claim
 * @param leaseUntil    when the lease of an in-progress record ends
 * @param expiresAt     when the record stops counting (and may be purged)
 * @param response      the response of a completed record, else null
 * @param recoveryPoint the last recovery point saved, or null
 */
public record Row(String fingerprint, char state, long attempt, long leaseUntil, long expiresAt,
        @Nullable StoredResponse response, @Nullable String recoveryPoint) {

    /** In progress: an execution holds the lease. */
    public static final char IN_PROGRESS = 'P';
    /** Completed: the response is stored. */
    public static final char COMPLETED = 'C';
    /** Released: the execution gave the key back. */
    public static final char RELEASED = 'R';

    /** A claim's new record and what the claim answers. */
    public record Claim(Row row, ClaimResult result) {

        /**
         * Whether the claim left the record as it was: {@link Row#claim} then answers the same instance.
         *
         * @param old the record the claim started from, or null
         * @return true if there is nothing to write
         */
        @SuppressWarnings("ReferenceEquality") // identity on purpose: "the same record, unchanged"
        public boolean unchanged(@Nullable Row old) {
            return row == old;
        }
    }

    /**
     * The claim of a record: {@code old} is null when there is none.
     *
     * @param old         the record, or null
     * @param fingerprint the request's fingerprint, hex
     * @param now         the clock's time
     * @param lease       the lease
     * @param retention   the retention
     * @return the new record (the old one when unchanged) and the result
     */
    public static Claim claim(@Nullable Row old, String fingerprint, long now, long lease, long retention) {
        if (old == null || old.expiresAt - now <= 0 || old.state == RELEASED) {
            long attempt = old == null ? 1 : old.attempt + 1;
            String point = old != null && old.expiresAt - now > 0 && old.fingerprint.equals(fingerprint)
                    ? old.recoveryPoint : null;
            return new Claim(new Row(fingerprint, IN_PROGRESS, attempt, now + lease, now + retention, null, point),
                    ClaimResult.claimed(attempt, point));
        }
        if (!old.fingerprint.equals(fingerprint)) {
            return new Claim(old, ClaimResult.keyReused(old.attempt));
        }
        if (old.state == COMPLETED) {
            return new Claim(old, ClaimResult.completed(old.attempt, completedResponse(old)));
        }
        if (old.leaseUntil - now > 0) {
            return new Claim(old, ClaimResult.inProgress(old.attempt, old.leaseUntil - now));
        }
        long attempt = old.attempt + 1;
        return new Claim(new Row(fingerprint, IN_PROGRESS, attempt, now + lease,
                Math.max(old.expiresAt - now, retention) + now, null, old.recoveryPoint),
                ClaimResult.claimed(attempt, old.recoveryPoint));
    }

    /** A completed record's response: a completed record without one is a broken record, never a state. */
    private static StoredResponse completedResponse(Row row) {
        if (row.response == null) {
            throw new IllegalStateException("idempotency record of attempt " + row.attempt
                    + " is completed but has no response: the record is damaged");
        }
        return row.response;
    }

    /**
     * Whether attempt {@code attempt} holds this record: in progress under that attempt, and not past its retention
     * (a record past its retention is gone, as on Redis where its key has expired).
     *
     * @param attempt the attempt number
     * @param now     the clock's time
     * @return true if the record is in progress under that attempt
     */
    public boolean heldBy(long attempt, long now) {
        return state == IN_PROGRESS && this.attempt == attempt && expiresAt - now > 0;
    }

    /**
     * The record completed with {@code response}.
     *
     * @param response  the response
     * @param now       the clock's time
     * @param retention the retention
     * @return the new record
     */
    public Row completed(StoredResponse response, long now, long retention) {
        return new Row(fingerprint, COMPLETED, attempt, now, now + retention, response, null);
    }

    /**
     * The record released.
     *
     * @return the new record
     */
    public Row released() {
        return new Row(fingerprint, RELEASED, attempt, leaseUntil, expiresAt, null, recoveryPoint);
    }

    /**
     * The record with a recovery point and a renewed lease.
     *
     * @param point the recovery point
     * @param now   the clock's time
     * @param lease the lease
     * @return the new record
     */
    public Row withPoint(String point, long now, long lease) {
        return new Row(fingerprint, state, attempt, now + lease, expiresAt, response, point);
    }
}
