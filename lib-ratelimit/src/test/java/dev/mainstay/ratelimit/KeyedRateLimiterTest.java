package dev.mainstay.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mainstay.ratelimit.internal.LocalKeyedRateLimiter;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class KeyedRateLimiterTest {

    private static final long MS = 1_000_000L;

    private static LocalKeyedRateLimiter<String> limiter(RateLimit limit, FakeTicker ticker, int maxKeys) {
        return (LocalKeyedRateLimiter<String>) KeyedRateLimiter.<String>builder(limit)
                .ticker(ticker).maxKeys(maxKeys).name("per-user").build();
    }

    @Test
    void keysAreLimitedSeparately() {
        FakeTicker ticker = new FakeTicker(Long.MAX_VALUE - MS);
        LocalKeyedRateLimiter<String> limiter = limiter(RateLimit.tokenBucket(2, 1, Duration.ofSeconds(1)), ticker, 10);
        assertTrue(limiter.tryAcquire("alice", 2));
        assertFalse(limiter.tryAcquire("alice"));
        assertTrue(limiter.tryAcquire("bob"));
        assertEquals(0, limiter.availablePermits("alice"));
        assertEquals(1, limiter.availablePermits("bob"));
        assertEquals(2, limiter.availablePermits("carol"), "a key never seen has its initial permits");
        assertEquals(1_000_000_000L, limiter.tryAcquireOrWaitNanos("alice", 1));
        Decision decision = limiter.tryAcquireDecision("bob", 1);
        assertTrue(decision.permitted());
        assertEquals(0, decision.remaining());
        assertEquals(2, limiter.trackedKeys());
    }

    @Test
    void keysVanishOnceFullAgain() {
        FakeTicker ticker = new FakeTicker(-10 * MS);
        LocalKeyedRateLimiter<String> limiter = limiter(RateLimit.tokenBucket(5, 5, Duration.ofMillis(10)), ticker, 100);
        for (int i = 0; i < 50; i++) {
            assertTrue(limiter.tryAcquire("k" + i, 1 + i % 5));
        }
        assertEquals(50, limiter.trackedKeys());
        ticker.advance(8 * MS); // keys that took 1..4 are full again; those that took 5 need 10 ms
        assertEquals(40, limiter.evictFull());
        assertEquals(10, limiter.trackedKeys());
        ticker.advance(2 * MS);
        assertEquals(10, limiter.evictFull());
        assertEquals(0, limiter.trackedKeys());
        assertEquals(5, limiter.availablePermits("k4"), "a dropped key starts full, as it was");
    }

    @Test
    void newKeysBeyondTheCapAreRefusedUntilRoomIsFreed() {
        FakeTicker ticker = new FakeTicker(0);
        LocalKeyedRateLimiter<String> limiter = limiter(RateLimit.fixedWindow(3, Duration.ofMillis(100)), ticker, 2);
        assertTrue(limiter.tryAcquire("a"));
        assertTrue(limiter.tryAcquire("b"));
        assertFalse(limiter.tryAcquire("c"), "two busy keys fill the cap");
        assertEquals(100 * MS, limiter.tryAcquireOrWaitNanos("c", 1));
        assertTrue(limiter.tryAcquire("a"), "known keys go on as usual");
        ticker.advance(100 * MS); // new window: a and b are full again and can be dropped
        assertTrue(limiter.tryAcquire("c"));
        assertTrue(limiter.trackedKeys() <= 2);
    }

    @Test
    void memoryStaysBoundedUnderEndlessNewKeys() {
        FakeTicker ticker = new FakeTicker(Long.MAX_VALUE - 1_000 * MS);
        LocalKeyedRateLimiter<String> limiter = limiter(RateLimit.tokenBucket(10, 10, Duration.ofMillis(1)), ticker,
                1_000_000);
        for (int i = 0; i < 100_000; i++) {
            assertTrue(limiter.tryAcquire("client-" + i));
            ticker.advance(1000); // each key is full again 100 microseconds after its request
        }
        assertTrue(limiter.trackedKeys() < 2100, "swept as it grows: " + limiter.trackedKeys());
    }

    @Test
    void reconfigureMovesEveryKeyOverWithItsPermits() {
        FakeTicker ticker = new FakeTicker(5);
        LocalKeyedRateLimiter<String> limiter = limiter(RateLimit.tokenBucket(10, 1, Duration.ofSeconds(1)), ticker, 10);
        assertTrue(limiter.tryAcquire("a", 4));
        limiter.reconfigure(RateLimit.slidingWindow(3, Duration.ofSeconds(1)));
        assertEquals(3, limiter.availablePermits("a"), "6 available, capped at 3");
        assertEquals(3, limiter.availablePermits("new"));
        assertTrue(limiter.tryAcquire("a", 3));
        assertFalse(limiter.tryAcquire("a"));
        assertEquals(3, limiter.limit().capacity());
    }

    @Test
    void sweepsAndReconfigurationsRacingWithRequestsNeverGrantExtraPermits() throws Exception {
        FakeTicker ticker = new FakeTicker(-1_000_000);
        RateLimit limit = RateLimit.tokenBucket(50, 50, Duration.ofNanos(1000));
        LocalKeyedRateLimiter<String> limiter = limiter(limit, ticker, 4);
        String[] keys = {"a", "b", "c"};
        for (int round = 0; round < 30; round++) {
            ticker.advance(1000); // every key full again: sweeps may drop any of them mid-round
            AtomicLong taken = new AtomicLong();
            AtomicBoolean done = new AtomicBoolean();
            CountDownLatch go = new CountDownLatch(1);
            Thread[] threads = new Thread[3];
            for (int t = 0; t < threads.length; t++) {
                threads[t] = new Thread(() -> {
                    try {
                        if (!go.await(Together.TIMEOUT_SECONDS, java.util.concurrent.TimeUnit.SECONDS)) {
                            return;
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    for (int i = 0; i < 200; i++) {
                        if (limiter.tryAcquire(keys[i % keys.length], 1)) {
                            taken.incrementAndGet();
                        }
                    }
                });
                threads[t].start();
            }
            Thread sweeper = new Thread(() -> {
                while (!done.get()) {
                    limiter.evictFull();
                    limiter.reconfigure(limit.withInitialPermits(50)); // an equal limit: each key moves over, same permits
                }
            });
            sweeper.start();
            go.countDown();
            Together.joinAll(java.util.Arrays.asList(threads));
            done.set(true);
            Together.joinAll(java.util.List.of(sweeper));
            assertTrue(taken.get() <= 150, "round " + round + " granted " + taken.get());
            for (String key : keys) {
                assertEquals(0, limiter.availablePermits(key), "round " + round + " key " + key);
            }
            assertEquals(150, taken.get(), "round " + round + ": every available permit was granted, once");
        }
    }
}
