package dev.mainstay.idempotency;

import dev.mainstay.idempotency.internal.Nullable;
import java.time.Duration;
import java.util.Objects;

/**
 * Where idempotency records live: the SPI the executor ({@link Idempotency}) drives, one call per step. Built in:
 * {@link InMemoryIdempotencyStore}, {@code dev.mainstay.idempotency.jdbc.JdbcIdempotencyStore} and
 * {@code dev.mainstay.idempotency.redis.RedisIdempotencyStore}.
 *
 * <pre>{@code
 * IdempotencyStore store = InMemoryIdempotencyStore.builder().maximumRecords(100_000).build();
 * Idempotency idempotency = Idempotency.builder(store).build();
 * }</pre>
 *
 * <p>A record is keyed by {@code (scope, key)} and is in one of three states: <b>in progress</b> (holding an
 * attempt number and a lease deadline), <b>completed</b> (holding the response) or <b>released</b> (the execution
 * failed and gave the key back); it expires after its retention. Every method is atomic on the store, and every
 * method but {@link #claim} is guarded by the attempt number: a call from a stale attempt, or on a record past its
 * retention, changes nothing and answers {@code false}. An implementation:
 * <ul>
 *   <li>claims an absent, released or expired record (attempt number one more than the record's, if any);</li>
 *   <li>answers {@link ClaimResult.Outcome#KEY_REUSED} when the record's fingerprint differs, in every other
 *       state;</li>
 *   <li>reclaims an in-progress record only after its lease has passed, on the store's own clock;</li>
 *   <li>throws {@link IdempotencyBackendException} when the backend fails.</li>
 * </ul>
 * Arguments are checked by the executor; implementations must be thread-safe.
 */
public interface IdempotencyStore {

    /**
     * Claims the key, or tells why not.
     *
     * @param scope       the key's scope
     * @param key         the key
     * @param fingerprint the request's fingerprint
     * @param lease       how long the claim holds before another execution may take over
     * @param retention   how long the record is kept
     * @return the outcome
     */
    ClaimResult claim(String scope, String key, Fingerprint fingerprint, Duration lease, Duration retention);

    /**
     * Stores the response of attempt {@code attempt} and marks the record completed, if that attempt still holds
     * the key.
     *
     * @param scope     the key's scope
     * @param key       the key
     * @param attempt   the attempt number the claim returned
     * @param response  the response
     * @param retention how long to keep it, from now
     * @return false if the attempt no longer holds the key (nothing was written)
     */
    boolean complete(String scope, String key, long attempt, StoredResponse response, Duration retention);

    /**
     * Gives the key back so that a retry executes again, if attempt {@code attempt} still holds it.
     *
     * @param scope   the key's scope
     * @param key     the key
     * @param attempt the attempt number the claim returned
     * @return false if the attempt no longer holds the key (nothing was written)
     */
    boolean release(String scope, String key, long attempt);

    /**
     * Saves a recovery point and renews the lease, if attempt {@code attempt} still holds the key.
     *
     * @param scope   the key's scope
     * @param key     the key
     * @param attempt the attempt number the claim returned
     * @param point   the recovery point's name
     * @param lease   the renewed lease, from now
     * @return false if the attempt no longer holds the key (nothing was written)
     */
    boolean savePoint(String scope, String key, long attempt, String point, Duration lease);

    /**
     * The backend's name for messages, e.g. {@code "PostgreSQL"}.
     *
     * @return the name
     */
    String backend();

    /**
     * What a {@link #claim} found.
     *
     * <pre>{@code
     * ClaimResult found = store.claim("user:42", "k1", Fingerprint.sha256(body), lease, retention);
     * switch (found.outcome()) {
     *     case CLAIMED -> run(found.attempt(), found.recoveryPoint());
     *     case COMPLETED -> replay(found.response());
     *     case IN_PROGRESS -> conflict(found.remainingNanos());
     *     case KEY_REUSED -> unprocessable();
     * }
     * }</pre>
     *
     * @param outcome        what happened
     * @param attempt        the attempt number of the record (the new one when claimed)
     * @param remainingNanos the holder's remaining lease when {@link Outcome#IN_PROGRESS}, -1 if unknown, else 0
     * @param response       the stored response when {@link Outcome#COMPLETED}, else null
     * @param recoveryPoint  the last recovery point of an earlier attempt when {@link Outcome#CLAIMED}, or null
     */
    record ClaimResult(Outcome outcome, long attempt, long remainingNanos, @Nullable StoredResponse response,
            @Nullable String recoveryPoint) {

        /**
         * What a claim found.
         *
         * <pre>{@code
         * boolean replay = store.claim(scope, key, fingerprint, lease, retention).outcome() == Outcome.COMPLETED;
         * }</pre>
         */
        public enum Outcome {
            /** The key is ours: execute. */
            CLAIMED,
            /** The key was completed: replay the response. */
            COMPLETED,
            /** Another execution holds a live lease. */
            IN_PROGRESS,
            /** The record's fingerprint differs from the request's. */
            KEY_REUSED
        }

        /**
         * Checks the fields agree with the outcome.
         *
         * @param outcome        what happened
         * @param attempt        the attempt number
         * @param remainingNanos the remaining lease
         * @param response       the stored response
         * @param recoveryPoint  the recovery point
         */
        public ClaimResult {
            Objects.requireNonNull(outcome, "outcome");
            if ((outcome == Outcome.COMPLETED) != (response != null)) {
                throw new IllegalArgumentException("response must be given exactly when COMPLETED but outcome was "
                        + outcome + " and response " + response);
            }
        }

        /**
         * The key was claimed.
         *
         * @param attempt       the new attempt number
         * @param recoveryPoint the last recovery point of an earlier attempt, or null
         * @return the result
         */
        public static ClaimResult claimed(long attempt, @Nullable String recoveryPoint) {
            return new ClaimResult(Outcome.CLAIMED, attempt, 0, null, recoveryPoint);
        }

        /**
         * The key was completed.
         *
         * @param attempt  the attempt that completed it
         * @param response the response
         * @return the result
         */
        public static ClaimResult completed(long attempt, StoredResponse response) {
            return new ClaimResult(Outcome.COMPLETED, attempt, 0, Objects.requireNonNull(response, "response"), null);
        }

        /**
         * The key is held.
         *
         * @param attempt        the holder's attempt number
         * @param remainingNanos the holder's remaining lease, or -1 if unknown
         * @return the result
         */
        public static ClaimResult inProgress(long attempt, long remainingNanos) {
            return new ClaimResult(Outcome.IN_PROGRESS, attempt, remainingNanos, null, null);
        }

        /**
         * The fingerprint differs.
         *
         * @param attempt the record's attempt number
         * @return the result
         */
        public static ClaimResult keyReused(long attempt) {
            return new ClaimResult(Outcome.KEY_REUSED, attempt, 0, null, null);
        }
    }
}
