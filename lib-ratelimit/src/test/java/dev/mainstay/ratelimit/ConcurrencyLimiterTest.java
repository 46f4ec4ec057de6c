package dev.mainstay.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mainstay.ratelimit.ConcurrencyLimiterListener.Outcome;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConcurrencyLimiterTest {

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    @Test
    void aFixedLimitGrantsUpToTheLimitThenRefusesWithTheOneSharedRefusal() {
        ConcurrencyLimiter limiter = ConcurrencyLimiter.of(ConcurrencyLimit.fixed(3));
        List<Permit> held = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Permit permit = limiter.tryAcquire();
            assertTrue(permit.isGranted());
            held.add(permit);
        }
        assertEquals(3, limiter.inFlight());
        Permit refused = limiter.tryAcquire();
        assertFalse(refused.isGranted());
        assertSame(refused, limiter.tryAcquire(), "a refusal allocates nothing: always the same object");
        assertFalse(refused.success());
        refused.close();
        assertEquals(3, limiter.inFlight());
        assertNotSame(held.get(0), held.get(1));
        assertTrue(held.get(0).success());
        assertEquals(2, limiter.inFlight());
        assertTrue(limiter.tryAcquire().isGranted());
        assertEquals(3, limiter.limit());
    }

    @Test
    void aPermitReleasesOnceAndAStalePermitNeverFreesTheNextHoldersSlot() {
        ConcurrencyLimiter limiter = ConcurrencyLimiter.of(ConcurrencyLimit.fixed(1));
        Permit first = limiter.tryAcquire();
        first.close();
        Permit second = limiter.tryAcquire();
        assertTrue(second.isGranted(), "the slot the first gave back");
        first.close();
        assertFalse(first.success());
        assertFalse(first.dropped());
        assertFalse(first.ignored());
        assertEquals(1, limiter.inFlight(), "the stale permit freed nothing");
        assertFalse(limiter.tryAcquire().isGranted(), "the second still holds the only slot");
        assertTrue(second.dropped());
        assertFalse(second.success());
        assertEquals(0, limiter.inFlight());
    }

    @Test
    void aPermitClosedAfterTheLimitChangedGivesBackItsOwnSlotOnly() {
        FakeTicker ticker = new FakeTicker(Long.MAX_VALUE - 1_000);
        ConcurrencyLimiter limiter = ConcurrencyLimiter.builder(ConcurrencyLimit.aimd().withInitialLimit(10)
                        .withMinLimit(1).withBackoffRatio(0.5).withTimeout(Duration.ofSeconds(1)))
                .ticker(ticker).partition("live", 0.4).build();
        ConcurrencyLimiter live = limiter.partition("live");
        List<Permit> held = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            held.add(live.tryAcquire());
        }
        for (int i = 0; i < 5; i++) {
            held.add(limiter.tryAcquire());
        }
        assertTrue(held.stream().allMatch(Permit::isGranted));
        assertEquals(8, limiter.inFlight());
        assertEquals(4, live.limit(), "the partition's share of 10");
        ticker.advance(500);
        for (int i = 0; i < 1_000 && limiter.limit() == 10; i++) {
            Permit overloaded = limiter.tryAcquire();
            assertTrue(overloaded.dropped());                   // overload: once per window the limit halves
        }
        assertEquals(5, limiter.limit());
        assertEquals(2, live.limit(), "the share shrank with it");
        assertEquals(8, limiter.inFlight());
        assertEquals(3, live.inFlight());
        for (Permit permit : held) {
            permit.close();                                     // granted under the old limit, closed under the new
            permit.close();
        }
        assertFalse(held.get(7).success(), "released once, by the first close()");
        assertEquals(0, limiter.inFlight(), "every permit gave back exactly its own slot: none twice, none lost");
        assertEquals(0, live.inFlight());
        int granted = 0;
        while (limiter.tryAcquire().isGranted()) {
            granted++;
        }
        assertEquals(limiter.limit(), granted, "exactly the new limit can be held, no slot more");
    }

    @Test
    void threadsClosingOnePermitTogetherReleaseItExactlyOnce() throws Exception {
        ConcurrencyLimiter limiter = ConcurrencyLimiter.of(ConcurrencyLimit.fixed(2));
        for (int round = 0; round < 200; round++) {
            Permit shared = limiter.tryAcquire();
            Permit other = limiter.tryAcquire();
            assertTrue(shared.isGranted() && other.isGranted());
            AtomicInteger released = new AtomicInteger();
            CountDownLatch start = new CountDownLatch(1);
            Thread[] threads = new Thread[4];
            for (int t = 0; t < threads.length; t++) {
                int kind = t;
                threads[t] = new Thread(() -> {
                    try {
                        if (!start.await(10, TimeUnit.SECONDS)) {
                            return;
                        }
                    } catch (InterruptedException e) {
                        return;
                    }
                    boolean mine = switch (kind) {
                        case 0 -> shared.success();
                        case 1 -> shared.dropped();
                        case 2 -> shared.ignored();
                        default -> {
                            shared.close();
                            yield false;
                        }
                    };
                    if (mine) {
                        released.incrementAndGet();
                    }
                });
                threads[t].start();
            }
            start.countDown();
            for (Thread thread : threads) {
                thread.join(10_000);
                assertFalse(thread.isAlive(), "a closing thread hung");
            }
            assertTrue(released.get() <= 1);
            assertEquals(1, limiter.inFlight(), "round " + round + ": only the shared permit's slot came back");
            other.close();
            assertEquals(0, limiter.inFlight());
        }
    }

    @Test
    void refusalsAndListenersAreReportedAndAThrowingListenerChangesNothing() {
        FakeTicker ticker = new FakeTicker(Long.MAX_VALUE - 50);
        List<String> heard = new CopyOnWriteArrayList<>();
        ConcurrencyLimiterListener throwing = new ConcurrencyLimiterListener() {
            @Override
            public void onAcquired(String limiter, String partition, int inFlight, long waitedNanos) {
                heard.add("acquired " + inFlight);
                throw new IllegalStateException("listener bug");
            }

            @Override
            public void onRejected(String limiter, String partition, int inFlight, int limit) {
                heard.add("rejected " + inFlight + "/" + limit);
                throw new IllegalStateException("listener bug");
            }

            @Override
            public void onReleased(String limiter, String partition, Outcome outcome, long rttNanos) {
                heard.add("released " + outcome + " " + rttNanos);
                throw new IllegalStateException("listener bug");
            }
        };
        ConcurrencyLimiter limiter = ConcurrencyLimiter.builder(ConcurrencyLimit.fixed(1))
                .name("db").ticker(ticker).listener(throwing).build();
        Permit permit = limiter.tryAcquire();
        assertTrue(permit.isGranted());
        assertFalse(limiter.tryAcquire().isGranted());
        ticker.advance(120); // crosses Long.MAX_VALUE
        assertTrue(permit.dropped());
        assertEquals(List.of("acquired 1", "rejected 1/1", "released DROPPED 120"), heard);
        assertEquals(0, limiter.inFlight());
    }

    @Test
    void decoratorsReleaseAndClassifyOutcomes() throws Exception {
        List<Outcome> outcomes = new CopyOnWriteArrayList<>();
        ConcurrencyLimiter limiter = ConcurrencyLimiter.builder(ConcurrencyLimit.fixed(1))
                .listener(new ConcurrencyLimiterListener() {
                    @Override
                    public void onReleased(String limiter, String partition, Outcome outcome, long rttNanos) {
                        outcomes.add(outcome);
                    }
                })
                .build();
        assertEquals("ok", limiter.get(() -> "ok"));
        assertEquals(7, limiter.call(() -> 7));
        AtomicInteger ran = new AtomicInteger();
        limiter.run(ran::incrementAndGet);
        assertEquals(1, ran.get());
        assertThrows(TimeoutException.class, () -> limiter.call(() -> {
            throw new TimeoutException("slow");
        }));
        assertThrows(SocketTimeoutException.class, () -> limiter.call(() -> {
            throw new SocketTimeoutException("slow");
        }));
        assertThrows(IOException.class, () -> limiter.call(() -> {
            throw new IOException("not about load");
        }));
        assertThrows(IllegalStateException.class, () -> limiter.get(() -> {
            throw new IllegalStateException("bug");
        }));
        assertEquals(List.of(Outcome.SUCCESS, Outcome.SUCCESS, Outcome.SUCCESS, Outcome.DROPPED, Outcome.DROPPED,
                Outcome.IGNORED, Outcome.IGNORED), outcomes);
        assertEquals(0, limiter.inFlight());

        try (Permit held = limiter.tryAcquire()) {
            assertTrue(held.isGranted());
            ConcurrencyLimitedException refused =
                    assertThrows(ConcurrencyLimitedException.class, () -> limiter.get(() -> "never"));
            assertEquals(1, refused.limit());
            assertEquals(1, refused.inFlight());
            assertInstanceOf(RateLimitException.class, refused);
            assertThrows(ConcurrencyLimitedException.class, () -> limiter.call(() -> "never"));
            assertThrows(ConcurrencyLimitedException.class, () -> limiter.run(() -> {}));
            ExecutionException async = assertThrows(ExecutionException.class,
                    () -> limiter.getAsync(() -> CompletableFuture.completedFuture("never")).get(10, TimeUnit.SECONDS));
            assertInstanceOf(ConcurrencyLimitedException.class, async.getCause());
        }
        assertEquals(0, limiter.inFlight());
    }

    @Test
    void getAsyncHoldsTheSlotUntilTheStageCompletes() throws Exception {
        ConcurrencyLimiter limiter = ConcurrencyLimiter.of(ConcurrencyLimit.fixed(1));
        CompletableFuture<String> call = new CompletableFuture<>();
        CompletableFuture<String> result = limiter.getAsync(() -> call);
        assertEquals(1, limiter.inFlight());
        call.complete("done");
        assertEquals("done", result.get(10, TimeUnit.SECONDS));
        assertEquals(0, limiter.inFlight());
        CompletableFuture<String> failing = limiter.getAsync(() -> CompletableFuture.failedFuture(new IOException("x")));
        assertInstanceOf(IOException.class, assertThrows(ExecutionException.class,
                () -> failing.get(10, TimeUnit.SECONDS)).getCause());
        assertEquals(0, limiter.inFlight());
        assertThrows(ExecutionException.class, () -> limiter.getAsync(() -> {
            throw new IllegalStateException("could not start");
        }).get(10, TimeUnit.SECONDS));
        assertEquals(0, limiter.inFlight());
    }

    @Test
    void decoratorsWaitUpToMaxWait() throws Exception {
        ConcurrencyLimiter limiter = ConcurrencyLimiter.builder(ConcurrencyLimit.fixed(1))
                .maxWait(Duration.ofSeconds(10)).build();
        Permit held = limiter.tryAcquire();
        CompletableFuture<String> waiting = CompletableFuture.supplyAsync(() -> limiter.get(() -> "served"));
        awaitWaiting(limiter, 1);
        held.close();
        assertEquals("served", waiting.get(10, TimeUnit.SECONDS));
        assertEquals(0, limiter.inFlight());
    }

    @Test
    void acquireTimesOutWithARefusal() throws Exception {
        ConcurrencyLimiter limiter = ConcurrencyLimiter.of(ConcurrencyLimit.fixed(1));
        Permit held = limiter.tryAcquire();
        Permit late = limiter.acquire(Duration.ofMillis(30));
        assertFalse(late.isGranted());
        assertFalse(limiter.acquire(Duration.ZERO).isGranted());
        assertEquals(0, limiter.waiting());
        held.close();
        Permit now = limiter.acquire(Duration.ofMillis(30));
        assertTrue(now.isGranted());
        now.close();
        assertThrows(IllegalArgumentException.class, () -> limiter.acquire(Duration.ofMillis(-1)));
    }

    @Test
    void waitersAreServedFirstComeFirstServedAndTryAcquireDoesNotJumpTheQueue() throws Exception {
        ConcurrencyLimiter limiter = ConcurrencyLimiter.of(ConcurrencyLimit.fixed(1));
        Permit held = limiter.tryAcquire();
        List<Integer> order = new CopyOnWriteArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            int id = i;
            Thread thread = new Thread(() -> {
                try (Permit permit = limiter.acquire(Duration.ofSeconds(30))) {
                    assertTrue(permit.isGranted());
                    order.add(id);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            thread.start();
            threads.add(thread);
            awaitWaiting(limiter, i + 1);
        }
        held.close();
        for (Thread thread : threads) {
            thread.join(30_000);
        }
        assertEquals(List.of(0, 1, 2, 3), order);
        assertEquals(0, limiter.inFlight());
        assertEquals(0, limiter.waiting());
    }

    @Test
    void tryAcquireIsRefusedWhileSomeoneWaits() throws Exception {
        ConcurrencyLimiter limiter = ConcurrencyLimiter.of(ConcurrencyLimit.fixed(1));
        Permit held = limiter.tryAcquire();
        CompletableFuture<Permit> queued = limiter.acquireAsync(Duration.ofSeconds(30), scheduler);
        assertFalse(queued.isDone());
        assertEquals(1, limiter.waiting());
        held.close();
        Permit handed = queued.get(10, TimeUnit.SECONDS);
        assertTrue(handed.isGranted(), "the slot went to the waiter, not to a newcomer");
        assertFalse(limiter.tryAcquire().isGranted());
        handed.close();
        assertEquals(0, limiter.inFlight());
    }

    @Test
    void anInterruptedWaiterThrowsHoldsNothingAndLeavesTheQueue() throws Exception {
        ConcurrencyLimiter limiter = ConcurrencyLimiter.of(ConcurrencyLimit.fixed(1));
        Permit held = limiter.tryAcquire();
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Thread waiter = new Thread(() -> {
            try {
                limiter.acquire(Duration.ofSeconds(30));
                outcome.complete(null);
            } catch (Throwable t) {
                outcome.complete(t);
            }
        });
        waiter.start();
        awaitWaiting(limiter, 1);
        waiter.interrupt();
        assertInstanceOf(InterruptedException.class, outcome.get(10, TimeUnit.SECONDS));
        assertEquals(0, limiter.waiting());
        assertEquals(1, limiter.inFlight());
        held.close();
        assertEquals(0, limiter.inFlight());
        Thread.currentThread().interrupt();
        assertThrows(InterruptedException.class, () -> limiter.acquire(Duration.ofSeconds(1)));
        assertFalse(Thread.interrupted());
    }

    @Test
    void asyncWaitsTimeOutOrAreCancelledAndASlotHandedToACancelledWaiterComesBack() throws Exception {
        ConcurrencyLimiter limiter = ConcurrencyLimiter.of(ConcurrencyLimit.fixed(1));
        Permit held = limiter.tryAcquire();
        Permit timedOut = limiter.acquireAsync(Duration.ofMillis(20), scheduler).get(10, TimeUnit.SECONDS);
        assertFalse(timedOut.isGranted());
        CompletableFuture<Permit> cancelled = limiter.acquireAsync(Duration.ofSeconds(30), scheduler);
        assertEquals(1, limiter.waiting());
        cancelled.cancel(false);
        assertEquals(0, limiter.waiting());
        held.close();
        assertEquals(0, limiter.inFlight());
        assertTrue(limiter.acquireAsync(Duration.ZERO, scheduler).get(10, TimeUnit.SECONDS).isGranted());
        assertFalse(limiter.acquireAsync(Duration.ZERO, scheduler).get(10, TimeUnit.SECONDS).isGranted());
    }

    @Test
    void partitionsGetTheirShareAndBorrowTheRest() {
        ConcurrencyLimiter limiter = ConcurrencyLimiter.builder(ConcurrencyLimit.fixed(10))
                .partition("live", 0.7)
                .partition("batch", 0.3)
                .build();
        ConcurrencyLimiter live = limiter.partition("live");
        ConcurrencyLimiter batch = limiter.partition("batch");
        assertEquals(7, live.limit());
        assertEquals(3, batch.limit());
        assertEquals("batch", batch.name());
        List<Permit> batchPermits = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Permit permit = batch.tryAcquire();
            assertTrue(permit.isGranted(), "batch borrows the idle live share: " + i);
            batchPermits.add(permit);
        }
        assertFalse(batch.tryAcquire().isGranted());
        assertFalse(limiter.tryAcquire().isGranted());
        for (int i = 0; i < 7; i++) {
            assertTrue(live.tryAcquire().isGranted(), "live always gets its share: " + i);
        }
        assertFalse(live.tryAcquire().isGranted());
        assertEquals(17, limiter.inFlight());
        for (Permit permit : batchPermits) {
            permit.close();
        }
        assertEquals(0, batch.inFlight());
        assertEquals(7, live.inFlight());
        assertTrue(batch.tryAcquire().isGranted());
        assertSame(live, limiter.partition("live").partition("live"));
        assertThrows(IllegalArgumentException.class, () -> limiter.partition("other"));
    }

    @Test
    void builderChecksEverySetting() {
        ConcurrencyLimiter.Builder builder = ConcurrencyLimiter.builder(ConcurrencyLimit.fixed(1));
        assertThrows(NullPointerException.class, () -> ConcurrencyLimiter.builder(null));
        assertThrows(IllegalArgumentException.class, () -> builder.name(" "));
        assertThrows(NullPointerException.class, () -> builder.name(null));
        assertThrows(IllegalArgumentException.class, () -> builder.maxWait(Duration.ofMillis(-1)));
        assertThrows(NullPointerException.class, () -> builder.maxWait(null));
        assertThrows(NullPointerException.class, () -> builder.ticker(null));
        assertThrows(NullPointerException.class, () -> builder.listener(null));
        assertThrows(NullPointerException.class, () -> builder.dropOn(null));
        assertThrows(IllegalArgumentException.class, () -> builder.partition("a", 0));
        assertThrows(IllegalArgumentException.class, () -> builder.partition("a", 1.5));
        assertThrows(IllegalArgumentException.class, () -> builder.partition(" ", 0.5));
        builder.partition("a", 0.6);
        assertThrows(IllegalArgumentException.class, () -> builder.partition("a", 0.1));
        IllegalArgumentException sum = assertThrows(IllegalArgumentException.class, () -> builder.partition("b", 0.5));
        assertTrue(sum.getMessage().contains("add up to <= 1"), sum.getMessage());
        assertEquals("concurrency-limiter", builder.config().name());
        assertEquals(Duration.ZERO, builder.config().maxWait());
    }

    @Test
    void limitsCheckEverySetting() {
        assertThrows(IllegalArgumentException.class, () -> ConcurrencyLimit.fixed(0));
        assertThrows(IllegalArgumentException.class, () -> ConcurrencyLimit.aimd().withMinLimit(0));
        assertThrows(IllegalArgumentException.class, () -> ConcurrencyLimit.aimd().withMaxLimit(10));
        assertThrows(IllegalArgumentException.class, () -> ConcurrencyLimit.aimd().withInitialLimit(1001));
        assertThrows(IllegalArgumentException.class, () -> ConcurrencyLimit.aimd().withBackoffRatio(1.0));
        assertThrows(IllegalArgumentException.class, () -> ConcurrencyLimit.aimd().withBackoffRatio(0.4));
        assertThrows(IllegalArgumentException.class, () -> ConcurrencyLimit.aimd().withTimeout(Duration.ZERO));
        assertThrows(NullPointerException.class, () -> ConcurrencyLimit.aimd().withTimeout(null));
        assertThrows(IllegalArgumentException.class, () -> ConcurrencyLimit.vegas().withSmoothing(0));
        assertThrows(IllegalArgumentException.class, () -> ConcurrencyLimit.vegas().withSmoothing(1.1));
        assertThrows(IllegalArgumentException.class, () -> ConcurrencyLimit.vegas().withProbeInterval(Duration.ofNanos(-1)));
        assertThrows(IllegalArgumentException.class, () -> ConcurrencyLimit.gradient().withProbeInterval(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> ConcurrencyLimit.gradient().withRttTolerance(0.9));
        assertThrows(IllegalArgumentException.class, () -> ConcurrencyLimit.gradient().withQueueSize(-1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ConcurrencyLimit.fixed(-3));
        assertEquals("limit must be >= 1 but was -3", e.getMessage());
        assertEquals(20, ConcurrencyLimit.gradient().initialLimit());
        assertEquals(5, ConcurrencyLimit.fixed(5).initialLimit());
    }

    static void awaitWaiting(ConcurrencyLimiter limiter, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (limiter.waiting() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waiters: " + limiter.waiting() + ", expected " + count);
            }
            Thread.sleep(1);
        }
    }
}
