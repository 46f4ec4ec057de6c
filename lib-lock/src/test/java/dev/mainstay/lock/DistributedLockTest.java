package dev.mainstay.lock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mainstay.lock.internal.LockService;
import dev.mainstay.lock.internal.MemoryBackend;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The contract on the in-memory backend, and what only a hand-moved ticker can show. */
class DistributedLockTest extends DistributedLockContract {

    /** The "clients" of one JVM share one in-memory store, as a process's threads do. */
    private final MemoryBackend shared = new MemoryBackend(System::nanoTime);

    @Override
    protected DistributedLock newLock(Consumer<LockBuilder<?>> settings) {
        DistributedLock.Builder builder = DistributedLock.builder();
        settings.accept(builder);
        return new LockService(builder.config(), shared);
    }

    @Override
    protected int fuzzRounds() {
        return 30;
    }

    @Test
    void leasesFollowTheTickerNearLongMaxValue() {
        FakeTicker ticker = new FakeTicker(Long.MAX_VALUE - 1_000);
        DistributedLock locks = DistributedLock.builder().ticker(ticker).build();
        LockHandle first = locks.tryAcquire("wrap", Duration.ofNanos(5_000)).orElseThrow();
        assertTrue(first.isHeld());
        assertEquals(Duration.ofNanos(5_000), first.remaining());
        ticker.advance(4_999); // past Long.MAX_VALUE: the lease end wraps, the comparison must not
        assertTrue(first.isHeld());
        assertEquals(Optional.empty(), locks.tryAcquire("wrap", Duration.ofNanos(5_000)));
        ticker.advance(1);
        assertFalse(first.isHeld());
        assertEquals(Duration.ZERO, first.remaining());
        LockHandle second = locks.tryAcquire("wrap", Duration.ofNanos(5_000)).orElseThrow();
        assertEquals(first.token() + 1, second.token());
        assertFalse(first.release());
        assertTrue(second.isHeld());
    }

    @Test
    void extendFromTheTickerNowAndNotAfterTheEnd() {
        FakeTicker ticker = new FakeTicker(-10_000);
        DistributedLock locks = DistributedLock.builder().ticker(ticker).build();
        LockHandle handle = locks.tryAcquire("extend", Duration.ofNanos(1_000)).orElseThrow();
        ticker.advance(900);
        handle.extend(Duration.ofNanos(1_000));
        ticker.advance(900);
        assertTrue(handle.isHeld(), "the extension counts from the extend, not from the grant");
        assertEquals(Optional.empty(), locks.tryAcquire("extend", Duration.ofNanos(1)));
        ticker.advance(100);
        assertThrows(LockLostException.class, () -> handle.extend(Duration.ofNanos(1_000)),
                "an ended lease cannot be revived, even when nobody took it");
    }

    @Test
    void aSafetyMarginEndsIsHeldEarly() {
        FakeTicker ticker = new FakeTicker(0);
        DistributedLock locks = DistributedLock.builder().ticker(ticker).safetyMargin(Duration.ofNanos(100)).build();
        LockHandle handle = locks.tryAcquire("margin", Duration.ofNanos(1_000)).orElseThrow();
        ticker.advance(899);
        assertTrue(handle.isHeld());
        ticker.advance(1);
        assertFalse(handle.isHeld(), "900 ns in: within the margin of the end");
        assertTrue(handle.release(), "on the lock's own clock it was still held");
    }

    @Test
    void sweptNamesKeepTheirTokensRising() {
        DistributedLock locks = DistributedLock.builder().build();
        long first = locks.tryAcquire("kept", Duration.ofSeconds(10)).orElseThrow().token();
        // release "kept", then churn enough names to trigger sweeps
        LockHandle again = locks.tryAcquire("kept-2", Duration.ofSeconds(10)).orElseThrow();
        again.close();
        long before = 0;
        for (int i = 0; i < 5_000; i++) {
            try (LockHandle h = locks.tryAcquire("churn-" + i, Duration.ofSeconds(10)).orElseThrow()) {
                before = Math.max(before, h.token());
            }
        }
        try (LockHandle h = locks.tryAcquire("kept-2", Duration.ofSeconds(10)).orElseThrow()) {
            assertTrue(h.token() > again.token(), h.token() + " after " + again.token());
        }
        assertTrue(first > 0);
    }

    @Test
    void churnOfNamesDoesNotGrowWithoutBound() throws Exception {
        MemoryBackend backend = new MemoryBackend(System::nanoTime);
        DistributedLock locks = new LockService(DistributedLock.builder().config(), backend);
        for (int i = 0; i < 100_000; i++) {
            locks.tryAcquire("order-" + i, Duration.ofSeconds(10)).orElseThrow().close();
        }
        assertTrue(backend.size() <= 2 * 1024 + 2, "slots kept: " + backend.size());
    }

    /** Per name, a grant's token is above every earlier grant's, also while names are swept and expire. */
    @Test
    void stressTokensAndExclusionUnderSweepsAndExpiry() throws Exception {
        DistributedLock locks = DistributedLock.builder().build();
        int names = 64;
        AtomicReferenceArray<Thread> holders = new AtomicReferenceArray<>(names);
        long[] lastToken = new long[names];
        AtomicInteger doubleGrants = new AtomicInteger();
        AtomicInteger tokenRegressions = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                workers.add(pool.submit(() -> {
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    for (int i = 0; i < 200_000; i++) {
                        int n = random.nextInt(names);
                        // a burst of unique names now and then makes the map sweep
                        String name = random.nextInt(1000) == 0 ? "burst-" + random.nextLong() : "n" + n;
                        Optional<LockHandle> got = locks.tryAcquire(name, Duration.ofSeconds(10));
                        if (got.isEmpty() || !name.startsWith("n")) {
                            got.ifPresent(LockHandle::close);
                            continue;
                        }
                        LockHandle handle = got.get();
                        if (!holders.compareAndSet(n, null, Thread.currentThread())) {
                            doubleGrants.incrementAndGet();
                        }
                        synchronized (lastToken) {
                            if (handle.token() <= lastToken[n]) {
                                tokenRegressions.incrementAndGet();
                            }
                            lastToken[n] = handle.token();
                        }
                        holders.set(n, null);
                        if (random.nextBoolean()) {
                            handle.close();
                            handle.close(); // misuse: must do nothing
                        } else {
                            handle.release();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(0, doubleGrants.get());
        assertEquals(0, tokenRegressions.get());
    }

    @Test
    void renewalFailureCallsBackOnceAndStops() throws Exception {
        FakeTicker ticker = new FakeTicker(0);
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        try {
            DistributedLock locks = DistributedLock.builder().ticker(ticker).scheduler(scheduler).build();
            AtomicReference<LockLostException> lost = new AtomicReference<>();
            AtomicInteger calls = new AtomicInteger();
            LockHandle handle = locks.tryAcquire("renew-lost", Duration.ofMillis(30)).orElseThrow()
                    .renewAutomatically(e -> {
                        calls.incrementAndGet();
                        lost.set(e);
                    });
            ticker.advance(Duration.ofMillis(31).toNanos()); // the lease ends before the watchdog runs
            locks.tryAcquire("renew-lost", Duration.ofSeconds(10)).orElseThrow();
            long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (lost.get() == null && System.nanoTime() < until) {
                Thread.sleep(5);
            }
            Thread.sleep(50);
            assertEquals(1, calls.get());
            assertEquals("renew-lost", lost.get().lockName());
            assertFalse(handle.isHeld());
            assertFalse(handle.release());
            handle.close(); // reported through the callback already: no second report
        } finally {
            scheduler.shutdownNow();
        }
    }

    /** The watchdog's timer runs on the scheduler's clock; a run that finds nothing due must not end renewal. */
    @Test
    void renewalGoesOnWhenTheTimerRunsBeforeTheTickerSaysItIsDue() throws Exception {
        FakeTicker ticker = new FakeTicker(0);
        DistributedLock locks = DistributedLock.builder().ticker(ticker).build();
        AtomicReference<LockLostException> lost = new AtomicReference<>();
        LockHandle handle = locks.tryAcquire("early-timer", Duration.ofMillis(30)).orElseThrow()
                .renewAutomatically(lost::set);
        Thread.sleep(60); // the timer has fired (more than once) with the ticker standing still
        assertTrue(handle.isHeld());
        ticker.advance(Duration.ofMillis(31).toNanos()); // now the renewal is due, and too late
        long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (lost.get() == null && System.nanoTime() < until) {
            Thread.sleep(5);
        }
        assertEquals("early-timer", lost.get().lockName(), "the watchdog noticed");
        locks.close();
    }

    @Test
    void closingTheLockStopsItsOwnSchedulerOnly() throws Exception {
        DistributedLock locks = DistributedLock.builder().name("closing").build();
        LockHandle handle = locks.tryAcquire("c", Duration.ofMillis(300)).orElseThrow().renewAutomatically(e -> {});
        Set<String> names = new HashSet<>();
        Thread.getAllStackTraces().keySet().forEach(t -> names.add(t.getName()));
        assertTrue(names.contains("mainstay-lock-renewal-closing"), names.toString());
        locks.close();
        locks.close();
        Thread.sleep(100);
        names.clear();
        Thread.getAllStackTraces().keySet().forEach(t -> {
            if (t.isAlive()) {
                names.add(t.getName());
            }
        });
        assertFalse(names.contains("mainstay-lock-renewal-closing"), names.toString());
        assertTrue(handle.release(), "close releases nothing; the handle still works");
    }

    @Test
    void builderSettingsAreChecked() {
        DistributedLock.Builder builder = DistributedLock.builder();
        IllegalArgumentException blank = assertThrows(IllegalArgumentException.class, () -> builder.name(" "));
        assertEquals("name must not be blank but was ' '", blank.getMessage());
        IllegalArgumentException margin = assertThrows(IllegalArgumentException.class,
                () -> builder.safetyMargin(Duration.ofMillis(-1)));
        assertEquals("safetyMargin must be >= 0 but was PT-0.001S", margin.getMessage());
        assertThrows(NullPointerException.class, () -> builder.ticker(null));
        assertThrows(NullPointerException.class, () -> builder.listener(null));
        assertThrows(NullPointerException.class, () -> builder.scheduler(null));
    }
}
