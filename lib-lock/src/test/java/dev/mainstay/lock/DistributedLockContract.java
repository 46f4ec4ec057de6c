package dev.mainstay.lock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What every backend must do, on real time and (for the remote backends) a real server. A subclass says how to
 * build a lock service on its backend; each test asks for as many services as it needs (one per simulated
 * process or client connection).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
public abstract class DistributedLockContract {

    private final List<DistributedLock> opened = new ArrayList<>();

    /**
     * A new lock service on the backend under test, with its own client connection(s) where that applies.
     *
     * @param settings applied to the backend's builder before it is built (name, listener, ticker, scheduler...)
     * @return the lock service
     */
    protected abstract DistributedLock newLock(Consumer<LockBuilder<?>> settings);

    /** A lease short enough for a test to outlive, long enough for any round trip here. */
    protected Duration shortLease() {
        return Duration.ofMillis(300);
    }

    protected final DistributedLock lock() {
        return lock(b -> {});
    }

    protected final DistributedLock lock(Consumer<LockBuilder<?>> settings) {
        DistributedLock lock = newLock(settings);
        opened.add(lock);
        return lock;
    }

    @AfterEach
    public void closeLocks() {
        opened.forEach(DistributedLock::close);
    }

    protected static String uniqueName(String prefix) {
        return prefix + ":" + Long.toHexString(ThreadLocalRandom.current().nextLong());
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Test
    public void grantsOnceThenRefusesUntilReleased() {
        DistributedLock a = lock();
        DistributedLock b = lock();
        String name = uniqueName("grant");
        LockHandle first = a.tryAcquire(name, Duration.ofSeconds(10)).orElseThrow();
        assertEquals(name, first.name());
        assertTrue(first.token() > 0, "token " + first.token());
        assertTrue(first.isHeld());
        assertEquals(Optional.empty(), b.tryAcquire(name, Duration.ofSeconds(10)));
        assertEquals(Optional.empty(), a.tryAcquire(name, Duration.ofSeconds(10)), "not reentrant");
        assertTrue(first.release());
        assertFalse(first.isHeld());
        LockHandle second = b.tryAcquire(name, Duration.ofSeconds(10)).orElseThrow();
        assertTrue(second.token() > first.token(), second.token() + " after " + first.token());
        second.close();
    }

    @Test
    public void tokensStrictlyIncreaseAcrossGrantsAndClients() {
        DistributedLock a = lock();
        DistributedLock b = lock();
        String name = uniqueName("tokens");
        long last = 0;
        for (int i = 0; i < 30; i++) {
            try (LockHandle handle = (i % 2 == 0 ? a : b).tryAcquire(name, Duration.ofSeconds(10)).orElseThrow()) {
                assertTrue(handle.token() > last, "grant " + i + ": token " + handle.token() + " after " + last);
                last = handle.token();
            }
        }
    }

    @Test
    public void namesAreIndependent() {
        DistributedLock a = lock();
        try (LockHandle x = a.tryAcquire(uniqueName("x"), Duration.ofSeconds(10)).orElseThrow();
                LockHandle y = a.tryAcquire(uniqueName("y"), Duration.ofSeconds(10)).orElseThrow()) {
            assertTrue(x.isHeld() && y.isHeld());
        }
    }

    @Test
    public void anExpiredLeaseGoesToTheNextOwnerAndTheOldHandleSaysItIsLost() {
        DistributedLock a = lock();
        DistributedLock b = lock();
        String name = uniqueName("expiry");
        LockHandle old = a.tryAcquire(name, shortLease()).orElseThrow();
        sleep(shortLease().plusMillis(150));
        assertFalse(old.isHeld(), "the local deadline has passed");
        LockHandle next = b.tryAcquire(name, Duration.ofSeconds(10)).orElseThrow();
        assertTrue(next.token() > old.token());
        LockLostException lost = assertThrows(LockLostException.class, old::close);
        assertEquals(name, lost.lockName());
        assertEquals(old.token(), lost.token());
        old.close(); // a second close does nothing
        assertTrue(next.isHeld());
        assertEquals(Optional.empty(), a.tryAcquire(name, Duration.ofSeconds(10)), "the stale close freed nothing");
        assertTrue(next.release());
    }

    @Test
    public void extendOfALostLeaseThrowsAndTouchesNothing() {
        DistributedLock a = lock();
        DistributedLock b = lock();
        String name = uniqueName("extend-lost");
        LockHandle old = a.tryAcquire(name, shortLease()).orElseThrow();
        sleep(shortLease().plusMillis(150));
        LockHandle next = b.tryAcquire(name, Duration.ofSeconds(10)).orElseThrow();
        assertThrows(LockLostException.class, () -> old.extend(Duration.ofSeconds(30)));
        assertFalse(old.release(), "lost before: release reports it, sends nothing that matters");
        assertEquals(Optional.empty(), lock().tryAcquire(name, Duration.ofSeconds(10)));
        next.close();
    }

    @Test
    public void aSecondCloseNeverReleasesTheNextHolder() {
        DistributedLock a = lock();
        DistributedLock b = lock();
        String name = uniqueName("double-close");
        LockHandle first = a.tryAcquire(name, Duration.ofSeconds(10)).orElseThrow();
        first.close();
        LockHandle second = b.tryAcquire(name, Duration.ofSeconds(10)).orElseThrow();
        first.close();
        assertFalse(first.release());
        assertThrows(IllegalStateException.class, () -> first.extend(Duration.ofSeconds(1)));
        assertThrows(IllegalStateException.class, () -> first.renewAutomatically(e -> {}));
        assertTrue(second.isHeld());
        assertEquals(Optional.empty(), lock().tryAcquire(name, Duration.ofSeconds(10)));
        assertTrue(second.release());
    }

    @Test
    public void staleHandlesRacingTheNextHolderNeverFreeIt() throws Exception {
        DistributedLock a = lock();
        DistributedLock b = lock();
        DistributedLock probe = lock();
        String name = uniqueName("stale-race");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (int round = 0; round < 20; round++) {
                LockHandle stale = a.tryAcquire(name, Duration.ofSeconds(10)).orElseThrow();
                stale.close();
                LockHandle holder = b.tryAcquire(name, Duration.ofSeconds(10)).orElseThrow();
                CountDownLatch go = new CountDownLatch(1);
                List<Future<?>> misuse = new ArrayList<>();
                for (int t = 0; t < 3; t++) {
                    misuse.add(pool.submit(() -> {
                        go.await();
                        stale.close();
                        stale.release();
                        return null;
                    }));
                }
                go.countDown();
                for (Future<?> f : misuse) {
                    f.get();
                }
                assertTrue(holder.isHeld());
                assertEquals(Optional.empty(), probe.tryAcquire(name, Duration.ofSeconds(10)), "round " + round);
                assertTrue(holder.release(), "round " + round);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    public void anyThreadMayRelease() throws Exception {
        DistributedLock a = lock();
        String name = uniqueName("other-thread");
        LockHandle handle = a.tryAcquire(name, Duration.ofSeconds(10)).orElseThrow();
        CompletableFuture<Boolean> released = CompletableFuture.supplyAsync(handle::release);
        assertTrue(released.get(10, TimeUnit.SECONDS));
        lock().tryAcquire(name, Duration.ofSeconds(10)).orElseThrow().close();
    }

    @Test
    public void extendKeepsTheLeaseAndMovesTheLocalDeadline() {
        DistributedLock a = lock();
        DistributedLock b = lock();
        String name = uniqueName("extend");
        LockHandle handle = a.tryAcquire(name, shortLease()).orElseThrow();
        for (int i = 0; i < 5; i++) {
            sleep(shortLease().dividedBy(3));
            handle.extend(shortLease());
            assertTrue(handle.isHeld());
            assertTrue(handle.remaining().compareTo(shortLease()) <= 0);
            assertEquals(Optional.empty(), b.tryAcquire(name, shortLease()));
        }
        assertTrue(handle.release());
    }

    @Test
    public void renewalHoldsFiveLeasesAndStopsAtRelease() {
        DistributedLock a = lock();
        DistributedLock b = lock();
        String name = uniqueName("renew");
        AtomicReference<LockLostException> lost = new AtomicReference<>();
        // 900 ms: a renewal is due every 300 ms and may be up to 600 ms late (a loaded machine, a client that is
        // reconnecting) before the lease ends
        Duration lease = Duration.ofMillis(900);
        LockHandle handle = a.tryAcquire(name, lease).orElseThrow().renewAutomatically(lost::set);
        long deadline = System.nanoTime() + lease.multipliedBy(5).toNanos();
        while (System.nanoTime() < deadline) {
            assertEquals(Optional.empty(), b.tryAcquire(name, shortLease()));
            assertTrue(handle.isHeld(), "held while renewing");
            sleep(Duration.ofMillis(40));
        }
        assertTrue(handle.release());
        assertEquals(null, lost.get());
        LockHandle next = b.tryAcquire(name, Duration.ofSeconds(10)).orElseThrow();
        sleep(shortLease().multipliedBy(2));
        assertTrue(next.isHeld());
        assertEquals(Optional.empty(), a.tryAcquire(name, shortLease()), "no renewal resurrected the old grant");
        assertEquals(null, lost.get(), "no callback after release");
        next.close();
    }

    @Test
    public void acquireWaitsForTheHolderAndTimesOutWhenItStays() throws Exception {
        DistributedLock a = lock();
        DistributedLock b = lock();
        String name = uniqueName("wait");
        LockHandle holder = a.tryAcquire(name, Duration.ofSeconds(10)).orElseThrow();
        long start = System.nanoTime();
        LockTimeoutException timeout = assertThrows(LockTimeoutException.class,
                () -> b.acquire(name, Duration.ofSeconds(10), Duration.ofMillis(100)));
        assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(100));
        assertTrue(timeout.waited().compareTo(Duration.ofMillis(100)) >= 0, timeout.waited().toString());
        CompletableFuture.runAsync(() -> {
            sleep(Duration.ofMillis(100));
            holder.release();
        });
        try (LockHandle next = b.acquire(name, Duration.ofSeconds(10), Duration.ofSeconds(5))) {
            assertTrue(next.token() > holder.token());
        }
    }

    @Test
    public void acquireWaitsOutAnExpiringLease() throws Exception {
        DistributedLock a = lock();
        String name = uniqueName("wait-expiry");
        LockHandle holder = a.tryAcquire(name, shortLease()).orElseThrow();
        try (LockHandle next = lock().acquire(name, Duration.ofSeconds(10), Duration.ofSeconds(5))) {
            assertTrue(next.token() > holder.token());
        }
    }

    @Test
    public void aWaitIsInterruptible() throws Exception {
        DistributedLock a = lock();
        String name = uniqueName("interrupt");
        LockHandle holder = a.tryAcquire(name, Duration.ofSeconds(10)).orElseThrow();
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        Thread waiter = new Thread(() -> {
            try {
                lock().acquire(name, Duration.ofSeconds(10), Duration.ofSeconds(30));
            } catch (Throwable t) {
                outcome.set(t);
            }
        });
        waiter.start();
        Thread.sleep(100);
        waiter.interrupt();
        waiter.join(10_000);
        assertInstanceOf(InterruptedException.class, outcome.get());
        holder.close();
    }

    @Test
    public void acquireAsyncCompletesOnReleaseAndTimesOut() throws Exception {
        DistributedLock a = lock();
        DistributedLock b = lock();
        String name = uniqueName("async");
        LockHandle holder = a.tryAcquire(name, Duration.ofSeconds(10)).orElseThrow();
        ExecutionException timedOut = assertThrows(ExecutionException.class,
                () -> b.acquireAsync(name, Duration.ofSeconds(10), Duration.ofMillis(80)).get(10, TimeUnit.SECONDS));
        assertInstanceOf(LockTimeoutException.class, timedOut.getCause());
        CompletableFuture<LockHandle> waiting = b.acquireAsync(name, Duration.ofSeconds(10), Duration.ofSeconds(5));
        Thread.sleep(50);
        assertFalse(waiting.isDone());
        holder.release();
        try (LockHandle next = waiting.get(10, TimeUnit.SECONDS)) {
            assertTrue(next.token() > holder.token());
        }
    }

    /** ShedLock's fuzz pattern: an unsynchronized read-sleep-write counter under the lock, from many clients. */
    @Test
    public void fuzzSixteenClientsKeepAnUnsynchronizedCounterExact() throws Exception {
        int threads = 16;
        int rounds = fuzzRounds();
        String name = uniqueName("fuzz");
        List<DistributedLock> clients = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            clients.add(lock());
        }
        int[] counter = {0};
        AtomicBoolean inside = new AtomicBoolean();
        AtomicInteger doubleGrants = new AtomicInteger();
        FencedResource fence = new FencedResource();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (DistributedLock client : clients) {
                workers.add(pool.submit(() -> {
                    for (int r = 0; r < rounds; r++) {
                        try (LockHandle handle = client.acquire(name, Duration.ofSeconds(10), Duration.ofSeconds(30))) {
                            if (!inside.compareAndSet(false, true)) {
                                doubleGrants.incrementAndGet();
                            }
                            fence.write(name, handle.token(), () -> {
                                int read = counter[0];
                                sleep(Duration.ofMillis(1));
                                counter[0] = read + 1;
                            });
                            inside.set(false);
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
        assertEquals(0, doubleGrants.get(), "double grants");
        assertEquals(threads * rounds, counter[0]);
        assertEquals(0, fence.refusedWrites());
    }

    /** How many grants each of the fuzz test's 16 clients takes. */
    protected int fuzzRounds() {
        return 10;
    }

    /** Kleppmann's pause: the holder stalls past its lease, and its late write is refused by the fence. */
    @Test
    public void aPausedHoldersLateWriteIsRefusedByItsToken() {
        DistributedLock a = lock();
        DistributedLock b = lock();
        String name = uniqueName("pause");
        FencedResource storage = new FencedResource();
        AtomicLong value = new AtomicLong();
        LockHandle paused = a.tryAcquire(name, shortLease()).orElseThrow();
        storage.write(name, paused.token(), () -> value.set(1));
        sleep(shortLease().plusMillis(150)); // the "GC pause"
        try (LockHandle next = b.tryAcquire(name, Duration.ofSeconds(10)).orElseThrow()) {
            storage.write(name, next.token(), () -> value.set(2));
            assertFalse(storage.tryWrite(paused.token(), () -> value.set(99)), "stale write accepted");
            assertThrows(LockLostException.class, () -> storage.write(name, paused.token(), () -> value.set(99)));
        }
        assertEquals(2, value.get());
        assertEquals(2, storage.refusedWrites());
        assertFalse(paused.release());
    }

    @Test
    public void badInputNamesTheArgumentAndValue() {
        DistributedLock a = lock();
        Duration lease = Duration.ofSeconds(1);
        assertMessage(() -> a.tryAcquire("", lease), "name must be 1 to 255 characters but was 0");
        assertMessage(() -> a.tryAcquire("x".repeat(256), lease), "but was 256 characters");
        assertMessage(() -> a.tryAcquire("a\nb", lease), "name must not contain control characters");
        assertMessage(() -> a.tryAcquire("n", Duration.ZERO), "lease must be > 0 but was PT0S");
        assertMessage(() -> a.tryAcquire("n", Duration.ofSeconds(-1)), "lease must be > 0 but was PT-1S");
        assertMessage(() -> a.acquire("n", lease, Duration.ofMillis(-5)), "maxWait must be >= 0 but was PT-0.005S");
        assertMessage(() -> a.acquireAsync("n", lease, Duration.ofMillis(-5)), "maxWait must be >= 0");
        assertThrows(NullPointerException.class, () -> a.tryAcquire(null, lease));
        assertThrows(NullPointerException.class, () -> a.tryAcquire("n", null));
        LockHandle handle = a.tryAcquire(uniqueName("bad-extend"), lease).orElseThrow();
        assertMessage(() -> handle.extend(Duration.ZERO), "lease must be > 0 but was PT0S");
        handle.close();
    }

    private static void assertMessage(org.junit.jupiter.api.function.Executable call, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(expected), "message: " + e.getMessage());
    }

    @Test
    public void aThrowingListenerChangesNothing() {
        AtomicInteger calls = new AtomicInteger();
        LockListener throwing = new LockListener() {
            @Override
            public void onAcquired(String lock, String name, long token, long waitedNanos) {
                calls.incrementAndGet();
                throw new IllegalStateException("listener bug");
            }

            @Override
            public void onReleased(String lock, String name, long token) {
                calls.incrementAndGet();
                throw new IllegalStateException("listener bug");
            }
        };
        DistributedLock a = lock(b -> b.listener(throwing));
        String name = uniqueName("listener");
        LockHandle handle = a.tryAcquire(name, Duration.ofSeconds(10)).orElseThrow();
        assertTrue(handle.isHeld());
        assertTrue(handle.release());
        assertEquals(2, calls.get());
        lock().tryAcquire(name, Duration.ofSeconds(10)).orElseThrow().close();
    }

    @Test
    public void theListenerHearsGrantsReleasesAndLosses() {
        List<String> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
        DistributedLock a = lock(b -> b.name("audited").listener(new LockListener() {
            @Override
            public void onAcquired(String lock, String name, long token, long waitedNanos) {
                heard.add("acquired " + lock + " " + token);
            }

            @Override
            public void onReleased(String lock, String name, long token) {
                heard.add("released " + token);
            }

            @Override
            public void onLost(String lock, String name, long token, LockLostException cause) {
                heard.add("lost " + token);
            }
        }));
        String name = uniqueName("heard");
        LockHandle one = a.tryAcquire(name, Duration.ofSeconds(10)).orElseThrow();
        one.close();
        LockHandle two = a.tryAcquire(name, shortLease()).orElseThrow();
        sleep(shortLease().plusMillis(150));
        lock().tryAcquire(name, Duration.ofSeconds(10)).orElseThrow();
        assertFalse(two.release());
        assertEquals(List.of("acquired audited " + one.token(), "released " + one.token(),
                "acquired audited " + two.token(), "lost " + two.token()), heard);
    }
}
