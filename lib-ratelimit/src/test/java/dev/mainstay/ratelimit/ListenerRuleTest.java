package dev.mainstay.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mainstay.ratelimit.ConcurrencyLimiterListener.Outcome;
import dev.mainstay.testkit.LogCapture;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * The listener rule: a listener that throws on every method changes nothing a caller can observe (the same results,
 * the same permits, the same counts) compared with no listener at all; its first failure is logged at WARNING with
 * its class, the later ones at DEBUG.
 */
class ListenerRuleTest {

    private static final long MS = 1_000_000L;

    @AutoClose
    private final LogCapture log = LogCapture.of("dev.mainstay.ratelimit");

    /** Throws from every method; counts the calls, so the test knows it was asked. */
    static final class ThrowingRateListener implements RateLimiterListener {
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public void onPermitted(String limiter, Object key, long permits) {
            calls.incrementAndGet();
            throw new IllegalStateException("listener bug: permitted");
        }

        @Override
        public void onRejected(String limiter, Object key, long permits, long nanosToWait) {
            calls.incrementAndGet();
            throw new IllegalStateException("listener bug: rejected");
        }

        @Override
        public void onWaited(String limiter, Object key, long permits, long waitedNanos) {
            calls.incrementAndGet();
            throw new IllegalStateException("listener bug: waited");
        }

        @Override
        public void onBackendFailure(String limiter, Object key, RateLimitBackendException failure,
                boolean permitted) {
            calls.incrementAndGet();
            throw new IllegalStateException("listener bug: backend failure");
        }
    }

    static final class ThrowingConcurrencyListener implements ConcurrencyLimiterListener {
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public void onAcquired(String limiter, String partition, int inFlight, long waitedNanos) {
            calls.incrementAndGet();
            throw new IllegalStateException("listener bug: acquired");
        }

        @Override
        public void onRejected(String limiter, String partition, int inFlight, int limit) {
            calls.incrementAndGet();
            throw new IllegalStateException("listener bug: rejected");
        }

        @Override
        public void onReleased(String limiter, String partition, Outcome outcome, long rttNanos) {
            calls.incrementAndGet();
            throw new IllegalStateException("listener bug: released");
        }

        @Override
        public void onLimitChanged(String limiter, int oldLimit, int newLimit) {
            calls.incrementAndGet();
            throw new IllegalStateException("listener bug: limit changed");
        }
    }

    /** Every way to ask a rate limiter, on a fake clock; what a caller sees. */
    private static List<Object> rateScenario(RateLimiterListener listener) throws Exception {
        FakeTicker ticker = new FakeTicker(Long.MAX_VALUE - 30 * MS);
        RateLimiter.Builder builder = RateLimiter.builder(RateLimit.tokenBucket(3, 1, Duration.ofMillis(10)))
                .name("api").ticker(ticker);
        if (listener != null) {
            builder.listener(listener);
        }
        RateLimiter limiter = builder.build();
        List<Object> seen = new ArrayList<>();
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        try {
            seen.add(limiter.tryAcquire());
            seen.add(limiter.tryAcquireOrWaitNanos(1));
            seen.add(limiter.tryAcquireDecision(1));
            seen.add(limiter.tryAcquire());                                   // refused
            seen.add(limiter.tryAcquireOrWaitNanos(2));                       // refused, with the wait
            seen.add(limiter.tryAcquireDecision(1));                          // refused
            seen.add(limiter.acquire(1, Duration.ZERO));                     // refused at once
            try {
                limiter.acquireOrThrow(1);
                seen.add("taken");
            } catch (RateLimitedException e) {
                seen.add("refused " + e.nanosToWait());
            }
            CompletableFuture<Boolean> later = limiter.acquireAsync(1, Duration.ofSeconds(30), scheduler)
                    .toCompletableFuture();
            ticker.advance(10 * MS);                                          // the retry finds a permit: waited
            seen.add(later.get(10, TimeUnit.SECONDS));
            ticker.advance(10 * MS);
            seen.add(limiter.acquire(1, Duration.ofSeconds(1)));              // taken at once
            seen.add(limiter.acquireAsync(1, Duration.ZERO, scheduler).toCompletableFuture()
                    .get(10, TimeUnit.SECONDS));                              // refused at once
            seen.add(limiter.availablePermits());
        } finally {
            scheduler.shutdownNow();
        }
        return seen;
    }

    @Test
    void aRateLimiterListenerThatThrowsChangesNothing() throws Exception {
        ThrowingRateListener throwing = new ThrowingRateListener();
        List<Object> without = rateScenario(null);
        assertEquals(without, rateScenario(throwing));
        assertEquals(11, throwing.calls.get(), "every decision reached the listener");
        assertLoggedOnce(ThrowingRateListener.class, "rate limiter 'api'", 11);
    }

    private static List<Object> keyedScenario(RateLimiterListener listener) throws Exception {
        FakeTicker ticker = new FakeTicker(-5 * MS);
        KeyedRateLimiter.Builder<String> builder = KeyedRateLimiter.<String>builder(
                RateLimit.fixedWindow(2, Duration.ofMillis(10))).ticker(ticker).maxKeys(2);
        if (listener != null) {
            builder.listener(listener);
        }
        KeyedRateLimiter<String> limiter = builder.build();
        List<Object> seen = new ArrayList<>();
        for (String key : List.of("a", "a", "a", "b", "c")) {               // c: over maxKeys, refused
            seen.add(limiter.tryAcquire(key, 1));
        }
        seen.add(limiter.tryAcquireOrWaitNanos("b", 2));
        seen.add(limiter.tryAcquireDecision("b", 1));
        seen.add(limiter.acquire("b", 1, Duration.ZERO));
        try {
            limiter.acquireOrThrow("a", 1);
            seen.add("taken");
        } catch (RateLimitedException e) {
            seen.add("refused " + e.nanosToWait());
        }
        ticker.advance(10 * MS);
        seen.add(limiter.acquire("a", 2, Duration.ofSeconds(1)));
        seen.add(limiter.availablePermits("a"));
        seen.add(limiter.availablePermits("b"));
        return seen;
    }

    @Test
    void aKeyedRateLimiterListenerThatThrowsChangesNothing() throws Exception {
        ThrowingRateListener throwing = new ThrowingRateListener();
        List<Object> without = keyedScenario(null);
        assertEquals(without, keyedScenario(throwing));
        assertEquals(10, throwing.calls.get(), "every decision reached the listener");
        assertLoggedOnce(ThrowingRateListener.class, "rate limiter 'rate-limiter'", 10);
    }

    /** Every way to ask a concurrency limiter, with an adaptive limit that moves; what a caller sees. */
    private static List<Object> concurrencyScenario(ConcurrencyLimiterListener listener) throws Exception {
        FakeTicker ticker = new FakeTicker(Long.MAX_VALUE - 10 * MS);
        ConcurrencyLimiter.Builder builder = ConcurrencyLimiter.builder(ConcurrencyLimit.aimd().withInitialLimit(2)
                        .withMinLimit(1).withTimeout(Duration.ofSeconds(1)))
                .name("db").ticker(ticker).partition("live", 0.5);
        if (listener != null) {
            builder.listener(listener);
        }
        ConcurrencyLimiter limiter = builder.build();
        List<Object> seen = new ArrayList<>();
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        try {
            Permit first = limiter.tryAcquire();
            Permit second = limiter.partition("live").acquire(Duration.ZERO);
            seen.add(List.of(first.isGranted(), second.isGranted(), limiter.inFlight()));
            seen.add(limiter.tryAcquire().isGranted());                        // refused
            CompletableFuture<Permit> waiting = limiter.acquireAsync(Duration.ofSeconds(30), scheduler);
            seen.add(List.of(waiting.isDone(), limiter.waiting()));
            ticker.advance(MS);
            seen.add(first.dropped());                                         // the limit shrinks; hands a slot on
            seen.add(first.dropped());                                         // a second release: a no-op
            Permit handed = waiting.get(10, TimeUnit.SECONDS);
            seen.add(List.of(handed.isGranted(), limiter.limit(), limiter.inFlight(), limiter.waiting()));
            seen.add(handed.success());
            seen.add(second.ignored());
            seen.add(limiter.get(() -> "got"));
            seen.add(limiter.call(() -> "called"));
            limiter.run(() -> seen.add("ran"));
            seen.add(limiter.getAsync(() -> CompletableFuture.completedFuture("async")).get(10, TimeUnit.SECONDS));
            try {
                limiter.get(() -> {
                    throw new IllegalArgumentException("the call's own failure");
                });
            } catch (IllegalArgumentException e) {
                seen.add(e.getMessage());
            }
            try (Permit held = limiter.tryAcquire()) {
                seen.add(List.of(held.isGranted(), limiter.tryAcquire().isGranted(), limiter.limit()));
                try {
                    limiter.get(() -> "never");
                } catch (ConcurrencyLimitedException e) {
                    seen.add(e.getMessage());
                }
            }
            seen.add(List.of(limiter.limit(), limiter.inFlight(), limiter.waiting()));
        } finally {
            scheduler.shutdownNow();
        }
        return seen;
    }

    @Test
    void aConcurrencyLimiterListenerThatThrowsChangesNothing() throws Exception {
        ThrowingConcurrencyListener throwing = new ThrowingConcurrencyListener();
        List<Object> without = concurrencyScenario(null);
        assertEquals(without, concurrencyScenario(throwing));
        assertTrue(throwing.calls.get() >= 15, "every event reached the listener: " + throwing.calls.get());
        assertLoggedOnce(ThrowingConcurrencyListener.class, "concurrency limiter 'db'", throwing.calls.get());
    }

    @Test
    void aListenerThatThrowsAfterAWaitStillHandsTheWaiterItsPermits() throws Exception {
        FakeTicker ticker = new FakeTicker(0);
        ThrowingRateListener throwing = new ThrowingRateListener();
        RateLimiter limiter = RateLimiter.builder(RateLimit.tokenBucket(1, 1, Duration.ofMillis(10)))
                .ticker(ticker).listener(throwing).build();
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        try {
            assertTrue(limiter.tryAcquire());
            CompletableFuture<Boolean> later = limiter.acquireAsync(1, Duration.ofSeconds(30), scheduler)
                    .toCompletableFuture();
            ticker.advance(10 * MS);
            assertSame(Boolean.TRUE, later.get(10, TimeUnit.SECONDS),
                    "the future completes normally although onWaited threw");
            assertEquals(0, limiter.availablePermits());
        } catch (TimeoutException e) {
            throw new AssertionError("the future never completed", e);
        } finally {
            scheduler.shutdownNow();
        }
    }

    private void assertLoggedOnce(Class<?> listener, String owner, int failures) {
        assertEquals(1, log.records(Level.WARNING).size(), "one warning: " + log.records());
        LogCapture.Entry warning = log.assertListenerFailuresLogged(owner, listener, failures);
        assertTrue(warning.message().startsWith(owner + ": listener " + listener.getName() + " threw"),
                warning.message());
        assertTrue(warning.thrown() instanceof IllegalStateException, "with the stack trace");
        assertEquals(failures - 1, log.records(Level.DEBUG).size(), "the later failures go to DEBUG");
    }
}
