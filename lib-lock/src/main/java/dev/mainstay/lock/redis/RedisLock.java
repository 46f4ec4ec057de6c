package dev.mainstay.lock.redis;

import dev.mainstay.lock.DistributedLock;
import dev.mainstay.lock.LockBuilder;
import dev.mainstay.lock.internal.Nullable;
import java.time.Duration;
import java.util.Objects;

/**
 * A {@link DistributedLock} whose grants live in Redis, shared by every process that uses the same key prefix.
 * Acquire, extend and release are one script call each ({@code EVALSHA}); leases run on the server's clock
 * ({@code PX}), and fencing tokens never step back on one server, even across a restart that lost every key (see
 * the {@linkplain dev.mainstay.lock.redis package note} for the exact guarantee).
 *
 * <pre>{@code
 * RedisClient jedis = RedisClient.create("localhost", 6379);   // redis.clients.jedis
 * RedisLock locks = RedisLock.builder(RedisScripting.of(jedis::evalsha, jedis::eval))
 *         .keyPrefix("jobs:")
 *         .build();
 * try (LockHandle lock = locks.acquire("reindex", Duration.ofSeconds(30), Duration.ofSeconds(5))) {
 *     reindex(lock.token());                                  // keys jobs:{reindex} and jobs:{reindex}:token
 * }
 * }</pre>
 *
 * <p>Thread-safe and immutable in configuration; as concurrent as the {@link RedisScripting} it is given.
 */
public interface RedisLock extends DistributedLock {

    /**
     * A builder of a lock on Redis through {@code redis}.
     *
     * @param redis the script adapter bound to a client
     * @return the builder
     */
    static Builder builder(RedisScripting redis) {
        return new Builder(redis);
    }

    /**
     * The Redis key of a lock: {@code <prefix>{<name>}}. Its token counter is the same key followed by
     * {@code :token}, in the same Cluster hash slot.
     *
     * @param name the lock's name
     * @return the key
     */
    String redisKey(String name);

    /**
     * Builds a {@link RedisLock}. Each setting is checked when set.
     *
     * <pre>{@code
     * RedisLock locks = RedisLock.builder(scripting)
     *         .name("jobs")
     *         .keyPrefix("jobs:")
     *         .safetyMargin(Duration.ofMillis(10))
     *         .build();
     * }</pre>
     */
    final class Builder extends LockBuilder<Builder> {

        final RedisScripting redis;
        String keyPrefix = "lock:";
        int replicas;
        long waitMillis;
        @Nullable RedisWait wait;

        Builder(RedisScripting redis) {
            super("redis");
            this.redis = Objects.requireNonNull(redis, "redis");
        }

        @Override
        protected Builder self() {
            return this;
        }

        /**
         * The prefix of every Redis key, before the hash tag. Default {@code "lock:"}.
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
         * Opt-in: after each grant and each extend, runs {@code WAIT replicas timeout} through {@code wait} (scripts
         * may not call {@code WAIT}). One more round trip per acquire and extend; release does not wait.
         * <ul>
         *   <li>If fewer replicas acknowledge a <b>grant</b>, the grant is released at once (compare-and-delete, one
         *       more round trip) and acquire throws {@link dev.mainstay.lock.LockBackendException} (operation
         *       {@code "acquire"}) whose cause is a {@link java.util.concurrent.TimeoutException} saying how many
         *       acknowledged. Should that release fail too, its failure is a suppressed exception of the cause, and
         *       the grant ends with its lease.</li>
         *   <li>If fewer acknowledge an <b>extend</b>, the primary keeps the longer lease and extend throws
         *       {@link dev.mainstay.lock.LockBackendException} (operation {@code "extend"}, the same cause); a
         *       renewal treats it as any backend failure and tries again.</li>
         *   <li>If {@code wait} throws, that is the cause, with the same handling.</li>
         * </ul>
         * {@code WAIT} counts the writes of the connection it runs on, so {@code wait} must be bound to the one
         * connection the scripts run on (a plain {@code Jedis} used by one thread, Lettuce's shared connection);
         * see {@link RedisWait}. Even then it is not consensus: a failover may still promote a replica that had
         * not acknowledged, and lose the grant.
         *
         * @param replicas how many replicas must acknowledge, {@code >= 1}
         * @param timeout  the longest wait, at least 1 ms (whole milliseconds)
         * @param wait     {@code WAIT}, bound to the client
         * @return this builder
         */
        public Builder waitForReplicas(int replicas, Duration timeout, RedisWait wait) {
            Objects.requireNonNull(timeout, "timeout");
            Objects.requireNonNull(wait, "wait");
            if (replicas < 1) {
                throw new IllegalArgumentException("replicas must be >= 1 but was " + replicas);
            }
            if (timeout.compareTo(Duration.ofMillis(1)) < 0) {
                throw new IllegalArgumentException("timeout must be at least 1 ms but was " + timeout
                        + " (WAIT with 0 blocks forever)");
            }
            if (timeout.getSeconds() >= Long.MAX_VALUE / 1000) {
                throw new IllegalArgumentException("timeout must be below " + Long.MAX_VALUE / 1000
                        + " seconds but was " + timeout);
            }
            if (timeout.getNano() % 1_000_000 != 0) {
                throw new IllegalArgumentException("timeout must be whole milliseconds but was " + timeout);
            }
            this.replicas = replicas;
            this.waitMillis = timeout.toMillis();
            this.wait = wait;
            return this;
        }

        /**
         * Builds the lock.
         *
         * @return a new lock
         */
        public RedisLock build() {
            return new RedisLockService(config(), new RedisLockBackend(this));
        }
    }
}
