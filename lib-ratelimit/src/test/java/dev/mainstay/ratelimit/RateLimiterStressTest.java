package dev.mainstay.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Many threads race for permits in rounds; between rounds the ticker moves. Each round must hand out exactly the
 * permits the limit makes available (no more, and, since the threads ask for more than there is, no fewer).
 */
class RateLimiterStressTest {

    private static final int THREADS = 4;
    private static final int ROUNDS = 40;
    private static final int TRIES_PER_THREAD = 400;

    @Test
    void greedyBucketHandsOutExactlyWhatIsAvailable() throws Exception {
        race(RateLimit.tokenBucket(100, 7, Duration.ofNanos(1000)), Long.MAX_VALUE - 5_000);
    }

    @Test
    void intervalBucketHandsOutExactlyWhatIsAvailable() throws Exception {
        race(RateLimit.tokenBucket(100, 30, Duration.ofNanos(1000)).withIntervalRefill(), -20_000);
    }

    @Test
    void fixedWindowHandsOutExactlyWhatIsAvailable() throws Exception {
        race(RateLimit.fixedWindow(90, Duration.ofNanos(1000)), -20_000);
    }

    @Test
    void slidingWindowHandsOutExactlyWhatIsAvailable() throws Exception {
        race(RateLimit.slidingWindow(90, Duration.ofNanos(1000)), -20_000);
    }

    @Test
    void gcraHandsOutExactlyWhatIsAvailable() throws Exception {
        race(RateLimit.gcra(3, Duration.ofNanos(100), 50), Long.MAX_VALUE - 3_000);
    }

    @Test
    void whileTheClockMovesUnderTheThreadsNoMoreThanCapacityPlusRefillIsGranted() throws Exception {
        for (RateLimit limit : new RateLimit[] {
                RateLimit.tokenBucket(20, 3, Duration.ofNanos(100)),
                RateLimit.gcra(7, Duration.ofNanos(1000), 5),
                RateLimit.tokenBucket(20, 3, Duration.ofNanos(100)).withIntervalRefill(),
                RateLimit.fixedWindow(10, Duration.ofNanos(300)),
                RateLimit.slidingWindow(10, Duration.ofNanos(300))}) {
            long start = Long.MAX_VALUE - 2_000_000;
            FakeTicker ticker = new FakeTicker(start);
            RateLimiter limiter = RateLimiter.builder(limit).ticker(ticker).build();
            AtomicLong taken = new AtomicLong();
            Thread[] threads = new Thread[THREADS];
            for (int t = 0; t < THREADS; t++) {
                int seed = t;
                threads[t] = new Thread(() -> {
                    java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
                    for (int i = 0; i < 20_000; i++) {
                        if (random.nextInt(4) == 0) {
                            ticker.advance(random.nextLong(0, 20));
                        }
                        if (limiter.tryAcquire(1)) {
                            taken.incrementAndGet();
                        }
                    }
                });
                threads[t].start();
            }
            Together.joinAll(java.util.Arrays.asList(threads));
            long elapsed = ticker.getAsLong() - start;
            long bound = switch (limit.algorithm()) {
                // windows: the limit per window touched (a sliding window never exceeds its fixed-window bound)
                case FIXED_WINDOW, SLIDING_WINDOW -> limit.capacity() * (elapsed / limit.periodNanos() + 2);
                default -> limit.capacity() + limit.refillPermits() * (elapsed / limit.periodNanos() + 1);
            };
            assertTrue(taken.get() <= bound, limit + ": granted " + taken.get() + " > " + bound);
            assertTrue(taken.get() >= limit.capacity(), limit + ": granted only " + taken.get());
        }
    }

    private static void race(RateLimit limit, long start) throws Exception {
        FakeTicker ticker = new FakeTicker(start);
        RateLimiter limiter = RateLimiter.builder(limit).ticker(ticker).build();
        java.util.SplittableRandom random = new java.util.SplittableRandom(42);
        long expectedTotal = 0;
        AtomicLong taken = new AtomicLong();
        for (int round = 0; round < ROUNDS; round++) {
            ticker.advance(random.nextLong(0, 1500));
            long available = limiter.availablePermits();
            expectedTotal += available;
            long before = taken.get();
            CountDownLatch go = new CountDownLatch(1);
            Thread[] threads = new Thread[THREADS];
            for (int t = 0; t < THREADS; t++) {
                threads[t] = new Thread(() -> {
                    try {
                        if (!go.await(Together.TIMEOUT_SECONDS, java.util.concurrent.TimeUnit.SECONDS)) {
                            return;
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    for (int i = 0; i < TRIES_PER_THREAD; i++) {
                        long permits = 1 + (i & 1);
                        if (limiter.tryAcquire(permits)) {
                            taken.addAndGet(permits);
                        }
                    }
                    while (limiter.tryAcquire(1)) { // mop up: a 2-permit miss may leave exactly one
                        taken.incrementAndGet();
                    }
                });
                threads[t].start();
            }
            go.countDown();
            Together.joinAll(java.util.Arrays.asList(threads));
            assertEquals(available, taken.get() - before, "round " + round + " of " + limit);
            assertEquals(0, limiter.availablePermits());
        }
        assertEquals(expectedTotal, taken.get());
    }
}
