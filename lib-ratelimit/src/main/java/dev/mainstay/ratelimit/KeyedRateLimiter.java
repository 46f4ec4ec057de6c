package dev.mainstay.ratelimit;

import dev.mainstay.ratelimit.internal.LocalKeyedRateLimiter;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;

/**
 * One limit applied separately to each key: per user, per client address, per API key. Thread-safe.
 *
 * <pre>{@code
 * KeyedRateLimiter<String> perUser = KeyedRateLimiter.<String>builder(RateLimit.tokenBucket(20, 5, Duration.ofSeconds(1)))
 *         .maxKeys(100_000)
 *         .build();
 * if (!perUser.tryAcquire("user-42", 1)) {
 *     reject();
 * }
 * }</pre>
 *
 * <p>Memory is bounded. In this process, a key's state is dropped once its limit is back to full capacity (so a
 * key seen again later starts from its initial permits, which is never more generous than the state dropped), and
 * no more than {@code maxKeys} keys are tracked at once: a request for a new key while that many keys are busy is
 * refused. On Redis and JDBC backends, idle keys expire on the server.
 *
 * @param <K> the key type; keys must have value semantics ({@code equals}/{@code hashCode}); never null
 */
public interface KeyedRateLimiter<K> {

    /**
     * A builder for an in-process keyed limiter enforcing {@code limit} on each key.
     *
     * @param limit the limit of each key
     * @param <K>   the key type
     * @return the builder
     */
    static <K> Builder<K> builder(RateLimit limit) {
        return new Builder<>(limit);
    }

    /**
     * Takes one permit for {@code key} if available now.
     *
     * @param key the key
     * @return whether it was taken
     */
    default boolean tryAcquire(K key) {
        return tryAcquire(key, 1);
    }

    /**
     * Takes {@code permits} for {@code key} if all are available now.
     *
     * @param key     the key
     * @param permits the permits, {@code 1..capacity}
     * @return whether they were taken
     * @throws NullPointerException     if {@code key} is null
     * @throws IllegalArgumentException if {@code permits} is out of range
     */
    boolean tryAcquire(K key, long permits);

    /**
     * Takes {@code permits} for {@code key} if all are available now, or says how long until they would be.
     *
     * @param key     the key
     * @param permits the permits, {@code 1..capacity}
     * @return {@code 0} when taken; otherwise the nanoseconds ({@code > 0}) until they could be
     */
    long tryAcquireOrWaitNanos(K key, long permits);

    /**
     * Like {@link #tryAcquire(Object, long)}, answering with the full {@link Decision}.
     *
     * @param key     the key
     * @param permits the permits, {@code 1..capacity}
     * @return the decision
     */
    Decision tryAcquireDecision(K key, long permits);

    /**
     * Takes {@code permits} for {@code key}, waiting for them if they come within {@code timeout}; returns
     * {@code false} at once when they cannot, and never sleeps past the timeout.
     *
     * @param key     the key
     * @param permits the permits, {@code 1..capacity}
     * @param timeout the longest wait, {@code >= 0}
     * @return whether they were taken
     * @throws InterruptedException if interrupted while waiting
     */
    boolean acquire(K key, long permits, Duration timeout) throws InterruptedException;

    /**
     * Takes {@code permits} for {@code key} now or throws.
     *
     * @param key     the key
     * @param permits the permits, {@code 1..capacity}
     * @throws RateLimitedException        telling how long to wait, if they are not available now (HTTP 429)
     * @throws RateLimitBackendException   if a Redis or JDBC limiter's backend failed under
     *                                     {@link FailurePolicy#THROW} (HTTP 503)
     * @throws IllegalArgumentException    if {@code permits} is out of range
     */
    void acquireOrThrow(K key, long permits);

    /**
     * Takes {@code permits} for {@code key} without blocking a thread, retrying on {@code scheduler}.
     *
     * @param key       the key
     * @param permits   the permits, {@code 1..capacity}
     * @param timeout   the longest wait, {@code >= 0}
     * @param scheduler where retries run
     * @return completes with whether they were taken
     */
    CompletionStage<Boolean> acquireAsync(K key, long permits, Duration timeout, ScheduledExecutorService scheduler);

    /**
     * The permits available for {@code key} now (a snapshot; a key never seen has its initial permits).
     *
     * @param key the key
     * @return the permits
     */
    long availablePermits(K key);

    /**
     * Switches every key to a new limit, with the carry-over rule of {@link RateLimiter#reconfigure}.
     *
     * @param limit the new limit
     */
    void reconfigure(RateLimit limit);

    /**
     * The limit in force.
     *
     * @return the limit
     */
    RateLimit limit();

    /**
     * Builds an in-process {@link KeyedRateLimiter}. Each setting is checked when set; the shared ones are described
     * in {@link RateLimiterBuilder}.
     *
     * @param <K> the key type
     */
    final class Builder<K> extends RateLimiterBuilder<Builder<K>> {
        private int maxKeys = 1_000_000;

        Builder(RateLimit limit) {
            super(limit);
        }

        @Override
        protected Builder<K> self() {
            return this;
        }




        /**
         * The most keys tracked at once. Default 1,000,000.
         *
         * @param maxKeys {@code >= 1}
         * @return this builder
         */
        public Builder<K> maxKeys(int maxKeys) {
            if (maxKeys < 1) {
                throw new IllegalArgumentException("maxKeys must be >= 1 but was " + maxKeys);
            }
            this.maxKeys = maxKeys;
            return this;
        }

        /**
         * The settings collected so far.
         *
         * @return the settings
         */
        @Override
        public RateLimiterConfig config() {
            return config(maxKeys);
        }

        /**
         * Builds the limiter.
         *
         * @return a new keyed limiter
         */
        public KeyedRateLimiter<K> build() {
            return new LocalKeyedRateLimiter<>(config());
        }
    }
}
