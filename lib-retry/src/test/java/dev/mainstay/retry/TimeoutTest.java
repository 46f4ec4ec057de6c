package dev.mainstay.retry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TimeoutTest {

    private static final long MS = 1_000_000L;

    private static Timeout manual(ManualScheduler scheduler, long millis) {
        return Timeout.builder().name("stock").timeout(Duration.ofMillis(millis)).scheduler(scheduler).build();
    }

    @Test
    void asyncCallInTimeCompletesAndLeavesNoTimer() throws Exception {
        ManualScheduler scheduler = new ManualScheduler(Long.MAX_VALUE - 50 * MS);
        Timeout timeout = manual(scheduler, 100);
        CompletableFuture<String> work = new CompletableFuture<>();
        CompletableFuture<String> result = timeout.getAsync(() -> work);
        assertEquals(1, scheduler.pending());
        scheduler.advance(99 * MS);
        assertFalse(result.isDone());
        work.complete("ok");
        assertEquals("ok", Waits.get(result));
        assertEquals(0, scheduler.pending(), "the timer left with the call");
        assertEquals(-1, timeout.pendingTimers(), "a given scheduler is not counted by the policy");
    }

    @Test
    void asyncCallFailsAtTheDeadlineAndItsWorkIsCancelled() {
        ManualScheduler scheduler = new ManualScheduler(-5_000 * MS);
        Timeout timeout = manual(scheduler, 100);
        CompletableFuture<String> work = new CompletableFuture<>();
        CompletableFuture<String> result = timeout.getAsync(() -> work);
        scheduler.advance(100 * MS - 1);
        assertFalse(result.isDone(), "not a nanosecond early");
        scheduler.advance(1);
        ExecutionException e = assertThrows(ExecutionException.class, result::get);
        TimeoutExceededException exceeded = assertInstanceOf(TimeoutExceededException.class, e.getCause());
        assertEquals("timeout 'stock' of PT0.1S exceeded; the call was cancelled", exceeded.getMessage());
        assertEquals("stock", exceeded.policyName());
        assertEquals(Duration.ofMillis(100), exceeded.timeout());
        assertTrue(work.isCancelled(), "the work was cancelled");
        assertEquals(0, scheduler.pending());
        work.complete("late");
        assertTrue(result.isCompletedExceptionally(), "a late outcome changes nothing");
    }

    @Test
    void asyncFailurePassesThroughUnwrapped() {
        ManualScheduler scheduler = new ManualScheduler(0);
        Timeout timeout = manual(scheduler, 100);
        CompletableFuture<String> work = new CompletableFuture<>();
        CompletableFuture<String> result = timeout.getAsync(() -> work.thenApply(s -> s));
        IOException boom = new IOException("boom");
        work.completeExceptionally(boom);
        ExecutionException e = assertThrows(ExecutionException.class, result::get);
        assertSame(boom, e.getCause());
        assertEquals(0, scheduler.pending());
    }

    @Test
    void aStageAlreadyDoneNeedsNoTimerAndAThrowingSupplierFails() throws Exception {
        ManualScheduler scheduler = new ManualScheduler(0);
        Timeout timeout = manual(scheduler, 100);
        assertEquals("done", Waits.get(timeout.getAsync(() -> CompletableFuture.completedFuture("done"))));
        assertEquals(0, scheduler.pending());
        IllegalStateException boom = new IllegalStateException("no connection");
        ExecutionException e = assertThrows(ExecutionException.class, () -> Waits.get(timeout.<String>getAsync(() -> {
            throw boom;
        })));
        assertSame(boom, e.getCause());
        ExecutionException npe = assertThrows(ExecutionException.class, () -> Waits.get(timeout.getAsync(() -> null)));
        assertInstanceOf(NullPointerException.class, npe.getCause());
    }

    @Test
    void cancellingTheResultCancelsTheWorkAndTheTimer() {
        ManualScheduler scheduler = new ManualScheduler(0);
        Timeout timeout = manual(scheduler, 100);
        CompletableFuture<String> work = new CompletableFuture<>();
        CompletableFuture<String> result = timeout.getAsync(() -> work);
        assertTrue(result.cancel(true));
        assertTrue(work.isCancelled());
        assertEquals(0, scheduler.pending());
    }

    @Test
    void closedSchedulerRefusesTheTimerAndTheCallFails() {
        Timeout timeout = Timeout.of(Duration.ofSeconds(1));
        timeout.close();
        CompletableFuture<String> work = new CompletableFuture<>();
        ExecutionException e = assertThrows(ExecutionException.class, () -> Waits.get(timeout.getAsync(() -> work)));
        assertInstanceOf(RejectedExecutionException.class, e.getCause());
        assertTrue(work.isCancelled());
        timeout.close();
    }

    @Test
    void ownSchedulerHoldsOneTimerPerCallInFlightAndNoneAfter() throws Exception {
        try (Timeout timeout = Timeout.of(Duration.ofMinutes(1))) {
            assertEquals(0, timeout.pendingTimers());
            CompletableFuture<String> first = new CompletableFuture<>();
            CompletableFuture<String> second = new CompletableFuture<>();
            CompletableFuture<String> a = timeout.getAsync(() -> first);
            CompletableFuture<String> b = timeout.getAsync(() -> second);
            assertEquals(2, timeout.pendingTimers());
            first.complete("a");
            second.completeExceptionally(new IOException("b"));
            assertEquals("a", Waits.get(a));
            assertTrue(b.isCompletedExceptionally());
            assertEquals(0, timeout.pendingTimers());
        }
    }

    // ---------------------------------------------------------------- synchronous

    @Test
    void syncCallRunsOnTheExecutorAndReturnsItsOutcome() throws Exception {
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try (Timeout timeout = Timeout.builder().timeout(Duration.ofSeconds(10)).executor(executor).build()) {
            assertEquals("ok", timeout.call(() -> "ok"));
            assertEquals("ok", timeout.get(() -> "ok"));
            AtomicInteger runs = new AtomicInteger();
            timeout.run(runs::incrementAndGet);
            assertEquals(1, runs.get());
            IOException boom = new IOException("boom");
            assertSame(boom, assertThrows(IOException.class, () -> timeout.call(() -> {
                throw boom;
            })));
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void syncCallIsInterruptedAtTheDeadline() throws Exception {
        ExecutorService executor = Executors.newSingleThreadExecutor();
        CountDownLatch never = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        try (Timeout timeout = Timeout.builder().timeout(Duration.ofMillis(20)).executor(executor).build()) {
            assertThrows(TimeoutExceededException.class, () -> timeout.call(() -> {
                try {
                    never.await(Waits.SECONDS, TimeUnit.SECONDS); // interrupted long before
                } catch (InterruptedException e) {
                    interrupted.countDown();
                    throw e;
                }
                return "never";
            }));
            assertTrue(interrupted.await(10, TimeUnit.SECONDS), "the work was interrupted");
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void workThatIgnoresInterruptionKeepsItsThreadButTheCallerReturnsAtTheDeadline() throws Exception {
        ExecutorService executor = Executors.newSingleThreadExecutor();
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean finished = new AtomicBoolean();
        try (Timeout timeout = Timeout.builder().timeout(Duration.ofMillis(20)).executor(executor).build()) {
            assertThrows(TimeoutExceededException.class, () -> timeout.get(() -> {
                boolean done = false;
                while (!done) {
                    try {
                        done = release.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException ignored) {
                        // this work ignores interruption
                    }
                }
                finished.set(true);
                return "late";
            }));
            assertFalse(finished.get(), "the caller returned while the work still ran");
            release.countDown();
            assertEquals("next", executor.submit(() -> "next").get(10, TimeUnit.SECONDS),
                    "the executor thread is free once the work ends by itself");
            assertTrue(finished.get());
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void interruptedCallerCancelsTheWorkAndKeepsTheFlag() throws Exception {
        ExecutorService executor = Executors.newSingleThreadExecutor();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch cancelled = new CountDownLatch(1);
        try (Timeout timeout = Timeout.builder().timeout(Duration.ofMinutes(1)).executor(executor).build()) {
            Thread caller = Thread.currentThread();
            Thread interrupter = new Thread(() -> {
                try {
                    if (!started.await(Waits.SECONDS, TimeUnit.SECONDS)) {
                        return;
                    }
                } catch (InterruptedException e) {
                    return;
                }
                caller.interrupt();
            });
            interrupter.start();
            assertThrows(InterruptedException.class, () -> timeout.call(() -> {
                started.countDown();
                try {
                    new CountDownLatch(1).await(Waits.SECONDS, TimeUnit.SECONDS); // interrupted long before
                } catch (InterruptedException e) {
                    cancelled.countDown();
                }
                return "never";
            }));
            assertTrue(Thread.interrupted(), "the flag is set again");
            assertTrue(cancelled.await(10, TimeUnit.SECONDS));
            Waits.join(interrupter);

            started.countDown();
            Thread.currentThread().interrupt();
            CountDownLatch never = new CountDownLatch(1);
            CancellationException e = assertThrows(CancellationException.class, () -> timeout.get(() -> {
                try {
                    never.await(Waits.SECONDS, TimeUnit.SECONDS); // interrupted long before
                } catch (InterruptedException stopped) {
                    return "cancelled";
                }
                return "never";
            }));
            assertInstanceOf(InterruptedException.class, e.getCause());
            assertTrue(Thread.interrupted());
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void syncCallWithoutExecutorSaysHowToFixIt() {
        Timeout timeout = Timeout.of(Duration.ofSeconds(1));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> timeout.get(() -> "x"));
        assertEquals("timeout 'timeout' has no executor for synchronous calls; set one with "
                + "Timeout.Builder.executor(...), or use getAsync", e.getMessage());
    }
}
