package dev.mainstay.ratelimit.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mainstay.ratelimit.Decision;
import dev.mainstay.ratelimit.FailurePolicy;
import dev.mainstay.ratelimit.RateLimit;
import dev.mainstay.ratelimit.RateLimitedException;
import dev.mainstay.ratelimit.RateLimiterListener;
import dev.mainstay.testkit.RealBackends;
import dev.mainstay.testkit.RedisBackend;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RealBackends.class)
class RedisRateLimiterRedisIT {

    private final List<AutoCloseable> closeables = new ArrayList<>();

    @BeforeEach
    void clean(RedisBackend redis) {
        redis.flushAll();
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable closeable : closeables) {
            closeable.close();
        }
    }

    /** Jedis, bound with two method references. */
    private RedisScripting jedis(RedisBackend server) {
        redis.clients.jedis.RedisClient jedis = redis.clients.jedis.RedisClient.create(server.host(), server.port());
        closeables.add(jedis);
        return RedisScripting.of(jedis::evalsha, jedis::eval);
    }

    /** Lettuce, bound with two short lambdas (its own connection each time). */
    private RedisScripting lettuce(RedisBackend server) {
        RedisURI uri = RedisURI.create(server.uri());
        uri.setTimeout(Duration.ofSeconds(2));
        RedisClient client = RedisClient.create(uri);
        StatefulRedisConnection<String, String> connection = client.connect();
        closeables.add(client::shutdown);
        closeables.add(connection);
        RedisCommands<String, String> commands = connection.sync();
        return RedisScripting.of(
                (sha, keys, args) -> commands.evalsha(sha, ScriptOutputType.MULTI,
                        keys.toArray(new String[0]), args.toArray(new String[0])),
                (script, keys, args) -> commands.eval(script, ScriptOutputType.MULTI,
                        keys.toArray(new String[0]), args.toArray(new String[0])));
    }

    @Test
    void jedisClientsOnSeparateConnectionsAdmitExactlyTheCapacity(RedisBackend redis) throws Exception {
        exactAcrossClients(redis, this::jedis);
    }

    @Test
    void lettuceClientsOnSeparateConnectionsAdmitExactlyTheCapacity(RedisBackend redis) throws Exception {
        exactAcrossClients(redis, this::lettuce);
    }

    private void exactAcrossClients(RedisBackend redis, Function<RedisBackend, RedisScripting> client)
            throws Exception {
        // one permit back per day: within the test, exactly the capacity can pass
        RateLimit limit = RateLimit.tokenBucket(300, 1, Duration.ofDays(1));
        int clients = 4;
        AtomicLong admitted = new AtomicLong();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            RedisRateLimiter limiter = RedisRateLimiter.builder(client.apply(redis), limit).keyPrefix("exact:").build();
            Thread thread = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                for (int i = 0; i < 150; i++) {
                    if (limiter.tryAcquire("hot", 1)) {
                        admitted.incrementAndGet();
                    }
                }
            });
            thread.start();
            threads.add(thread);
        }
        go.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        assertEquals(300, admitted.get());
        RedisRateLimiter probe = RedisRateLimiter.builder(client.apply(redis), limit).keyPrefix("exact:").build();
        assertEquals(0, probe.availablePermits("hot"));
    }

    @Test
    void oneCommandPerDecisionOnAHashTaggedKeyThatExpires(RedisBackend redis) {
        RedisRateLimiter limiter = RedisRateLimiter.builder(jedis(redis),
                RateLimit.tokenBucket(10, 10, Duration.ofSeconds(1))).keyPrefix("api:").build();
        assertTrue(limiter.tryAcquire("user:42", 1)); // loads the script (NOSCRIPT, then EVAL) on first use
        redis.command("CONFIG", "RESETSTAT");
        for (int i = 0; i < 5; i++) {
            limiter.tryAcquire("user:42", 1);
        }
        String stats = (String) redis.command("INFO", "commandstats");
        assertTrue(stats.contains("cmdstat_evalsha:calls=5,"), stats);
        assertFalse(stats.contains("cmdstat_eval:"), stats);
        assertEquals("api:{user:42}", limiter.redisKey("user:42"));
        long ttl = (Long) redis.command("PTTL", "api:{user:42}");
        assertTrue(ttl > 0 && ttl <= 600, "expires once full again (6 permits at 10/s): " + ttl);
    }

    @Test
    void noScriptFallsBackToEvalOnce(RedisBackend redis) {
        RedisRateLimiter limiter = RedisRateLimiter.builder(lettuce(redis),
                RateLimit.fixedWindow(5, Duration.ofMinutes(10))).build();
        redis.command("SCRIPT", "FLUSH");
        redis.command("CONFIG", "RESETSTAT");
        assertTrue(limiter.tryAcquire("k", 2));
        assertTrue(limiter.tryAcquire("k", 2));
        String stats = (String) redis.command("INFO", "commandstats");
        assertTrue(stats.contains("cmdstat_eval:calls=1,"), stats);
        assertTrue(stats.contains("cmdstat_evalsha:calls=2,"), stats); // the first one failed with NOSCRIPT
        assertEquals(1, limiter.availablePermits("k"));
    }

    @Test
    void everyAlgorithmDecidesOnTheServer(RedisBackend redis) {
        RedisScripting scripting = jedis(redis);
        RedisRateLimiter fixed = RedisRateLimiter.builder(scripting, RateLimit.fixedWindow(3, Duration.ofHours(1)))
                .keyPrefix("fixed:").build();
        assertTrue(fixed.tryAcquire("a", 3));
        Decision refused = fixed.tryAcquireDecision("a", 1);
        assertFalse(refused.permitted());
        assertTrue(refused.nanosToWait() > 0 && refused.nanosToWait() <= Duration.ofHours(1).toNanos());
        assertEquals(0, refused.remaining());

        RedisRateLimiter sliding = RedisRateLimiter.builder(scripting, RateLimit.slidingWindow(4, Duration.ofHours(1)))
                .keyPrefix("sliding:").build();
        assertTrue(sliding.tryAcquire("a", 4));
        assertFalse(sliding.tryAcquire("a", 1));
        assertTrue(sliding.tryAcquireOrWaitNanos("a", 1) > 0);

        RedisRateLimiter gcra = RedisRateLimiter.builder(scripting, RateLimit.gcra(1, Duration.ofSeconds(10), 2))
                .keyPrefix("gcra:").build();
        Decision first = gcra.tryAcquireDecision("a", 2);
        assertTrue(first.permitted());
        assertEquals(0, first.remaining());
        long wait = gcra.tryAcquireOrWaitNanos("a", 1);
        assertTrue(wait > 9_000_000_000L && wait <= 10_000_000_000L, "one permit per 10 s: " + wait);

        RedisRateLimiter stepped = RedisRateLimiter.builder(scripting,
                RateLimit.tokenBucket(5, 2, Duration.ofHours(1)).withIntervalRefill().withInitialPermits(1))
                .keyPrefix("stepped:").build();
        assertEquals(1, stepped.availablePermits("a"));
        assertFalse(stepped.tryAcquire("a", 2));
        assertTrue(stepped.tryAcquire("a", 1));
    }

    @Test
    void reconfigurationCarriesAvailablePermitsOver(RedisBackend redis) {
        RedisRateLimiter limiter = RedisRateLimiter.builder(jedis(redis),
                RateLimit.tokenBucket(10, 1, Duration.ofDays(1))).build();
        assertTrue(limiter.tryAcquire("k", 4));
        limiter.reconfigure(RateLimit.fixedWindow(100, Duration.ofDays(1)));
        assertEquals(6, limiter.availablePermits("k"), "6 carried over, not topped up to 100");
        limiter.reconfigure(RateLimit.slidingWindow(3, Duration.ofDays(1)));
        assertEquals(3, limiter.availablePermits("k"), "capped at the new capacity");
        assertEquals(3, limiter.limit().capacity());
    }

    @Test
    void reconfigurationBetweenEveryPairOfAlgorithmsCarriesOverCapped(RedisBackend redis) {
        RedisScripting scripting = jedis(redis);
        Duration day = Duration.ofDays(1);
        List<RateLimit> from = List.of(RateLimit.tokenBucket(10, 1, day), RateLimit.gcra(1, day, 10),
                RateLimit.tokenBucket(10, 1, day).withIntervalRefill(), RateLimit.fixedWindow(10, day),
                RateLimit.slidingWindow(10, day));
        List<RateLimit> to = List.of(RateLimit.tokenBucket(8, 1, day), RateLimit.gcra(1, day, 8),
                RateLimit.tokenBucket(8, 1, day).withIntervalRefill(), RateLimit.fixedWindow(8, day),
                RateLimit.slidingWindow(8, day));
        for (int i = 0; i < from.size(); i++) {
            for (int j = 0; j < to.size(); j++) {
                RedisRateLimiter limiter = RedisRateLimiter.builder(scripting, from.get(i)).build();
                String key = "pair-" + i + "-" + j;
                assertTrue(limiter.tryAcquire(key, 4));
                assertTrue(limiter.tryAcquire(key + "-full", 1));
                limiter.reconfigure(to.get(j));
                String pair = from.get(i) + " -> " + to.get(j);
                assertEquals(6, limiter.availablePermits(key), "6 carried over: " + pair);
                assertEquals(8, limiter.availablePermits(key + "-full"), "9 capped at 8: " + pair);
                Decision last = limiter.tryAcquireDecision(key, 6);
                assertTrue(last.permitted(), pair);
                assertEquals(0, last.remaining(), pair);
                assertFalse(limiter.tryAcquire(key, 1), pair);
            }
        }
    }

    @Test
    void theStateIsOneStringThatExpiresOnceTheWindowsForgetIt(RedisBackend redis) {
        RedisRateLimiter sliding = RedisRateLimiter.builder(lettuce(redis),
                RateLimit.slidingWindow(5, Duration.ofSeconds(2))).build();
        assertTrue(sliding.tryAcquire("k", 1));
        assertEquals("string", redis.command("TYPE", "rl:{k}"));
        long ttl = (Long) redis.command("PTTL", "rl:{k}");
        assertTrue(ttl > 1000 && ttl <= 4000, "until the permit leaves the previous window: " + ttl);
        assertEquals(4, sliding.availablePermits("k"));
    }

    @Test
    void aServerRestartFollowsTheFailurePolicyThenRecovers(RedisBackend redis) {
        RateLimit limit = RateLimit.fixedWindow(2, Duration.ofHours(1));
        AtomicInteger failures = new AtomicInteger();
        RateLimiterListener listener = new RateLimiterListener() {
            @Override
            public void onBackendFailure(String limiter, Object key, RuntimeException failure, boolean permitted) {
                failures.incrementAndGet();
            }
        };
        RedisScripting jedis = jedis(redis);
        RedisScripting lettuce = lettuce(redis);
        RedisRateLimiter open = RedisRateLimiter.builder(jedis, limit).failurePolicy(FailurePolicy.FAIL_OPEN)
                .listener(listener).build();
        RedisRateLimiter closed = RedisRateLimiter.builder(lettuce, limit).failurePolicy(FailurePolicy.FAIL_CLOSED)
                .listener(listener).build();
        RedisRateLimiter throwing = RedisRateLimiter.builder(jedis, limit).listener(listener).build();
        assertTrue(open.tryAcquire("k", 2));
        assertFalse(closed.tryAcquire("k", 1), "the two limiters share the key");

        redis.stop();
        try {
            assertTrue(open.tryAcquire("k", 1), "fail open lets the request through");
            assertFalse(closed.tryAcquire("k", 1), "fail closed refuses it");
            RateLimitedException e = assertThrows(RateLimitedException.class, () -> throwing.tryAcquire("k", 1));
            assertNotNull(e.getCause(), "the client's failure is the cause");
            assertEquals(3, failures.get(), "every failure reaches the listener");
        } finally {
            redis.start();
        }
        // no persistence on this server: the key starts again from its initial permits, and the script is
        // loaded again through the NOSCRIPT fallback
        assertTrue(throwing.tryAcquire("k", 2));
        assertFalse(closed.tryAcquire("k", 1));
        assertEquals(0, open.availablePermits("k"));
    }

    @Test
    void badRedisSettingsAreRefused(RedisBackend redis) {
        RedisScripting scripting = jedis(redis);
        IllegalArgumentException micros = assertThrows(IllegalArgumentException.class,
                () -> RedisRateLimiter.builder(scripting, RateLimit.tokenBucket(1, 1, Duration.ofNanos(1500))));
        assertEquals("period must be whole microseconds on Redis but was PT0.0000015S", micros.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> RedisRateLimiter.builder(scripting, RateLimit.tokenBucket(1L << 40, 3, Duration.ofDays(1))));
        IllegalArgumentException prefix = assertThrows(IllegalArgumentException.class,
                () -> RedisRateLimiter.builder(scripting, RateLimit.fixedWindow(1, Duration.ofSeconds(1))).keyPrefix("a{"));
        assertEquals("keyPrefix must not contain braces but was 'a{'", prefix.getMessage());
        assertThrows(NullPointerException.class, () -> RedisRateLimiter.builder(null, RateLimit.fixedWindow(1, Duration.ofSeconds(1))));
        assertThrows(NullPointerException.class,
                () -> RedisRateLimiter.builder(scripting, RateLimit.fixedWindow(1, Duration.ofSeconds(1))).failurePolicy(null));
        assertThrows(NullPointerException.class, () -> RedisRateLimiter.builder(scripting,
                RateLimit.fixedWindow(1, Duration.ofSeconds(1))).build().tryAcquire(null, 1));
        RedisRateLimiter.Builder builder = RedisRateLimiter.builder(scripting, RateLimit.fixedWindow(1, Duration.ofSeconds(1)));
        IllegalArgumentException name = assertThrows(IllegalArgumentException.class, () -> builder.name(" "));
        assertEquals("name must not be blank but was ' '", name.getMessage());
        assertThrows(NullPointerException.class, () -> builder.listener(null));
        assertThrows(NullPointerException.class, () -> builder.ticker(null));
        assertThrows(NullPointerException.class, () -> builder.keyPrefix(null));
        assertThrows(NullPointerException.class, () -> RedisScripting.of(null, (s, k, a) -> null));
        IllegalArgumentException permits = assertThrows(IllegalArgumentException.class,
                () -> builder.build().tryAcquire("k", 2));
        assertEquals("permits must be between 1 and capacity 1 but was 2", permits.getMessage());
    }
}
