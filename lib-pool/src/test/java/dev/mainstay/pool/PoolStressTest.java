package dev.mainstay.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mainstay.pool.Things.Thing;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Many threads, random creation and validation failures, random evictions, resizes: the pool never lends more than
 * {@code maxSize} objects at once, never lends one object to two borrowers (an unsynchronized counter per object
 * adds up exactly), and destroys every object it created once closed.
 */
class PoolStressTest {

    static final class Counted {
        int uses; // unsynchronized on purpose: exclusive use keeps it exact
    }

    @Test
    void exactCountsUnderContentionWithFailuresAndEvictions() throws Exception {
        run(8, 1_500, false);
    }

    @Test
    void exactCountsOnVirtualThreadsIfAvailable() throws Exception {
        run(64, 150, true);
    }

    private void run(int threads, int iterations, boolean virtual) throws Exception {
        Things things = new Things();
        things.createFailureRate = 0.2;
        things.validateFailureRate = 0.05;
        int maxSize = 4;
        Pool<Thing> pool = Pool.builder(things)
                .name("stress")
                .maxSize(maxSize)
                .minIdle(1)
                .validateAfterIdle(Duration.ZERO)
                .borrowTimeout(Duration.ofSeconds(20))
                .housekeepingInterval(Duration.ofMillis(5))
                .build();
        java.util.Map<Thing, Counted> uses = new java.util.concurrent.ConcurrentHashMap<>();
        AtomicInteger holding = new AtomicInteger();
        AtomicInteger mostHeld = new AtomicInteger();
        AtomicLong borrows = new AtomicLong();
        AtomicInteger doubleLends = new AtomicInteger();
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Runnable work = () -> {
                try {
                    if (!start.await(10, TimeUnit.SECONDS)) {
                        throw new AssertionError("never started");
                    }
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    for (int i = 0; i < iterations; i++) {
                        Lease<Thing> lease = pool.borrow();
                        Thing thing = lease.get();
                        int held = holding.incrementAndGet();
                        mostHeld.accumulateAndGet(held, Math::max);
                        if (thing.holders.incrementAndGet() != 1 || thing.destroyed) {
                            doubleLends.incrementAndGet();
                        }
                        uses.computeIfAbsent(thing, key -> new Counted()).uses++;
                        borrows.incrementAndGet();
                        thing.holders.decrementAndGet();
                        holding.decrementAndGet();
                        int dice = random.nextInt(100);
                        if (dice < 3) {
                            lease.evict();
                        } else if (dice < 5) {
                            lease.close();
                            pool.evict(thing);
                        } else {
                            lease.close();
                        }
                        if (dice == 99 && random.nextInt(20) == 0) {
                            pool.evictAll();
                        }
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            };
            Thread thread = virtual ? Threads.virtual(work) : new Thread(work);
            workers.add(thread);
            thread.start();
        }
        start.countDown();
        for (Thread worker : workers) {
            worker.join(60_000);
            assertFalse(worker.isAlive(), worker + " is stuck");
        }
        assertTrue(failures.isEmpty(), () -> "failures: " + failures);
        assertEquals(0, doubleLends.get(), "an object was lent to two borrowers, or lent after destruction");
        assertTrue(mostHeld.get() <= maxSize, "held at once: " + mostHeld.get());
        long counted = uses.values().stream().mapToLong(c -> c.uses).sum();
        assertEquals((long) threads * iterations, borrows.get());
        assertEquals(borrows.get(), counted, "exclusive use keeps the unsynchronized counters exact");
        assertTrue(pool.metrics().size() <= maxSize);
        assertTrue(pool.close(Duration.ofSeconds(10)));
        assertEquals(things.created.get(), things.destroyed.get(), "every created object destroyed");
        assertTrue(things.live.isEmpty());
        PoolMetrics metrics = pool.metrics();
        assertEquals(metrics.created(), metrics.destroyed());
        assertEquals(things.created.get(), metrics.created());
        assertTrue(metrics.createFailures() > 0, "the test injected creation failures");
    }
}
