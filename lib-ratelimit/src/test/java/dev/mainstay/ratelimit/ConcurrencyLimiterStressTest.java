package dev.mainstay.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.junit.jupiter.api.Test;

/**
 * Threads race for the slots while closing their own permits twice and other threads' stale permits again. With a
 * limit of one, an unsynchronized counter touched only inside a slot must end at exactly the number of grants
 * (ShedLock's fuzz pattern); with a larger limit, no more than the limit may ever be inside at once. Either way,
 * every stale close must have returned {@code false}, and nothing may be left in flight.
 */
class ConcurrencyLimiterStressTest {

    private static final int THREADS = 4;
    private static final int ITERATIONS = 20_000;

    private long unsynchronized;

    @Test
    void aLimitOfOneIsMutualExclusionWhateverTheStaleCloses() throws Exception {
        ConcurrencyLimiter limiter = ConcurrencyLimiter.builder(ConcurrencyLimit.fixed(1))
                .maxWait(Duration.ofSeconds(5)).build();
        Result result = race(limiter, 1, () -> unsynchronized++);
        assertEquals(result.grants, unsynchronized, "an exact count: no two calls were ever inside together");
        assertEquals(0, result.staleReleases);
        assertEquals(0, limiter.inFlight());
        assertEquals(0, limiter.waiting());
    }

    @Test
    void noMoreThanTheLimitIsEverInsideWhateverTheStaleCloses() throws Exception {
        ConcurrencyLimiter limiter = ConcurrencyLimiter.builder(ConcurrencyLimit.fixed(3))
                .maxWait(Duration.ofSeconds(5)).build();
        Result result = race(limiter, 3, () -> {});
        assertTrue(result.grants > 0);
        assertEquals(0, result.staleReleases);
        assertEquals(0, limiter.inFlight());
    }

    @Test
    void partitionsAndAnAdaptiveLimitKeepExactCounts() throws Exception {
        ConcurrencyLimiter limiter = ConcurrencyLimiter.builder(ConcurrencyLimit.aimd().withInitialLimit(4))
                .partition("a", 0.5).maxWait(Duration.ofSeconds(5)).build();
        Result result = race(limiter.partition("a"), Integer.MAX_VALUE, () -> {});
        assertTrue(result.grants > 0);
        assertEquals(0, result.staleReleases);
        assertEquals(0, limiter.inFlight());
        assertEquals(0, limiter.partition("a").inFlight());
    }

    private record Result(long grants, long staleReleases) {}

    private static Result race(ConcurrencyLimiter limiter, int limit, Runnable inside) throws Exception {
        AtomicInteger concurrent = new AtomicInteger();
        AtomicInteger worst = new AtomicInteger();
        AtomicLong grants = new AtomicLong();
        AtomicLong staleReleases = new AtomicLong();
        AtomicReferenceArray<Permit> released = new AtomicReferenceArray<>(16);
        CountDownLatch start = new CountDownLatch(1);
        Thread[] threads = new Thread[THREADS];
        Throwable[] failure = new Throwable[1];
        for (int t = 0; t < THREADS; t++) {
            long seed = t;
            threads[t] = new Thread(() -> {
                SplittableRandom random = new SplittableRandom(seed);
                try {
                    if (!start.await(Together.TIMEOUT_SECONDS, java.util.concurrent.TimeUnit.SECONDS)) {
                        throw new AssertionError("never started");
                    }
                    for (int i = 0; i < ITERATIONS; i++) {
                        int how = random.nextInt(4);
                        if (how == 3) {
                            limiter.run(() -> {
                                enter(concurrent, worst);
                                inside.run();
                                concurrent.decrementAndGet();
                            });
                            grants.incrementAndGet();
                            continue;
                        }
                        Permit permit = how == 0 ? limiter.tryAcquire() : limiter.acquire(Duration.ofSeconds(5));
                        if (!permit.isGranted()) {
                            continue;
                        }
                        grants.incrementAndGet();
                        enter(concurrent, worst);
                        inside.run();
                        concurrent.decrementAndGet();
                        if (random.nextBoolean()) {
                            permit.close();
                        } else {
                            permit.dropped();
                        }
                        if (permit.success() || permit.ignored()) {
                            staleReleases.incrementAndGet();
                        }
                        Permit stale = released.getAndSet(random.nextInt(16), permit);
                        if (stale != null && (stale.success() || stale.dropped())) {
                            staleReleases.incrementAndGet();
                        }
                        if (stale != null) {
                            stale.close();
                        }
                    }
                } catch (Throwable e) {
                    failure[0] = e;
                }
            });
            threads[t].start();
        }
        start.countDown();
        Together.joinAll(java.util.Arrays.asList(threads));
        if (failure[0] != null) {
            throw new AssertionError(failure[0]);
        }
        assertTrue(worst.get() <= limit, "at most " + limit + " inside at once, saw " + worst.get());
        return new Result(grants.get(), staleReleases.get());
    }

    private static void enter(AtomicInteger concurrent, AtomicInteger worst) {
        int now = concurrent.incrementAndGet();
        worst.accumulateAndGet(now, Math::max);
    }
}
