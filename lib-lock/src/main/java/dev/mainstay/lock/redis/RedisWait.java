package dev.mainstay.lock.redis;

/**
 * Redis {@code WAIT}, bound to a client: blocks until {@code replicas} replicas have acknowledged every write made
 * earlier on the same connection, or until the timeout, and returns how many did. Scripts may not call
 * {@code WAIT}, so a lock that should wait for replicas ({@link RedisLock.Builder#waitForReplicas}) calls this after
 * the script, on the client.
 *
 * <pre>{@code
 * Jedis jedis = new Jedis("localhost", 6379);                    // one connection
 * RedisLock locks = RedisLock.builder(RedisScripting.of(jedis::evalsha, jedis::eval))
 *         .waitForReplicas(1, Duration.ofMillis(50), jedis::waitReplicas)
 *         .build();
 *
 * RedisCommands<String, String> lettuce = client.connect().sync();  // Lettuce's one shared connection
 * RedisLock shared = RedisLock.builder(scripting)
 *         .waitForReplicas(1, Duration.ofMillis(50), lettuce::waitForReplication)
 *         .build();
 * }</pre>
 *
 * <p>{@code WAIT} only counts the writes of the connection it runs on. It means something only when the script and
 * the {@code WAIT} share one connection: a plain {@code Jedis} (used by one thread at a time) or Lettuce's shared
 * connection. Through a pool ({@code RedisClient}, {@code JedisPooled}) the two may run on different connections,
 * and the {@code WAIT} then proves nothing.
 */
@FunctionalInterface
public interface RedisWait {

    /**
     * Runs {@code WAIT replicas timeoutMillis} on the connection that ran the script.
     *
     * @param replicas      how many replicas must acknowledge
     * @param timeoutMillis the longest wait, {@code > 0}
     * @return how many replicas acknowledged
     */
    long waitReplicas(int replicas, long timeoutMillis);
}
