package dev.mainstay.idempotency.redis;

import dev.mainstay.idempotency.IdempotencyStore;
import java.util.Objects;

/**
 * An {@link IdempotencyStore} in Redis, shared by every process that uses the same key prefix.
 *
 * <pre>{@code
 * RedisClient jedis = RedisClient.create("localhost", 6379);   // redis.clients.jedis
 * RedisIdempotencyStore store = RedisIdempotencyStore.builder(RedisScripting.of(jedis::evalsha, jedis::eval))
 *         .keyPrefix("idem:")
 *         .build();
 * Idempotency idempotency = Idempotency.builder(store).build();   // records at idem:{<scope>:<key>}
 * }</pre>
 *
 * <p><b>One round trip per operation</b>: each claim, completion, release and recovery point is one run of a Lua
 * script ({@code EVALSHA}, with one {@code EVAL} when the server answers {@code NOSCRIPT}) on one hash,
 * {@code <prefix>{<scope>:<key>}}: the scope and key are the Cluster hash tag. So a first execution is 2 round
 * trips, a replay 1, a conflicting duplicate 1. Leases run on the server's clock ({@code redis.call('TIME')}),
 * retention is the key's TTL ({@code PEXPIRE}): Redis forgets a record by itself, no purge is needed. Responses are
 * stored base64-encoded (a third larger than their bytes).
 *
 * <p><b>Durability</b> is the server's: without persistence, a restart forgets every record, so retries after it
 * execute again. Failures (connection lost, server down, timeouts) throw
 * {@link dev.mainstay.idempotency.IdempotencyBackendException} with the client's exception as cause; nothing is
 * retried. Thread-safe; as concurrent as the {@link RedisScripting} it is given.
 */
public interface RedisIdempotencyStore extends IdempotencyStore {

    /**
     * A builder of a store on {@code redis}.
     *
     * @param redis the script adapter bound to a client
     * @return the builder
     */
    static Builder builder(RedisScripting redis) {
        return new Builder(redis);
    }

    /**
     * The Redis key of a record: {@code <prefix>{<scope>:<key>}}.
     *
     * @param scope the scope
     * @param key   the key
     * @return the Redis key
     */
    String redisKey(String scope, String key);

    /**
     * Builds a {@link RedisIdempotencyStore}. Each setting is checked when set.
     *
     * <pre>{@code
     * RedisIdempotencyStore store = RedisIdempotencyStore.builder(scripting).keyPrefix("payments:idem:").build();
     * }</pre>
     */
    final class Builder {
        final RedisScripting redis;
        String keyPrefix = "idem:";

        Builder(RedisScripting redis) {
            this.redis = Objects.requireNonNull(redis, "redis");
        }

        /**
         * The prefix of every Redis key, before the hash tag. Default {@code "idem:"}.
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
         * Builds the store.
         *
         * @return a new store
         */
        public RedisIdempotencyStore build() {
            return new ScriptedStore(this);
        }
    }
}
