package dev.mainstay.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
                        go.await();
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
            for (Thread thread : threads) {
                thread.join();
            }
            assertEquals(available, taken.get() - before, "round " + round + " of " + limit);
            assertEquals(0, limiter.availablePermits());
        }
        assertEquals(expectedTotal, taken.get());
    }
}
