package dev.mainstay.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.junit.jupiter.api.Test;

/**
 * Eight threads borrow and return while they, and each other, misuse leases: closing twice, closing or evicting a
 * lease another thread returned or is returning at that moment (racing its owner's close), reading it. An {@link AtomicBoolean} per
 * object audits exclusivity: set on borrow, cleared before return; a set that finds it set is a double hold.
 */
class StaleLeaseStressTest {

    static final int THREADS = 8;
    static final long CYCLES = 1_000_000;
    /** Recently returned leases, shared by all threads, so that stale closes race with their owners' closes. */
    static final int SHARED = 64;

    static final class Audited {
        final AtomicBoolean held = new AtomicBoolean();
    }

    private final Set<Audited> destroyed = ConcurrentHashMap.newKeySet();
    private final AtomicReferenceArray<Lease<Audited>> shared = new AtomicReferenceArray<>(SHARED);
    private final AtomicLong completed = new AtomicLong();
    private final AtomicLong doubleHolds = new AtomicLong();
    private final AtomicLong lentDestroyed = new AtomicLong();
    private final AtomicLong staleGetsRefused = new AtomicLong();
    private final AtomicLong staleCloses = new AtomicLong();
    private final AtomicLong staleClosesThrew = new AtomicLong();
    private final AtomicLong evictions = new AtomicLong();
    private final AtomicLong validLeasesRefused = new AtomicLong();

    @Test
    void staleLeasesNeverCauseADoubleHold() throws Exception {
        Lifecycle<Audited> lifecycle = new Lifecycle<>() {
            @Override
            public Audited create() {
                return new Audited();
            }

            @Override
            public void destroy(Audited object) {
                destroyed.add(object);
            }
        };
        Pool<Audited> pool = Pool.builder(lifecycle).name("stale-stress").maxSize(6)
                .validateAfterIdle(Pool.NEVER).borrowTimeout(Duration.ofSeconds(20)).build();
        AtomicLong started = new AtomicLong();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(THREADS);
        long begin = System.nanoTime();
        for (int t = 0; t < THREADS; t++) {
            Thread worker = new Thread(() -> {
                try {
                    while (started.getAndIncrement() < CYCLES) {
                        try {
                            cycle(pool, ThreadLocalRandom.current());
                        } catch (IllegalStateException e) {
                            validLeasesRefused.incrementAndGet(); // refused a borrower that did nothing wrong
                        }
                    }
                } catch (Throwable e) {
                    failures.add(e);
                } finally {
                    done.countDown();
                }
            }, "stale-stress-" + t);
            worker.start();
        }
        assertTrue(done.await(2, TimeUnit.MINUTES), "the workers are stuck");
        long millis = (System.nanoTime() - begin) / 1_000_000;
        PoolMetrics metrics = pool.metrics();
        assertTrue(pool.close(Duration.ofSeconds(5)));
        System.out.printf("stale-lease stress: %d cycles in %d ms, %d double holds, %d lent after destroy,"
                        + " %d stale gets refused, %d stale closes/evicts (%d threw), %d evictions,"
                        + " %d valid leases refused, %s%n", completed.get(), millis, doubleHolds.get(),
                lentDestroyed.get(), staleGetsRefused.get(), staleCloses.get(), staleClosesThrew.get(),
                evictions.get(), validLeasesRefused.get(), metrics);
        assertEquals(List.of(), failures);
        assertEquals(0, doubleHolds.get(), "double holds");
        assertEquals(0, lentDestroyed.get(), "objects lent after they were destroyed");
        assertEquals(0, validLeasesRefused.get(), "a valid lease is never refused");
        assertEquals(0, staleClosesThrew.get(), "a stale close or evict is a no-op");
        assertEquals(CYCLES, completed.get());
        assertEquals(0, metrics.inUse(), metrics.toString());
        assertTrue(staleGetsRefused.get() > 10_000 && staleCloses.get() > 10_000);
        assertEquals(pool.metrics().created(), pool.metrics().destroyed());
    }


    private void cycle(Pool<Audited> pool, ThreadLocalRandom random) {
        Lease<Audited> lease = pool.borrow();
        Audited object = lease.get();
        if (!object.held.compareAndSet(false, true)) {
            doubleHolds.incrementAndGet();
        }
        if (destroyed.contains(object)) {
            lentDestroyed.incrementAndGet();
        }
        int dice = random.nextInt(16);
        Lease<Audited> stale = shared.get(random.nextInt(SHARED));
        if (stale != null && dice < 4) {
            try {
                stale.get();
            } catch (IllegalStateException expected) {
                staleGetsRefused.incrementAndGet();
            }
        } else if (stale != null && dice < 9) {
            staleCloses.incrementAndGet();
            try {
                if (dice == 8) {
                    stale.evict();
                } else {
                    stale.close();
                }
            } catch (IllegalStateException e) {
                staleClosesThrew.incrementAndGet();
            }
        }
        object.held.set(false);
        if (random.nextBoolean()) {
            // published before it is returned: another thread's close or evict races this one
            shared.set(random.nextInt(SHARED), lease);
        }
        if (random.nextInt(64) == 0) {
            evictions.incrementAndGet();
            lease.evict();
        } else {
            lease.close();
        }
        if (random.nextInt(4) == 0) {
            try {
                lease.close(); // the finally-and-try-with-resources bug
            } catch (IllegalStateException e) {
                staleClosesThrew.incrementAndGet();
            }
        }
        shared.set(random.nextInt(SHARED), lease);
        completed.incrementAndGet();
    }
}
