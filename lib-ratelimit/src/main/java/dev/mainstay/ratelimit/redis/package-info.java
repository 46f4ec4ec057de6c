/**
 * Rate limiters whose state lives in Redis: {@link dev.mainstay.ratelimit.redis.RedisRateLimiter}, bound to any
 * client through {@link dev.mainstay.ratelimit.redis.RedisScripting}.
 *
 * <pre>{@code
 * RedisClient jedis = RedisClient.create("localhost", 6379);   // redis.clients.jedis
 * KeyedRateLimiter<String> limiter = RedisRateLimiter.builder(RedisScripting.of(jedis::evalsha, jedis::eval),
 *         RateLimit.tokenBucket(100, 10, Duration.ofSeconds(1))).build();
 * }</pre>
 *
 * <h2>The script</h2>
 * One Lua script does each decision in one round trip. Keys: {@code KEYS[1]} = {@code <prefix>{<key>}}, one
 * string. Arguments: algorithm (1 greedy token bucket/GCRA, 2 stepped token bucket/fixed window, 3 sliding window),
 * capacity, refill permits, period in microseconds, initial permits, permits asked for (0 to look), and the
 * greedy bucket's {@code period/gcd} and {@code refill/gcd}. Reply: an array of four integers, {@code [permitted
 * (0/1), permits remaining, microseconds to wait, microseconds until full]}. Time is the server's
 * ({@code redis.call('TIME')}); fixed and sliding windows are aligned to the Unix epoch. Inside the script: exactly
 * {@code TIME}, {@code GET} and {@code SET ... PX}. The state is nine numbers packed into one string
 * ({@code struct.pack}): the limit it was written under, then up to three numbers of state; the {@code PX} is the
 * time until the limit would be full again, so idle keys vanish. The script builds no tables but the reply, no
 * closures and no string but the packed state: on the server it costs about what any script making those three
 * calls costs. Cost: one {@code EVALSHA} per decision, O(1) on the server.
 *
 * <h2>Not supported</h2>
 * Periods that are not whole microseconds; limits whose state would exceed 2^50 in microsecond units (Lua numbers
 * are exact up to 2^53); Redis versions before 5 (the script reads {@code TIME} before writing).
 */
package dev.mainstay.ratelimit.redis;
