package dev.mainstay.ratelimit.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mainstay.ratelimit.Decision;
import dev.mainstay.ratelimit.FailurePolicy;
import dev.mainstay.ratelimit.RateLimit;
import dev.mainstay.ratelimit.RateLimitBackendException;
import dev.mainstay.ratelimit.RateLimitedException;
import dev.mainstay.ratelimit.RateLimiterListener;
import dev.mainstay.ratelimit.Together;
import dev.mainstay.testkit.Backend;
import dev.mainstay.testkit.RealBackends;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisScriptingCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.UnifiedJedis;

/**
 * Every case of the limiter on Redis, run on a single server ({@link RedisRateLimiterRedisIT}) and on a Redis
 * Cluster ({@link RedisRateLimiterRedisClusterIT}), through Jedis and Lettuce. A subclass names the server and
 * hands out clients; admin commands about a key go to the node that holds the key.
 */
@ExtendWith(RealBackends.class)
abstract class RedisRateLimiterContract {

    /** Closed after each test, last first: every client a case opened. */
    final List<AutoCloseable> closeables = new ArrayList<>();

    /** The server or cluster under test, for its faults. */
    abstract Backend server();

    /** Deletes every key (on every node). */
    abstract void flushAll();

    /** A new Jedis client (its own pool) on the server; adds it to {@link #closeables}. */
    abstract UnifiedJedis newJedis();

    /** A new Lettuce client (its own connection, 2 s timeout) on the server; adds it to {@link #closeables}. */
    abstract RedisScriptingCommands<String, String> newLettuce();

    /** Runs an admin command on the node that holds {@code key}. */
    abstract Object commandOnNodeOf(String key, String... command);

    /** Runs an admin command on every node. */
    abstract void commandOnEveryNode(String... command);

    @BeforeEach
    void clean() {
        flushAll();
    }

    @AfterEach
    void close() throws Exception {
        for (int i = closeables.size() - 1; i >= 0; i--) {
            closeables.get(i).close();
        }
    }

    /** Jedis, bound with two method references. */
    RedisScripting jedis() {
        UnifiedJedis jedis = newJedis();
        return RedisScripting.of(jedis::evalsha, jedis::eval);
    }

    /** Lettuce, bound with two short lambdas. */
    RedisScripting lettuce() {
        RedisScriptingCommands<String, String> commands = newLettuce();
        return RedisScripting.of(
                (sha, keys, args) -> commands.evalsha(sha, ScriptOutputType.MULTI,
                        keys.toArray(new String[0]), args.toArray(new String[0])),
                (script, keys, args) -> commands.eval(script, ScriptOutputType.MULTI,
                        keys.toArray(new String[0]), args.toArray(new String[0])));
    }

    @Test
    void jedisClientsOnSeparateConnectionsAdmitExactlyTheCapacity() throws Exception {
        exactAcrossClients(this::jedis);
    }

    @Test
    void lettuceClientsOnSeparateConnectionsAdmitExactlyTheCapacity() throws Exception {
        exactAcrossClients(this::lettuce);
    }

    private void exactAcrossClients(Supplier<RedisScripting> client) throws Exception {
        // one permit back per day: within the test, exactly the capacity can pass
        RateLimit limit = RateLimit.tokenBucket(300, 1, Duration.ofDays(1));
        AtomicLong admitted = new AtomicLong();
        List<Runnable> clients = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
            RedisRateLimiter limiter = RedisRateLimiter.builder(client.get(), limit).keyPrefix("exact:").build();
            clients.add(() -> {
                for (int i = 0; i < 150; i++) {
                    if (limiter.tryAcquire("hot", 1)) {
                        admitted.incrementAndGet();
                    }
                }
            });
        }
        Together.run(clients);
        assertEquals(300, admitted.get());
        RedisRateLimiter probe = RedisRateLimiter.builder(client.get(), limit).keyPrefix("exact:").build();
        assertEquals(0, probe.availablePermits("hot"));
    }

    @Test
    void oneCommandPerDecisionOnAHashTaggedKeyThatExpires() {
        RedisRateLimiter limiter = RedisRateLimiter.builder(jedis(),
                RateLimit.tokenBucket(10, 10, Duration.ofSeconds(1))).keyPrefix("api:").build();
        assertTrue(limiter.tryAcquire("user:42", 1)); // loads the script (NOSCRIPT, then EVAL) on first use
        commandOnNodeOf("api:{user:42}", "CONFIG", "RESETSTAT");
        for (int i = 0; i < 5; i++) {
            limiter.tryAcquire("user:42", 1);
        }
        String stats = (String) commandOnNodeOf("api:{user:42}", "INFO", "commandstats");
        assertTrue(stats.contains("cmdstat_evalsha:calls=5,"), stats);
        assertFalse(stats.contains("cmdstat_eval:"), stats);
        assertEquals("api:{user:42}", limiter.redisKey("user:42"));
        long ttl = (Long) commandOnNodeOf("api:{user:42}", "PTTL", "api:{user:42}");
        assertTrue(ttl > 0 && ttl <= 600, "expires once full again (6 permits at 10/s): " + ttl);
    }

    @Test
    void noScriptFallsBackToEvalOnce() {
        RedisRateLimiter limiter = RedisRateLimiter.builder(lettuce(),
                RateLimit.fixedWindow(5, Duration.ofMinutes(10))).build();
        commandOnEveryNode("SCRIPT", "FLUSH");
        commandOnNodeOf("rl:{k}", "CONFIG", "RESETSTAT");
        assertTrue(limiter.tryAcquire("k", 2));
        assertTrue(limiter.tryAcquire("k", 2));
        String stats = (String) commandOnNodeOf("rl:{k}", "INFO", "commandstats");
        assertTrue(stats.contains("cmdstat_eval:calls=1,"), stats);
        assertTrue(stats.contains("cmdstat_evalsha:calls=2,"), stats); // the first one failed with NOSCRIPT
        assertEquals(1, limiter.availablePermits("k"));
    }

    @Test
    void everyAlgorithmDecidesOnTheServer() {
        RedisScripting scripting = jedis();
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
    void reconfigurationCarriesAvailablePermitsOver() {
        RedisRateLimiter limiter = RedisRateLimiter.builder(jedis(),
                RateLimit.tokenBucket(10, 1, Duration.ofDays(1))).build();
        assertTrue(limiter.tryAcquire("k", 4));
        limiter.reconfigure(RateLimit.fixedWindow(100, Duration.ofDays(1)));
        assertEquals(6, limiter.availablePermits("k"), "6 carried over, not topped up to 100");
        limiter.reconfigure(RateLimit.slidingWindow(3, Duration.ofDays(1)));
        assertEquals(3, limiter.availablePermits("k"), "capped at the new capacity");
        assertEquals(3, limiter.limit().capacity());
    }

    @Test
    void reconfigurationBetweenEveryPairOfAlgorithmsCarriesOverCapped() {
        RedisScripting scripting = jedis();
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
    void theStateIsOneStringThatExpiresOnceTheWindowsForgetIt() {
        RedisRateLimiter sliding = RedisRateLimiter.builder(lettuce(),
                RateLimit.slidingWindow(5, Duration.ofSeconds(2))).build();
        assertTrue(sliding.tryAcquire("k", 1));
        assertEquals("string", commandOnNodeOf("rl:{k}", "TYPE", "rl:{k}"));
        long ttl = (Long) commandOnNodeOf("rl:{k}", "PTTL", "rl:{k}");
        assertTrue(ttl > 1000 && ttl <= 4000, "until the permit leaves the previous window: " + ttl);
        assertEquals(4, sliding.availablePermits("k"));
    }

    @Test
    void aServerRestartFollowsTheFailurePolicyThenRecovers() {
        RateLimit limit = RateLimit.fixedWindow(2, Duration.ofHours(1));
        AtomicInteger failures = new AtomicInteger();
        RateLimiterListener listener = new RateLimiterListener() {
            @Override
            public void onBackendFailure(String limiter, Object key, RateLimitBackendException failure,
                    boolean permitted) {
                failures.incrementAndGet();
            }
        };
        RedisScripting jedis = jedis();
        RedisScripting lettuce = lettuce();
        RedisRateLimiter open = RedisRateLimiter.builder(jedis, limit).failurePolicy(FailurePolicy.FAIL_OPEN)
                .listener(listener).build();
        RedisRateLimiter closed = RedisRateLimiter.builder(lettuce, limit).failurePolicy(FailurePolicy.FAIL_CLOSED)
                .listener(listener).build();
        RedisRateLimiter throwing = RedisRateLimiter.builder(jedis, limit).listener(listener).build();
        assertTrue(open.tryAcquire("k", 2));
        assertFalse(closed.tryAcquire("k", 1), "the two limiters share the key");
        RateLimitedException refused = assertThrows(RateLimitedException.class, () -> throwing.acquireOrThrow("k", 1));
        assertTrue(refused.nanosToWait() > 0, "a refusal says when to come back");
        assertEquals(null, refused.getCause(), "a refusal is no failure");

        server().stop();
        try {
            assertTrue(open.tryAcquire("k", 1), "fail open lets the request through");
            assertFalse(closed.tryAcquire("k", 1), "fail closed refuses it");
            RateLimitBackendException e = assertThrows(RateLimitBackendException.class,
                    () -> throwing.tryAcquire("k", 1));
            assertNotNull(e.getCause(), "the client's failure is the cause");
            assertEquals("acquire", e.operation());
            assertEquals("acquire", assertThrows(RateLimitBackendException.class,
                    () -> throwing.acquireOrThrow("k", 1)).operation(), "the call that refused answers 503 now");
            assertEquals(4, failures.get(), "every failure reaches the listener");
        } finally {
            server().start();
        }
        // no persistence on this server (nor on any node of the cluster): the key starts again from its initial permits, and the script is
        // loaded again through the NOSCRIPT fallback
        assertTrue(throwing.tryAcquire("k", 2));
        assertFalse(closed.tryAcquire("k", 1));
        assertEquals(0, open.availablePermits("k"));
    }

    @Test
    void aReplyThatMakesNoSenseIsABugThatSurfacesEvenWhenFailingOpen() {
        RedisScripting real = jedis();
        List<java.util.function.UnaryOperator<Object>> breakages = List.of(
                reply -> ((List<?>) reply).subList(0, 3),                          // too short
                reply -> List.of("1", "4", "0", "0"),                               // strings, not integers
                reply -> List.of(2L, 4L, 0L, 0L),                                   // permitted neither 0 nor 1
                reply -> List.of(1L, -4L, 0L, 0L),                                  // negative permits
                reply -> "OK");                                                     // bound to another command
        for (java.util.function.UnaryOperator<Object> breakage : breakages) {
            AtomicInteger failures = new AtomicInteger();
            AtomicInteger calls = new AtomicInteger();
            RedisScripting misbound = new RedisScripting() {
                @Override
                public Object evalSha(String sha1, List<String> keys, List<String> args) {
                    calls.incrementAndGet();
                    return breakage.apply(real.evalSha(sha1, keys, args)); // a real reply, mangled
                }

                @Override
                public Object eval(String script, List<String> keys, List<String> args) {
                    calls.incrementAndGet();
                    return breakage.apply(real.eval(script, keys, args));
                }
            };
            RedisRateLimiter open = RedisRateLimiter.builder(misbound, RateLimit.fixedWindow(5, Duration.ofHours(1)))
                    .keyPrefix("odd:").failurePolicy(FailurePolicy.FAIL_OPEN)
                    .listener(new RateLimiterListener() {
                        @Override
                        public void onBackendFailure(String limiter, Object key, RateLimitBackendException failure,
                                boolean permitted) {
                            failures.incrementAndGet();
                        }
                    }).build();
            IllegalStateException odd = assertThrows(IllegalStateException.class, () -> open.tryAcquire("k", 1));
            assertTrue(odd.getMessage().startsWith("the rate limit script's reply makes no sense"), odd.getMessage());
            assertThrows(IllegalStateException.class, () -> open.tryAcquireDecision("k", 1));
            assertThrows(IllegalStateException.class, () -> open.availablePermits("k"));
            assertThrows(IllegalStateException.class, () -> open.acquireOrThrow("k", 1));
            assertTrue(calls.get() >= 4, "each of them reached the server");
            assertEquals(0, failures.get(), "a bug is not an outage: the failure policy never saw it");
        }
    }

    @Test
    void aServerThatIsNotThereIsAnOutageNotARefusal() {
        UnifiedJedis nowhere = redis.clients.jedis.RedisClient.create("127.0.0.1", 1);
        closeables.add(nowhere);
        RedisRateLimiter limiter = RedisRateLimiter.builder(RedisScripting.of(nowhere::evalsha, nowhere::eval),
                RateLimit.fixedWindow(1, Duration.ofHours(1))).build();
        RateLimitBackendException e = assertThrows(RateLimitBackendException.class,
                () -> limiter.acquireOrThrow("k", 1));
        assertEquals("acquire", e.operation());
        assertEquals("rate-limiter", e.limiterName());
        assertTrue(e.getMessage().startsWith("acquire of rate limiter 'rate-limiter' for key 'k' failed on Redis"),
                e.getMessage());
        assertNotNull(e.getCause());
    }

    @Test
    void badRedisSettingsAreRefused() {
        RedisScripting scripting = jedis();
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
