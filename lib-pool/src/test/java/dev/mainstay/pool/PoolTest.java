package dev.mainstay.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mainstay.pool.Things.Thing;
import dev.mainstay.pool.internal.TestHooks;
import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PoolTest {

    private final Things things = new Things();
    private final List<Pool<?>> pools = new ArrayList<>();

    @AfterEach
    void closePools() {
        for (Pool<?> pool : pools) {
            pool.close(Duration.ZERO);
        }
    }

    private Pool.Builder<Thing> builder() {
        return Pool.builder(things).name("test").borrowTimeout(Duration.ofSeconds(5));
    }

    private Pool<Thing> build(Pool.Builder<Thing> builder) {
        Pool<Thing> pool = builder.build();
        pools.add(pool);
        return pool;
    }

    @Test
    void lendsTheSameObjectAgainAfterItIsReturnedAndResetsItOnReturn() {
        Pool<Thing> pool = build(builder().maxSize(1));
        Thing first;
        try (Lease<Thing> lease = pool.borrow()) {
            first = lease.get();
            assertEquals(0, first.resets);
        }
        try (Lease<Thing> lease = pool.borrow()) {
            assertSame(first, lease.get());
            assertEquals(1, first.resets);
        }
        PoolMetrics metrics = pool.metrics();
        assertEquals(1, metrics.created());
        assertEquals(1, metrics.idle());
        assertEquals(0, metrics.inUse());
        assertEquals("test", metrics.name());
    }

    /** A lifecycle whose {@code reset} is inherited from an abstract class of the user's. */
    abstract static class CountingResets implements Lifecycle<int[]> {
        @Override
        public void reset(int[] counter) {
            counter[0]++;
        }
    }

    @Test
    void callsAResetInheritedFromAUserClassAndSkipsOnlyTheDefaultOne() {
        Pool<int[]> inherited = Pool.builder((Lifecycle<int[]>) new CountingResets() {
            @Override
            public int[] create() {
                return new int[1];
            }
        }).name("inherited").maxSize(1).build();
        pools.add(inherited);
        int[] counter;
        try (Lease<int[]> lease = inherited.borrow()) {
            counter = lease.get();
        }
        try (Lease<int[]> lease = inherited.borrow()) {
            assertSame(counter, lease.get());
            assertEquals(1, counter[0]);
        }
        assertEquals(2, counter[0]);

        Pool<int[]> plain = Pool.builder((Lifecycle<int[]>) () -> new int[1]).name("plain").maxSize(1).build();
        pools.add(plain);
        int[] untouched;
        try (Lease<int[]> lease = plain.borrow()) {
            untouched = lease.get();
        }
        try (Lease<int[]> lease = plain.borrow()) {
            assertSame(untouched, lease.get());
        }
        assertEquals(0, untouched[0]);
        assertEquals(1, plain.metrics().created());
    }

    @Test
    void everyThreadsFirstTryIsASlotOfThePoolEvenAfterItScannedPastATakenOne() throws Exception {
        Pool<Thing> pool = build(builder().maxSize(3).minIdle(3));
        assertTrue(waitUntil(() -> pool.metrics().idle() == 3));
        List<Integer> outside = new CopyOnWriteArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 128; t++) {
            threads.add(new Thread(() -> {
                int before = TestHooks.hint(pool);
                try (Lease<Thing> held = pool.borrow(); Lease<Thing> next = pool.borrow()) {
                    if (held.get() == next.get()) {
                        outside.add(-1);
                    }
                }
                int after = TestHooks.hint(pool);
                if (before < 0 || before >= 3 || after < 0 || after >= 3) {
                    outside.add(before * 1000 + after);
                }
            }));
        }
        for (Thread thread : threads) {
            thread.start();
            thread.join(10_000);
            assertFalse(thread.isAlive(), thread + " is stuck");
        }
        assertEquals(List.of(), outside);
        assertEquals(3, pool.metrics().idle());
    }

    @Test
    void lendsDistinctObjectsToConcurrentHoldersUpToMaxSize() {
        Pool<Thing> pool = build(builder().maxSize(3));
        Lease<Thing> a = pool.borrow();
        Lease<Thing> b = pool.borrow();
        Lease<Thing> c = pool.borrow();
        assertNotSame(a.get(), b.get());
        assertNotSame(b.get(), c.get());
        assertNotSame(a.get(), c.get());
        PoolTimeoutException e = assertThrows(PoolTimeoutException.class, () -> pool.borrow(Duration.ofMillis(30)));
        assertTrue(e.getMessage().contains("3 in use, 0 idle, max 3"), e.getMessage());
        assertEquals(3, pool.metrics().inUse());
        assertEquals(1, pool.metrics().timeouts());
        a.close();
        b.close();
        c.close();
        assertEquals(3, things.created.get());
    }

    @Test
    void aReturnedObjectGoesToTheWaitingBorrower() throws Exception {
        Pool<Thing> pool = build(builder().maxSize(1));
        Lease<Thing> held = pool.borrow();
        Thing thing = held.get();
        CompletableFuture<Thing> waiter = async(() -> {
            try (Lease<Thing> lease = pool.borrow(Duration.ofSeconds(10))) {
                return lease.get();
            }
        });
        assertTrue(waitUntil(() -> pool.metrics().waiting() == 1));
        held.close();
        assertSame(thing, waiter.get(10, TimeUnit.SECONDS));
        assertEquals(2, pool.metrics().waits(), "the first borrow waited for the creation, the second for the return");
    }

    @Test
    void waitersAreServedInArrivalOrder() throws Exception {
        Pool<Thing> pool = build(builder().maxSize(1));
        Lease<Thing> held = pool.borrow();
        List<Integer> order = new CopyOnWriteArrayList<>();
        ExecutorService executor = Executors.newFixedThreadPool(3);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                int me = i;
                futures.add(executor.submit(() -> {
                    try (Lease<Thing> lease = pool.borrow(Duration.ofSeconds(10))) {
                        order.add(me);
                    }
                }));
                int expected = i + 1;
                assertTrue(waitUntil(() -> pool.metrics().waiting() == expected));
            }
            held.close();
            for (Future<?> future : futures) {
                future.get(10, TimeUnit.SECONDS);
            }
        } finally {
            executor.shutdownNow();
        }
        assertEquals(List.of(0, 1, 2), order);
    }

    /** Borrows on a thread of its own; the future holds what the borrow threw, or {@code null}. */
    private CompletableFuture<Throwable> borrowAsync(Pool<Thing> pool, Duration timeout) {
        return async(() -> {
            try (Lease<Thing> lease = pool.borrow(timeout)) {
                return null;
            } catch (Throwable t) {
                return t;
            }
        });
    }

    @Test
    void aFailingFactoryBecomesTheCauseOfTheTimeoutWithADiagnosis() throws Exception {
        FakeTicker ticker = FakeTicker.nearMax();
        things.failCreate.set(true);
        Pool<Thing> pool = build(builder().name("orders").maxSize(4).ticker(ticker));
        CompletableFuture<Throwable> borrow = borrowAsync(pool, Duration.ofMillis(200));
        assertTrue(waitUntil(() -> pool.metrics().waiting() == 1 && pool.metrics().createFailures() >= 1));
        ticker.advance(Duration.ofMillis(199));
        // the borrower looks at the ticker at least every 128 ms while it waits
        assertThrows(TimeoutException.class, () -> borrow.get(300, TimeUnit.MILLISECONDS), "timed out early");
        ticker.advance(Duration.ofMillis(1));
        PoolTimeoutException e = assertInstanceOf(PoolTimeoutException.class, borrow.get(10, TimeUnit.SECONDS));
        assertInstanceOf(ConnectException.class, e.getCause());
        assertEquals("orders", e.poolName());
        assertEquals(Duration.ofMillis(200), e.waited());
        String message = e.getMessage();
        assertTrue(message.startsWith("pool 'orders' timed out after 200 ms: "), message);
        assertTrue(message.contains("0 in use, 0 idle, max 4, 1 waiting"), message);
        assertTrue(message.contains("last creation failed"), message);
        assertTrue(message.contains("connection refused (test)"), message);
        things.failCreate.set(false);
        // the creator waits out its back-off on the ticker
        try (Lease<Thing> lease = advanceUntilDone(ticker, async(() -> pool.borrow(Duration.ofDays(1))))) {
            assertFalse(lease.get().destroyed);
        }
    }

    @Test
    void aSlowFactoryNeverMakesABorrowerMissItsTimeout() throws Exception {
        FakeTicker ticker = FakeTicker.negative();
        CountDownLatch creation = new CountDownLatch(1);
        things.createGate = creation;
        try {
            Pool<Thing> pool = build(builder().maxSize(2).ticker(ticker));
            CompletableFuture<Throwable> borrow = borrowAsync(pool, Duration.ofMillis(100));
            assertTrue(waitUntil(() -> pool.metrics().waiting() == 1 && things.createCalls.get() == 1));
            ticker.advance(Duration.ofMillis(100));
            // the creation has not finished, and cannot until the gate opens: the borrower did not wait for it
            PoolTimeoutException e = assertInstanceOf(PoolTimeoutException.class, borrow.get(10, TimeUnit.SECONDS));
            assertEquals(Duration.ofMillis(100), e.waited());
            assertTrue(e.getMessage().contains("a creation has been running for 100 ms"), e.getMessage());
        } finally {
            creation.countDown();
        }
    }

    @Test
    void anInterruptedCloseStopsWaitingClosesAtOnceAndKeepsTheFlag() {
        FakeTicker ticker = FakeTicker.nearMax(); // stands still: only the interrupt can end the wait
        Pool<Thing> pool = build(builder().maxSize(1).ticker(ticker));
        Lease<Thing> held = pool.borrow();
        Thing thing = held.get();
        Thread.currentThread().interrupt();
        boolean clean;
        boolean flagKept;
        try {
            clean = pool.close(Duration.ofDays(1));
        } finally {
            flagKept = Thread.interrupted();
        }
        assertFalse(clean, "the lent object did not come back");
        assertTrue(flagKept, "the interrupt flag is kept");
        assertTrue(waitUntil(() -> thing.destroyed));
        held.close();
        assertEquals(1, things.destroyed.get());
    }

    @Test
    void zeroTimeoutFailsAtOnceWhenNothingIsIdle() {
        Pool<Thing> pool = build(builder().maxSize(1));
        Lease<Thing> held = pool.borrow();
        Thing thing = held.get();
        assertThrows(PoolTimeoutException.class, () -> pool.borrow(Duration.ZERO));
        held.close();
        try (Lease<Thing> lease = pool.borrow(Duration.ZERO)) {
            assertSame(thing, lease.get());
        }
    }

    @Test
    void anInterruptedWaitThrowsAndKeepsTheInterruptFlag() throws Exception {
        Pool<Thing> pool = build(builder().maxSize(1));
        Lease<Thing> held = pool.borrow();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicReference<Boolean> flag = new AtomicReference<>();
        Thread waiter = new Thread(() -> {
            try {
                pool.borrow(Duration.ofSeconds(30));
            } catch (Throwable t) {
                thrown.set(t);
                flag.set(Thread.currentThread().isInterrupted());
            }
        });
        waiter.start();
        assertTrue(waitUntil(() -> pool.metrics().waiting() == 1));
        waiter.interrupt();
        waiter.join(5_000);
        assertInstanceOf(PoolTimeoutException.class, thrown.get());
        assertInstanceOf(InterruptedException.class, thrown.get().getCause());
        assertTrue(thrown.get().getMessage().contains("interrupted"), thrown.get().getMessage());
        assertTrue(flag.get());
        assertEquals(0, pool.metrics().waiting());
        held.close();
        assertEquals(1, pool.metrics().idle());
    }

    @Test
    void borrowingAfterCloseIsIllegal() {
        Pool<Thing> pool = build(builder());
        pool.borrow().close();
        assertTrue(pool.close(Duration.ofSeconds(5)));
        IllegalStateException e = assertThrows(IllegalStateException.class, pool::borrow);
        assertEquals("pool 'test' is closed", e.getMessage());
        assertThrows(IllegalStateException.class, () -> pool.borrow(Duration.ofSeconds(1)));
        assertEquals(things.created.get(), things.destroyed.get());
        assertTrue(things.live.isEmpty());
        assertTrue(pool.close(Duration.ZERO), "closing again answers the first close's outcome");
    }

    @Test
    void closeWakesWaitingBorrowersWithIllegalState() throws Exception {
        Pool<Thing> pool = build(builder().maxSize(1));
        Lease<Thing> held = pool.borrow();
        CompletableFuture<Throwable> waiter = async(() -> {
            try {
                pool.borrow(Duration.ofSeconds(30));
                return null;
            } catch (Throwable t) {
                return t;
            }
        });
        assertTrue(waitUntil(() -> pool.metrics().waiting() == 1));
        CompletableFuture<Boolean> closing = async(() -> pool.close(Duration.ofSeconds(10)));
        assertInstanceOf(IllegalStateException.class, waiter.get(5, TimeUnit.SECONDS));
        held.close();
        assertTrue(closing.get(10, TimeUnit.SECONDS));
        assertEquals(1, things.destroyed.get());
    }

    @Test
    void closeWaitsForLentObjectsThenDestroysThem() throws Exception {
        Pool<Thing> pool = build(builder().maxSize(2));
        Lease<Thing> held = pool.borrow();
        Thing heldThing = held.get();
        pool.borrow().close();
        CompletableFuture<Boolean> closing = async(() -> pool.close(Duration.ofSeconds(10)));
        Thread.sleep(50);
        assertFalse(closing.isDone(), "close waits while an object is lent");
        held.close();
        assertTrue(closing.get(10, TimeUnit.SECONDS));
        assertEquals(2, things.destroyed.get());
        assertTrue(heldThing.destroyed);
    }

    @Test
    void closeDestroysLentObjectsWhenItsTimeoutPasses() {
        Pool<Thing> pool = build(builder().maxSize(2));
        Lease<Thing> held = pool.borrow();
        Thing heldThing = held.get();
        assertFalse(pool.close(Duration.ofMillis(50)));
        assertTrue(heldThing.destroyed, "destroyed after the close timeout");
        assertEquals(things.created.get(), things.destroyed.get());
        held.close(); // a late return after a forced close is ignored
        assertEquals(things.created.get(), things.destroyed.get());
    }

    @Test
    void returningTwiceIsANoOpAndGetAfterReturnThrows() {
        Pool<Thing> pool = build(builder().maxSize(1));
        Lease<Thing> lease = pool.borrow();
        lease.close();
        lease.close();
        assertThrows(IllegalStateException.class, lease::get);
        lease.evict();
        assertEquals(1, pool.metrics().idle());
        assertEquals(0, things.destroyed.get());
    }

    @Test
    void suspectAllValidatesEveryObjectMadeBeforeItOnceBeforeLendingItAgain() {
        Pool<Thing> pool = build(builder().maxSize(3).validateAfterIdle(Pool.NEVER)
                .housekeepingInterval(Duration.ofHours(1)));
        Lease<Thing> a = pool.borrow();
        Lease<Thing> b = pool.borrow();
        Thing dead = a.get();
        Thing alive = b.get();
        a.close();
        b.close();
        dead.broken = true; // what a database restart does to every connection; validate() tells
        assertEquals(0, things.validations.get());
        pool.suspectAll();
        List<Lease<Thing>> held = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            held.add(pool.borrow());
        }
        List<Thing> lent = held.stream().map(Lease::get).toList();
        assertFalse(lent.contains(dead), "the broken one was found out before it was lent");
        assertTrue(lent.contains(alive));
        assertTrue(dead.destroyed || waitUntil(() -> dead.destroyed), "destroyed (possibly by the background destroyer)");
        assertEquals(2, things.validations.get(), "the two suspects, once each (by a borrower or the housekeeper)");
        held.forEach(Lease::close);
        for (int i = 0; i < 3; i++) {
            held.set(i, pool.borrow());
        }
        held.forEach(Lease::close);
        assertEquals(2, things.validations.get(), "validated once, then trusted again");
    }

    @Test
    void anObjectFoundInvalidOnBorrowMakesEveryOtherIdleOneSuspectAndTheHousekeeperRetiresTheBrokenOnes()
            throws InterruptedException {
        // validation on every borrow: no borrower sees an error, so the failed validation is the only signal
        Pool<Thing> pool = build(builder().maxSize(4).minIdle(4).validateAfterIdle(Duration.ZERO)
                .housekeepingInterval(Duration.ofHours(1)));
        List<Lease<Thing>> held = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            held.add(pool.borrow());
        }
        List<Thing> killed = held.stream().map(Lease::get).toList();
        held.forEach(Lease::close);
        killed.forEach(thing -> thing.broken = true); // a restart kills them all
        // a try-borrow scans twice: it finds at most two of the four broken, and leaves the others idle
        try (Lease<Thing> lease = pool.borrow(Duration.ZERO)) {
            assertFalse(killed.contains(lease.get()), "a broken object was lent");
        } catch (PoolTimeoutException expected) {
            // two broken ones found, no replacement made yet
        }
        assertTrue(TestHooks.awaitHousekeeper(pool));
        for (Thing thing : killed) {
            assertTrue(thing.destroyed, thing + ", found by no borrower, is retired in the background");
        }
    }

    @Test
    void evictingALeaseDestroysItsObjectAndAReplacementIsMade() {
        Pool<Thing> pool = build(builder().maxSize(1));
        Lease<Thing> lease = pool.borrow();
        Thing broken = lease.get();
        lease.evict();
        try (Lease<Thing> next = pool.borrow()) {
            assertNotSame(broken, next.get());
        }
        assertTrue(broken.destroyed || waitUntil(() -> broken.destroyed));
        assertEquals(2, things.created.get());
    }

    @Test
    void evictingAnIdleObjectDestroysItAtOnceAndALentOneOnReturn() {
        Pool<Thing> pool = build(builder().maxSize(2));
        Lease<Thing> a = pool.borrow();
        Lease<Thing> b = pool.borrow();
        Thing idle = a.get();
        Thing lent = b.get();
        a.close();
        assertTrue(pool.evict(idle));
        assertTrue(waitUntil(() -> idle.destroyed));
        assertTrue(pool.evict(lent));
        assertFalse(lent.destroyed, "still lent");
        b.close();
        assertTrue(waitUntil(() -> lent.destroyed));
        assertFalse(pool.evict(new Thing(-1)));
        assertFalse(pool.evict(idle), "already gone");
    }

    @Test
    void evictAllReplacesEveryObjectSoftly() {
        Pool<Thing> pool = build(builder().maxSize(2));
        Lease<Thing> a = pool.borrow();
        Lease<Thing> b = pool.borrow();
        Thing lent = b.get();
        a.close();
        pool.evictAll();
        assertTrue(waitUntil(() -> things.destroyed.get() == 1));
        assertFalse(lent.destroyed);
        b.close();
        assertTrue(waitUntil(() -> lent.destroyed));
        try (Lease<Thing> c = pool.borrow()) {
            assertTrue(c.get().id > 2);
        }
    }

    @Test
    void resizeGrowsAndShrinksAtRunTime() {
        Pool<Thing> pool = build(builder().maxSize(1));
        Lease<Thing> a = pool.borrow();
        assertThrows(PoolTimeoutException.class, () -> pool.borrow(Duration.ZERO));
        pool.resize(3, 0);
        Lease<Thing> b = pool.borrow();
        Lease<Thing> c = pool.borrow();
        assertEquals(3, pool.metrics().inUse());
        assertEquals(3, pool.metrics().maxSize());
        pool.resize(1, 0);
        a.close();
        b.close();
        c.close();
        assertTrue(waitUntil(() -> things.destroyed.get() == 2));
        assertEquals(1, pool.metrics().size());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> pool.resize(0, 0));
        assertEquals("maxSize must be >= 1 but was 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> pool.resize(2, 3));
        assertEquals("minIdle must be >= 0 and <= maxSize (2) but was 3", e.getMessage());
    }

    @Test
    void minIdleIsFilledInTheBackground() {
        Pool<Thing> pool = build(builder().maxSize(5).minIdle(3));
        assertTrue(waitUntil(() -> pool.metrics().idle() == 3));
        assertEquals(3, things.created.get());
        pool.resize(5, 4);
        assertTrue(waitUntil(() -> pool.metrics().idle() == 4));
    }

    @Test
    void aResetFailureDestroysTheObject() {
        Pool<Thing> pool = build(builder().maxSize(1));
        Lease<Thing> lease = pool.borrow();
        Thing thing = lease.get();
        things.failReset = true;
        lease.close();
        assertTrue(waitUntil(() -> thing.destroyed));
        things.failReset = false;
        try (Lease<Thing> next = pool.borrow()) {
            assertNotSame(thing, next.get());
        }
    }

    @Test
    void listenerHearsCreationDestructionWaitsAndTimeouts() {
        List<String> heard = new CopyOnWriteArrayList<>();
        PoolListener listener = new PoolListener() {
            @Override
            public void onCreated(String pool, Duration took) {
                heard.add("created " + pool);
            }

            @Override
            public void onDestroyed(String pool, String reason) {
                heard.add("destroyed " + reason);
            }

            @Override
            public void onBorrowTimedOut(String pool, Duration waited) {
                heard.add("timeout");
            }

            @Override
            public void onCreateFailed(String pool, Throwable failure, int consecutive) {
                heard.add("failed " + consecutive);
                throw new IllegalStateException("a throwing listener is ignored");
            }
        };
        Pool<Thing> pool = build(builder().maxSize(1).listener(listener));
        Lease<Thing> lease = pool.borrow();
        assertThrows(PoolTimeoutException.class, () -> pool.borrow(Duration.ZERO));
        lease.evict();
        assertTrue(waitUntil(() -> heard.contains("destroyed evicted")));
        assertTrue(heard.contains("created test"), heard.toString());
        assertTrue(heard.contains("timeout"), heard.toString());
        things.failCreate.set(true);
        assertThrows(PoolTimeoutException.class, () -> pool.borrow(Duration.ofMillis(50)));
        assertTrue(waitUntil(() -> heard.contains("failed 1")), heard.toString());
    }

    private final ExecutorService threads = Executors.newCachedThreadPool();

    /** Runs on a thread of its own (the common pool may have a single worker on a 2-core machine). */
    private <V> CompletableFuture<V> async(java.util.function.Supplier<V> task) {
        return CompletableFuture.supplyAsync(task, threads);
    }

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    /**
     * Advances the ticker a second at a time until {@code future} completes, for a background thread that waits on
     * the ticker (the creator's back-off) from a moment the test cannot know; at most 10 s of real time.
     */
    static <V> V advanceUntilDone(FakeTicker ticker, Future<V> future) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        for (;;) {
            ticker.advance(Duration.ofSeconds(1));
            try {
                return future.get(20, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                if (System.nanoTime() - deadline > 0) {
                    throw e;
                }
            }
        }
    }

    /**
     * A waiter that has its object is served: the creator makes one object per borrower that waited, not one more
     * for a waiter caught between taking its object and leaving the queue (which made a pool of four create a fifth
     * request's object, and made {@code PoolListenerTest}'s count of waits differ between runs).
     */
    @Test
    void theCreatorMakesOneObjectPerWaiterNotOneMore() throws Exception {
        ExecutorService borrowers = Executors.newFixedThreadPool(4);
        try {
            for (int round = 0; round < 40; round++) {
                Things counted = new Things();
                Pool<Thing> pool = build(Pool.builder(counted).name("served").maxSize(8)
                        .borrowTimeout(Duration.ofSeconds(5)));
                CountDownLatch allHold = new CountDownLatch(4);
                CountDownLatch release = new CountDownLatch(1);
                List<Future<?>> held = new ArrayList<>();
                for (int b = 0; b < 4; b++) {
                    held.add(borrowers.submit(() -> {
                        try (Lease<Thing> lease = pool.borrow()) {
                            allHold.countDown();
                            assertTrue(release.await(10, TimeUnit.SECONDS));
                            return lease.get();
                        }
                    }));
                }
                assertTrue(allHold.await(10, TimeUnit.SECONDS));
                Thread.sleep(3); // what a stray creation needs to begin
                int calls = counted.createCalls.get();
                release.countDown();
                for (Future<?> f : held) {
                    f.get(10, TimeUnit.SECONDS);
                }
                assertEquals(4, calls, "round " + round + ": four waiters, " + pool.metrics());
                pool.close(Duration.ZERO);
            }
        } finally {
            borrowers.shutdownNow();
        }
    }

    static boolean waitUntil(java.util.function.BooleanSupplier condition) {
        return assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            while (!condition.getAsBoolean()) {
                Thread.sleep(1);
            }
            return true;
        });
    }

    @Test
    void backgroundThreadsComeFromTheGivenFactoryOrAreNamedDaemons() throws Exception {
        List<Thread> made = new CopyOnWriteArrayList<>();
        Pool<Thing> pool = build(builder().threadFactory(task -> {
            Thread thread = new Thread(task, "app-pool-" + made.size());
            thread.setDaemon(true);
            made.add(thread);
            return thread;
        }));
        pool.borrow().close();
        assertEquals(2, made.size(), "a creator and a housekeeper");
        Pool<Thing> named = build(builder().name("named"));
        named.borrow().close();
        List<String> names = new ArrayList<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().endsWith("-named")) {
                assertTrue(thread.isDaemon());
                names.add(thread.getName());
            }
        }
        java.util.Collections.sort(names);
        assertEquals(List.of("mainstay-pool-create-named", "mainstay-pool-housekeeper-named"), names);
    }

    @Test
    void maintainOnAFreshPoolDoesNothing() {
        Pool<Thing> pool = build(builder());
        TestHooks.maintain(pool);
        assertEquals(0, pool.metrics().size());
        CountDownLatch unused = new CountDownLatch(0);
        assertEquals(0, unused.getCount());
    }
}
