package dev.mainstay.ratelimit.redis;

import dev.mainstay.ratelimit.FailurePolicy;
import dev.mainstay.ratelimit.KeyedRateLimiter;
import dev.mainstay.ratelimit.RateLimit;
import dev.mainstay.ratelimit.BackendRateLimiterBuilder;
import java.util.Objects;

/**
 * A {@link KeyedRateLimiter} whose state lives in Redis, shared by every process that uses the same key prefix.
 *
 * <pre>{@code
 * RedisClient jedis = RedisClient.create("localhost", 6379);   // redis.clients.jedis
 * KeyedRateLimiter<String> perUser = RedisRateLimiter.builder(RedisScripting.of(jedis::evalsha, jedis::eval),
 *                 RateLimit.tokenBucket(100, 10, Duration.ofSeconds(1)))
 *         .keyPrefix("api:")
 *         .failurePolicy(FailurePolicy.FAIL_OPEN)
 *         .build();
 * boolean ok = perUser.tryAcquire("user:42", 1);   // one EVALSHA on key api:{user:42}
 * }</pre>
 *
 * <p><b>One round trip per decision</b>: a Lua script ({@code EVALSHA}, with one {@code EVAL} when the server
 * answers {@code NOSCRIPT}) reads the state, decides on the server's clock ({@code redis.call('TIME')},
 * microseconds), writes the state and sets the key to expire once the limit would be full again. The same
 * algorithms as in process, with exact integer arithmetic on microseconds; waits are reported in nanoseconds
 * (multiples of 1000). The key is {@code <prefix>{<key>}}: the user's key is the Cluster hash tag.
 *
 * <p><b>Failures</b> (connection lost, server down, timeouts) follow the {@link FailurePolicy} (default
 * {@link FailurePolicy#THROW}) and are always reported to the listener's {@code onBackendFailure}. Nothing is
 * retried. After a server restart without persistence, keys start again from their initial permits.
 *
 * <p><b>Reconfiguration</b>: the limit travels with each call; a key written under another limit is converted on
 * its next use by the carry-over rule of {@link dev.mainstay.ratelimit.RateLimiter#reconfigure}. Limits must have a
 * period of whole microseconds, and their numbers must stay below 2^50 in microsecond units.
 *
 * <p>Thread-safe; as concurrent as the {@link RedisScripting} it is given.
 */
public interface RedisRateLimiter extends KeyedRateLimiter<String> {

    /**
     * A builder for a limiter enforcing {@code limit} per key through {@code redis}.
     *
     * @param redis the script adapter bound to a client
     * @param limit the limit of each key
     * @return the builder
     */
    static Builder builder(RedisScripting redis, RateLimit limit) {
        return new Builder(redis, limit);
    }

    /**
     * The Redis key of {@code key}: {@code <prefix>{<key>}}.
     *
     * @param key the user's key
     * @return the Redis key
     */
    String redisKey(String key);

    /**
     * Builds a {@link RedisRateLimiter}. Each setting is checked when set; the shared ones are described in
     * {@link BackendRateLimiterBuilder}.
     *
     * <pre>{@code
     * RedisRateLimiter limiter = RedisRateLimiter.builder(scripting, RateLimit.fixedWindow(100, Duration.ofMinutes(1)))
     *         .keyPrefix("login:")
     *         .failurePolicy(FailurePolicy.FAIL_CLOSED)
     *         .build();
     * }</pre>
     */
    final class Builder extends BackendRateLimiterBuilder<Builder> {
        final RedisScripting redis;
        String keyPrefix = "rl:";

        Builder(RedisScripting redis, RateLimit limit) {
            super(limit);
            this.redis = Objects.requireNonNull(redis, "redis");
            new ScriptedRateLimiter.Arguments(limit); // fail fast on a limit the script cannot hold exactly
        }

        @Override
        protected Builder self() {
            return this;
        }

        /**
         * The prefix of every Redis key, before the hash tag. Default {@code "rl:"}.
         *
         * @param keyPrefix the prefix, without braces
         * @return this builder
         */
        public Builder keyPrefix(String keyPrefix) {
            Objects.requireNonNull(keyPrefix, "keyPrefix");
            if (keyPrefix.indexOf('{') >= 0 || keyPrefix.indexOf('}') >= 0) {
                throw new IllegalArgumentException("keyPrefix must not contain braces but was '" + keyPrefix + "'");
            }
            this.keyPrefix = keyPrefix;
            return this;
        }

        /**
         * Builds the limiter.
         *
         * @return a new limiter
         */
        public RedisRateLimiter build() {
            return new ScriptedRateLimiter(this, config(), failurePolicy());
        }
    }
}
