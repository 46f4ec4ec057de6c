/**
 * The Redis store: idempotency records as Redis hashes, run through one Lua script, with no Redis client
 * dependency (bind {@link dev.mainstay.idempotency.redis.RedisScripting} to Jedis or Lettuce in one line).
 *
 * <pre>{@code
 * RedisIdempotencyStore store = RedisIdempotencyStore.builder(RedisScripting.of(jedis::evalsha, jedis::eval)).build();
 * }</pre>
 *
 * <h2>Keys</h2>
 * One hash per record at {@code <prefix>{<scope>:<key>}}; a record touches one key only, so the store works on
 * Redis Cluster. Its TTL is the record's retention.
 *
 * <h2>Round trips</h2>
 * One {@code EVALSHA} per operation: claim, complete, release, savePoint. First execution 2, replay 1,
 * conflicting duplicate 1, released failure 2. The script reads {@code TIME} once, and does at most an
 * {@code HMGET}, an {@code HSET}, an {@code HDEL} or two and a {@code PEXPIRE}.
 *
 * <h2>Failures</h2>
 * A client exception becomes {@link dev.mainstay.idempotency.IdempotencyBackendException} naming the operation;
 * a reply of the wrong shape is an {@link java.lang.IllegalStateException} (a bug, never a backend failure).
 */
package dev.mainstay.idempotency.redis;
