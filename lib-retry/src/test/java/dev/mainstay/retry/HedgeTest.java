package dev.mainstay.retry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class HedgeTest {

    private static final long MS = 1_000_000L;

    /** Attempts the test completes by hand. */
    static final class Attempts {
        final List<CompletableFuture<String>> started = new ArrayList<>();

        Hedge.IdempotentStage<String> call() {
            return Hedge.idempotentAsync(() -> {
                CompletableFuture<String> attempt = new CompletableFuture<>();
                started.add(attempt);
                return attempt;
            });
        }

        CompletableFuture<String> get(int i) {
            return started.get(i);
        }
    }

    private static Hedge.Builder fixed(ManualScheduler scheduler, long delayMillis) {
        return Hedge.builder().delay(Duration.ofMillis(delayMillis)).scheduler(scheduler).ticker(scheduler);
    }

    @Test
    void aSlowFirstAttemptIsHedgedAndTheWinnerCancelsTheLoser() throws Exception {
        ManualScheduler scheduler = new ManualScheduler(Long.MAX_VALUE - 5 * MS);
        Hedge hedge = fixed(scheduler, 10).build();
        Attempts attempts = new Attempts();
        CompletableFuture<String> result = hedge.getAsync(attempts.call());
        assertEquals(1, attempts.started.size());
        scheduler.advance(10 * MS - 1);
        assertEquals(1, attempts.started.size(), "not a nanosecond early");
        scheduler.advance(1);
        assertEquals(2, attempts.started.size());
        attempts.get(1).complete("from the hedge");
        assertEquals("from the hedge", Waits.get(result));
        assertTrue(attempts.get(0).isCancelled());
        assertEquals(new Hedge.Metrics(1, 1, 1, 1, 0), hedge.metrics());
        assertEquals(0, scheduler.pending());
    }

    @Test
    void aFastFirstAttemptNeedsNoHedgeAndLeavesNoTimer() throws Exception {
        ManualScheduler scheduler = new ManualScheduler(0);
        Hedge hedge = fixed(scheduler, 10).maxHedges(3).build();
        Attempts attempts = new Attempts();
        CompletableFuture<String> result = hedge.getAsync(attempts.call());
        assertEquals(1, scheduler.pending());
        attempts.get(0).complete("fast");
        assertEquals("fast", Waits.get(result));
        assertEquals(0, scheduler.pending());
        assertEquals(new Hedge.Metrics(1, 0, 0, 0, 0), hedge.metrics());
        assertEquals("done", Waits.get(hedge.getAsync(
                Hedge.idempotentAsync(() -> CompletableFuture.completedFuture("done")))));
        assertEquals(0, scheduler.pending(), "a stage already done schedules nothing");
    }

    @Test
    void hedgesStartOneDelayApartUpToTheMaximum() throws Exception {
        ManualScheduler scheduler = new ManualScheduler(-100 * MS);
        Hedge hedge = fixed(scheduler, 10).maxHedges(2).build();
        Attempts attempts = new Attempts();
        CompletableFuture<String> result = hedge.getAsync(attempts.call());
        scheduler.advance(10 * MS);
        assertEquals(2, attempts.started.size());
        scheduler.advance(10 * MS);
        assertEquals(3, attempts.started.size());
        scheduler.advance(100 * MS);
        assertEquals(3, attempts.started.size(), "no more than maxHedges");
        attempts.get(0).complete("first, at last");
        assertEquals("first, at last", Waits.get(result));
        assertTrue(attempts.get(1).isCancelled() && attempts.get(2).isCancelled());
        assertEquals(new Hedge.Metrics(1, 2, 0, 2, 0), hedge.metrics());
    }

    @Test
    void aFailureStartsTheNextHedgeAtOnceAndTheLastFailureCarriesTheOthers() {
        ManualScheduler scheduler = new ManualScheduler(0);
        Hedge hedge = fixed(scheduler, 10).maxHedges(2).build();
        Attempts attempts = new Attempts();
        CompletableFuture<String> result = hedge.getAsync(attempts.call());
        IOException first = new IOException("first");
        attempts.get(0).completeExceptionally(first);
        assertEquals(2, attempts.started.size(), "started at once, no wait");
        attempts.get(1).completeExceptionally(new IOException("second"));
        assertEquals(3, attempts.started.size());
        assertFalse(result.isDone());
        IOException third = new IOException("third");
        attempts.get(2).completeExceptionally(third);
        ExecutionException e = assertThrows(ExecutionException.class, result::get);
        assertSame(third, e.getCause());
        assertEquals("second", third.getSuppressed()[0].getMessage());
        assertSame(first, third.getSuppressed()[0].getSuppressed()[0]);
        assertEquals(0, scheduler.pending());
    }

    @Test
    void theBudgetStopsHedges() throws Exception {
        ManualScheduler scheduler = new ManualScheduler(0);
        RetryBudget budget = RetryBudget.builder().capacity(10).retryCost(10).successRefund(1).build();
        Hedge hedge = fixed(scheduler, 10).budget(budget).build();
        Attempts attempts = new Attempts();
        CompletableFuture<String> first = hedge.getAsync(attempts.call());
        scheduler.advance(10 * MS);
        assertEquals(2, attempts.started.size(), "the budget paid for one hedge");
        attempts.get(1).complete("a");
        assertEquals("a", Waits.get(first));
        assertEquals(1, budget.availableTokens(), "10 - 10 + 1 refund");
        CompletableFuture<String> second = hedge.getAsync(attempts.call());
        scheduler.advance(10 * MS);
        assertEquals(3, attempts.started.size(), "no tokens: no hedge");
        assertFalse(second.isDone());
        attempts.get(2).complete("b");
        assertEquals("b", Waits.get(second));
        assertEquals(new Hedge.Metrics(2, 1, 1, 1, 1), hedge.metrics());
        assertEquals(0, scheduler.pending());
    }

    @Test
    void aRefusedHedgeAfterEveryAttemptFailedFailsTheCall() {
        ManualScheduler scheduler = new ManualScheduler(0);
        RetryBudget budget = RetryBudget.builder().capacity(5).retryCost(5).build();
        assertTrue(budget.tryAcquireRetry());
        Hedge hedge = fixed(scheduler, 10).budget(budget).build();
        Attempts attempts = new Attempts();
        CompletableFuture<String> result = hedge.getAsync(attempts.call());
        attempts.get(0).completeExceptionally(new IOException("down"));
        assertTrue(result.isCompletedExceptionally());
        assertEquals(1, attempts.started.size());
        assertEquals(0, scheduler.pending());
    }

    @Test
    void theDelayFollowsTheObservedPercentile() throws Exception {
        ManualScheduler scheduler = new ManualScheduler(Long.MAX_VALUE - 50 * MS);
        Hedge hedge = Hedge.builder().delayPercentile(90, Duration.ofMillis(50)).scheduler(scheduler).ticker(scheduler)
                .build();
        assertEquals(50 * MS, hedge.currentDelayNanos(), "the initial delay until 100 samples");
        for (int i = 0; i < 200; i++) {
            Attempts attempts = new Attempts();
            CompletableFuture<String> result = hedge.getAsync(attempts.call());
            scheduler.advance((i % 10 == 9 ? 20 : 4) * MS);   // 90 % answer in 4 ms, 10 % in 20 ms
            attempts.get(0).complete("ok");
            Waits.get(result);
        }
        long delay = hedge.currentDelayNanos();
        assertTrue(delay >= 4 * MS && delay <= 4.5 * MS, "p90 of 4 ms and 20 ms calls: " + delay);
        assertTrue(hedge.metrics().hedges() <= 20, "once learned, only the slow tenth is hedged: " + hedge.metrics());
    }

    @Test
    void cancellingTheCallCancelsEveryAttemptAndTheTimer() {
        ManualScheduler scheduler = new ManualScheduler(0);
        Hedge hedge = fixed(scheduler, 10).build();
        Attempts attempts = new Attempts();
        CompletableFuture<String> result = hedge.getAsync(attempts.call());
        scheduler.advance(10 * MS);
        assertTrue(result.cancel(true));
        assertTrue(attempts.get(0).isCancelled() && attempts.get(1).isCancelled());
        assertEquals(2, hedge.metrics().cancelled());
        assertEquals(0, scheduler.pending());
    }

    @Test
    void syncCallInterruptsTheLoser() throws Exception {
        ExecutorService executor = Executors.newFixedThreadPool(2);
        CountDownLatch interrupted = new CountDownLatch(1);
        AtomicInteger attempt = new AtomicInteger();
        try (Hedge hedge = Hedge.builder().delay(Duration.ZERO).executor(executor).build()) {
            String result = hedge.call(Hedge.idempotent(() -> {
                if (attempt.getAndIncrement() == 0) {
                    try {
                        new CountDownLatch(1).await(Waits.SECONDS, TimeUnit.SECONDS); // interrupted long before
                    } catch (InterruptedException e) {
                        interrupted.countDown();
                    }
                    return "slow";
                }
                return "hedge";
            }));
            assertEquals("hedge", result);
            assertTrue(interrupted.await(10, TimeUnit.SECONDS), "the slow attempt was interrupted");
            // the loser is counted by the winner's thread after the result is handed over: wait for it
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (hedge.metrics().cancelled() == 0 && System.nanoTime() < until) {
                Thread.sleep(1);
            }
            assertEquals(1, hedge.metrics().cancelled());
            assertEquals(0, hedge.pendingTimers());
            IOException boom = new IOException("boom");
            IOException thrown = assertThrows(IOException.class, () -> hedge.call(Hedge.idempotent(() -> {
                throw boom;
            })));
            assertSame(boom, thrown, "both attempts threw the same instance: the last failure is rethrown as is");
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void syncCallWithoutExecutorSaysHowToFixIt() {
        Hedge hedge = Hedge.builder().delay(Duration.ofMillis(1)).build();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> hedge.call(Hedge.idempotent(() -> "x")));
        assertEquals("hedge 'hedge' has no executor for synchronous calls; set one with "
                + "Hedge.Builder.executor(...), or use getAsync", e.getMessage());
    }
}
