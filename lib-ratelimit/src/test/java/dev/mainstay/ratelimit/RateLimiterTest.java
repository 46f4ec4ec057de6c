package dev.mainstay.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private static final long MS = 1_000_000L;
    private static final long NEAR_MAX = Long.MAX_VALUE - 10 * MS;

    @Test
    void greedyBucketRefillsOnePermitPerSlice() {
        FakeTicker ticker = new FakeTicker(NEAR_MAX);
        RateLimiter limiter = RateLimiter.builder(RateLimit.tokenBucket(3, 3, Duration.ofMillis(3))).ticker(ticker).build();
        assertTrue(limiter.tryAcquire(3));
        assertEquals(MS, limiter.tryAcquireOrWaitNanos(1));
        ticker.advance(MS - 1);
        assertFalse(limiter.tryAcquire());
        ticker.advance(1); // crosses Long.MAX_VALUE later on: the arithmetic wraps cleanly
        assertTrue(limiter.tryAcquire());
        ticker.advance(20 * MS);
        assertEquals(3, limiter.availablePermits(), "never more than the capacity");
    }

    @Test
    void fractionalRatesNeverDrift() {
        // 3 permits per second: one every 333,333,333.33 ns; a rounded interval would drift by a permit in 10^9
        FakeTicker ticker = new FakeTicker(-5);
        RateLimiter limiter = RateLimiter.builder(RateLimit.tokenBucket(3, 3, Duration.ofSeconds(1))
                .withInitialPermits(0)).ticker(ticker).build();
        long taken = 0;
        for (int second = 0; second < 1000; second++) { // each permit comes the very nanosecond it is due
            ticker.advance(333_333_334);
            taken += limiter.tryAcquire() ? 1 : 0;
            ticker.advance(333_333_333);
            taken += limiter.tryAcquire() ? 1 : 0;
            ticker.advance(333_333_333);
            taken += limiter.tryAcquire() ? 1 : 0;
        }
        assertEquals(3000, taken);
    }

    @Test
    void intervalBucketRefillsAtPeriodBoundaries() {
        FakeTicker ticker = new FakeTicker(-15 * MS); // period boundaries at multiples of 10 ms: -10, 0, 10...
        RateLimiter limiter = RateLimiter.builder(RateLimit.tokenBucket(10, 4, Duration.ofMillis(10))
                .withIntervalRefill()).ticker(ticker).build();
        assertTrue(limiter.tryAcquire(10));
        assertEquals(5 * MS, limiter.tryAcquireOrWaitNanos(4));
        assertEquals(15 * MS, limiter.tryAcquireOrWaitNanos(5), "two boundaries away");
        ticker.advance(5 * MS);
        assertEquals(4, limiter.availablePermits());
    }

    @Test
    void fixedWindowAllowsTheLimitPerAlignedWindow() {
        FakeTicker ticker = new FakeTicker(Long.MAX_VALUE - Long.MAX_VALUE % (100 * MS) - 100 * MS + 99 * MS);
        RateLimiter limiter = RateLimiter.builder(RateLimit.fixedWindow(5, Duration.ofMillis(100))).ticker(ticker).build();
        assertTrue(limiter.tryAcquire(5));
        assertEquals(MS, limiter.tryAcquireOrWaitNanos(1), "the next window starts in 1 ms");
        ticker.advance(MS);
        assertTrue(limiter.tryAcquire(5), "the documented boundary burst: 10 permits within 1 ms");
        assertFalse(limiter.tryAcquire());
    }

    @Test
    void slidingWindowWeighsThePreviousWindow() {
        FakeTicker ticker = new FakeTicker(0);
        RateLimiter limiter = RateLimiter.builder(RateLimit.slidingWindow(10, Duration.ofMillis(100))).ticker(ticker).build();
        assertTrue(limiter.tryAcquire(10));
        ticker.advance(125 * MS); // next window, 25% in: the previous 10 weigh ceil(7.5) = 8
        assertEquals(2, limiter.availablePermits());
        assertTrue(limiter.tryAcquire(2));
        Decision decision = limiter.tryAcquireDecision(1);
        assertFalse(decision.permitted());
        assertEquals(5 * MS, decision.nanosToWait(), "at 30% in, the previous window weighs exactly 7: room for one");
        assertEquals(175 * MS, decision.nanosToFull());
    }

    @Test
    void gcraAllowsItsBurstThenTheSustainedRate() {
        FakeTicker ticker = new FakeTicker(Long.MIN_VALUE + 1);
        RateLimiter limiter = RateLimiter.builder(RateLimit.gcra(10, Duration.ofSeconds(1), 3)).ticker(ticker).build();
        assertTrue(limiter.tryAcquire(3));
        assertEquals(100 * MS, limiter.tryAcquireOrWaitNanos(1));
        ticker.advance(100 * MS);
        assertTrue(limiter.tryAcquire());
    }

    @Test
    void decisionCarriesRemainingWaitAndReset() {
        FakeTicker ticker = new FakeTicker(-1);
        RateLimiter limiter = RateLimiter.builder(RateLimit.tokenBucket(10, 1, Duration.ofSeconds(1))).ticker(ticker).build();
        Decision first = limiter.tryAcquireDecision(4);
        assertEquals(new Decision(true, 4, 6, 0, 4_000_000_000L), first);
        Decision refused = limiter.tryAcquireDecision(8);
        assertFalse(refused.permitted());
        assertEquals(6, refused.remaining());
        assertEquals(2_000_000_000L, refused.nanosToWait());
        assertEquals(2, refused.retryAfterSeconds());
        assertEquals(4, refused.fullAfterSeconds());
        assertEquals(Duration.ofSeconds(2), refused.retryAfter());
    }

    @Test
    void acquireOrThrowTellsHowLongToWait() {
        FakeTicker ticker = new FakeTicker(NEAR_MAX);
        RateLimiter limiter = RateLimiter.builder(RateLimit.tokenBucket(1, 1, Duration.ofSeconds(1)))
                .name("uploads").ticker(ticker).build();
        limiter.acquireOrThrow(1);
        RateLimitedException e = assertThrows(RateLimitedException.class, () -> limiter.acquireOrThrow(1));
        assertEquals(1_000_000_000L, e.nanosToWait());
        assertEquals(1, e.permits());
        assertEquals("rate limiter 'uploads' refused 1 permit(s); retry after 1000000000 ns", e.getMessage());
    }

    @Test
    void reconfigureCarriesAvailablePermitsCappedAtTheNewCapacity() {
        FakeTicker ticker = new FakeTicker(NEAR_MAX);
        RateLimiter limiter = RateLimiter.builder(RateLimit.tokenBucket(10, 1, Duration.ofSeconds(1))).ticker(ticker).build();
        assertTrue(limiter.tryAcquire(3));
        limiter.reconfigure(RateLimit.tokenBucket(100, 50, Duration.ofSeconds(1)));
        assertEquals(7, limiter.availablePermits(), "7 carried over, not topped up to 100");
        assertEquals(100, limiter.limit().capacity());
        limiter.reconfigure(RateLimit.fixedWindow(5, Duration.ofSeconds(1)));
        assertEquals(5, limiter.availablePermits(), "capped at the new capacity");
        assertTrue(limiter.tryAcquire(5));
        limiter.reconfigure(RateLimit.slidingWindow(20, Duration.ofSeconds(1)));
        assertEquals(0, limiter.availablePermits(), "nothing available stays nothing");
        assertEquals(10, limiter.config().limit().capacity(), "the config keeps the starting limit");
    }

    @Test
    void listenerHearsEveryOutcome() throws Exception {
        List<String> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
        RateLimiterListener listener = new RateLimiterListener() {
            @Override
            public void onPermitted(String limiter, Object key, long permits) {
                heard.add("permitted " + limiter + " " + key + " " + permits);
            }

            @Override
            public void onRejected(String limiter, Object key, long permits, long nanosToWait) {
                heard.add("rejected " + limiter + " " + permits + " " + nanosToWait);
            }

            @Override
            public void onWaited(String limiter, Object key, long permits, long waitedNanos) {
                heard.add("waited " + permits + " " + waitedNanos);
            }
        };
        FakeTicker ticker = new FakeTicker(-MS);
        RateLimiter limiter = RateLimiter.builder(RateLimit.tokenBucket(2, 1, Duration.ofMillis(20)))
                .name("api").listener(listener).ticker(ticker).build();
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        try {
            assertTrue(limiter.tryAcquire(2));
            assertFalse(limiter.tryAcquire());
            CompletableFuture<Boolean> waiting = limiter.acquireAsync(1, Duration.ofSeconds(5), scheduler)
                    .toCompletableFuture();
            ticker.advance(20 * MS);
            assertTrue(waiting.get(5, TimeUnit.SECONDS));
        } finally {
            scheduler.shutdownNow();
        }
        assertEquals(List.of("permitted api api 2", "rejected api 1 20000000", "waited 1 20000000"), heard);
    }

    @Test
    void acquireReturnsAtOnceWhenTheWaitIsLongerThanTheTimeout() throws Exception {
        long offset = NEAR_MAX - System.nanoTime();
        RateLimiter limiter = RateLimiter.builder(RateLimit.tokenBucket(1, 1, Duration.ofSeconds(10)))
                .ticker(() -> System.nanoTime() + offset).build();
        assertTrue(limiter.tryAcquire());
        long start = System.nanoTime();
        assertFalse(limiter.acquire(1, Duration.ofSeconds(5)));
        assertTrue(System.nanoTime() - start < 1_000 * MS, "gave up without sleeping");
        assertFalse(limiter.acquireAsync(1, Duration.ofSeconds(5), Executors.newSingleThreadScheduledExecutor(
                r -> { Thread t = new Thread(r); t.setDaemon(true); return t; })).toCompletableFuture().getNow(true));
    }

    @Test
    void acquireWaitsForThePermitAndNoLonger() throws Exception {
        long offset = -System.nanoTime() - 30 * MS; // crosses zero while waiting
        RateLimiter limiter = RateLimiter.builder(RateLimit.tokenBucket(1, 1, Duration.ofMillis(60)))
                .ticker(() -> System.nanoTime() + offset).build();
        assertTrue(limiter.tryAcquire());
        long start = System.nanoTime();
        assertTrue(limiter.acquire(1, Duration.ofSeconds(5)));
        long waited = System.nanoTime() - start;
        assertTrue(waited >= 55 * MS && waited < 2_000 * MS, "waited " + waited);
    }

    @Test
    void acquireIsInterruptible() {
        RateLimiter limiter = RateLimiter.of(RateLimit.tokenBucket(1, 1, Duration.ofSeconds(10)));
        assertTrue(limiter.tryAcquire());
        Thread.currentThread().interrupt();
        assertThrows(InterruptedException.class, () -> limiter.acquire(1, Duration.ofSeconds(20)));
        assertFalse(Thread.currentThread().isInterrupted(), "InterruptedException clears the flag");
        assertEquals(0, limiter.availablePermits());
    }

    @Test
    void acquireAsyncSchedulesTheRetryWithoutParkingAThread() throws Exception {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        try {
            FakeTicker ticker = new FakeTicker(NEAR_MAX);
            RateLimiter limiter = RateLimiter.builder(RateLimit.tokenBucket(1, 1, Duration.ofMillis(10)))
                    .ticker(ticker).build();
            assertTrue(limiter.tryAcquire());
            CompletableFuture<Boolean> got = limiter.acquireAsync(1, Duration.ofSeconds(5), scheduler).toCompletableFuture();
            assertFalse(got.isDone(), "not available yet, and the caller is not blocked");
            ticker.advance(10 * MS);
            assertTrue(got.get(5, TimeUnit.SECONDS));
            assertFalse(limiter.acquireAsync(1, Duration.ofMillis(9), scheduler).toCompletableFuture().getNow(true),
                    "the wait of 10 ms is longer than the timeout: refused at once");
        } finally {
            scheduler.shutdownNow();
        }
    }

    @Test
    void rejectionsAreRecordedAsJfrEvents() throws Exception {
        Path file = Files.createTempFile("ratelimit", ".jfr");
        try (Recording recording = new Recording()) {
            recording.enable("dev.mainstay.ratelimit.Rejected");
            recording.start();
            RateLimiter limiter = RateLimiter.builder(RateLimit.fixedWindow(1, Duration.ofHours(1))).name("jfr").build();
            assertTrue(limiter.tryAcquire());
            assertFalse(limiter.tryAcquire());
            recording.stop();
            recording.dump(file);
            List<RecordedEvent> events = RecordingFile.readAllEvents(file).stream()
                    .filter(e -> e.getEventType().getName().equals("dev.mainstay.ratelimit.Rejected"))
                    .toList();
            assertEquals(1, events.size());
            assertEquals("jfr", events.get(0).getString("limiter"));
            assertEquals(1, events.get(0).getLong("permits"));
            assertTrue(events.get(0).getLong("retryAfter") > 0);
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
