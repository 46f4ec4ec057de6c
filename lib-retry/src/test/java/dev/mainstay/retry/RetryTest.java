package dev.mainstay.retry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RetryTest {

    private static final long MS = 1_000_000L;

    private static Retry.Builder fake(FakeTime time) {
        return Retry.builder().ticker(time).sleeper(time).backoff(Backoff.fixed(Duration.ofMillis(10)));
    }

    @Test
    void succeedsAfterFailuresAndWaitsTheBackoff() {
        FakeTime time = FakeTime.nearMax();
        AtomicInteger calls = new AtomicInteger();
        Retry retry = fake(time).maxAttempts(3).build();
        String result = retry.get(() -> {
            if (calls.incrementAndGet() < 3) {
                throw new IllegalStateException("boom " + calls.get());
            }
            return "ok";
        });
        assertEquals("ok", result);
        assertEquals(3, calls.get());
        assertEquals(List.of(10 * MS, 10 * MS), time.sleeps);
    }

    @Test
    void rethrowsTheLastExceptionWithAttemptsAndEarlierFailuresSuppressed() {
        FakeTime time = FakeTime.belowZero();
        AtomicInteger calls = new AtomicInteger();
        Retry retry = fake(time).maxAttempts(4).build();
        IOException thrown = assertThrows(IOException.class, () -> retry.call(() -> {
            throw new IOException("attempt " + calls.incrementAndGet());
        }));
        assertEquals("attempt 4", thrown.getMessage());
        RetriesExhaustedException info = RetriesExhaustedException.of(thrown).orElseThrow();
        assertEquals(4, info.attempts());
        assertEquals(RetriesExhaustedException.Reason.MAX_ATTEMPTS, info.reason());
        Throwable[] suppressed = thrown.getSuppressed();
        assertEquals(4, suppressed.length);
        assertEquals("attempt 1", suppressed[1].getMessage());
        assertEquals("attempt 3", suppressed[3].getMessage());
    }

    @Test
    void suppressedExceptionsAreBounded() {
        FakeTime time = new FakeTime(0);
        Retry retry = fake(time).maxAttempts(50).maxSuppressed(3).build();
        AtomicInteger calls = new AtomicInteger();
        IllegalStateException thrown = assertThrows(IllegalStateException.class,
                () -> retry.run(() -> {
                    throw new IllegalStateException("attempt " + calls.incrementAndGet());
                }));
        assertEquals(50, calls.get());
        assertEquals(4, thrown.getSuppressed().length);
        assertEquals(50, RetriesExhaustedException.of(thrown).orElseThrow().attempts());
    }

    @Test
    void sameExceptionInstanceRethrownManyTimesStaysBounded() {
        FakeTime time = new FakeTime(0);
        IllegalStateException shared = new IllegalStateException("shared");
        Retry retry = fake(time).maxAttempts(3).maxSuppressed(2).build();
        for (int i = 0; i < 10; i++) {
            assertThrows(IllegalStateException.class, () -> retry.run(() -> {
                throw shared;
            }));
        }
        assertTrue(shared.getSuppressed().length <= 4, "suppressed: " + shared.getSuppressed().length);
    }

    @Test
    void errorsAreNeverRetried() {
        AtomicInteger calls = new AtomicInteger();
        Retry retry = fake(new FakeTime(0)).maxAttempts(5).retryOn(t -> true).build();
        assertThrows(AssertionError.class, () -> retry.run(() -> {
            calls.incrementAndGet();
            throw new AssertionError("no");
        }));
        assertEquals(1, calls.get());
    }

    @Test
    void callNotPermittedIsNotRetriedByDefault() {
        AtomicInteger calls = new AtomicInteger();
        Retry retry = fake(new FakeTime(0)).maxAttempts(5).build();
        CallNotPermittedException thrown = assertThrows(CallNotPermittedException.class, () -> retry.run(() -> {
            calls.incrementAndGet();
            throw new CallNotPermittedException("b", CircuitBreaker.State.OPEN, 5);
        }));
        assertEquals(1, calls.get());
        assertEquals(CircuitBreaker.State.OPEN, thrown.state());
        assertTrue(RetriesExhaustedException.of(thrown).isEmpty(), "the breaker's exception takes no suppressed");
    }

    @Test
    void retryOnTypesAndAbortOn() {
        AtomicInteger calls = new AtomicInteger();
        Retry retry = fake(new FakeTime(0)).maxAttempts(5).retryOn(IOException.class)
                .abortOn(java.io.FileNotFoundException.class).build();
        assertThrows(IllegalStateException.class, () -> retry.run(() -> {
            calls.incrementAndGet();
            throw new IllegalStateException();
        }));
        assertEquals(1, calls.get());
        calls.set(0);
        assertThrows(java.io.FileNotFoundException.class, () -> retry.runChecked(() -> {
            if (calls.incrementAndGet() < 3) {
                throw new IOException("transient");
            }
            throw new java.io.FileNotFoundException("gone");
        }));
        assertEquals(3, calls.get());
    }

    @Test
    void resultsAreRetriedOnlyWhenAPredicateSaysSoAndTheLastIsReturned() {
        FakeTime time = new FakeTime(0);
        AtomicInteger calls = new AtomicInteger();
        Retry retry = fake(time).maxAttempts(3).retryOnResult(r -> Integer.valueOf(503).equals(r)).build();
        Integer status = retry.get(() -> calls.incrementAndGet() < 3 ? 503 : 200);
        assertEquals(200, status);
        calls.set(0);
        assertEquals(503, retry.get(() -> {
            calls.incrementAndGet();
            return 503;
        }));
        assertEquals(3, calls.get());
        Retry aborting = fake(time).maxAttempts(3).retryOnResult(r -> (Integer) r >= 500)
                .abortOnResult(r -> (Integer) r == 501).build();
        calls.set(0);
        assertEquals(501, aborting.get(() -> {
            calls.incrementAndGet();
            return 501;
        }));
        assertEquals(1, calls.get());
    }

    @Test
    void delayFunctionSeesTheFailedAttemptAndOverridesTheBackoff() {
        FakeTime time = new FakeTime(0);
        List<String> seen = new ArrayList<>();
        Retry retry = fake(time).maxAttempts(3).retryOnResult(r -> r.equals("busy"))
                .delayFunction((attempt, result, failure) -> {
                    seen.add(attempt + ":" + result + ":" + (failure == null ? "-" : failure.getMessage()));
                    return attempt == 1 ? Optional.of(Duration.ofSeconds(7)) : Optional.empty();
                })
                .build();
        AtomicInteger calls = new AtomicInteger();
        assertEquals("done", retry.get(() -> {
            int n = calls.incrementAndGet();
            if (n == 1) {
                return "busy";
            }
            if (n == 2) {
                throw new IllegalStateException("down");
            }
            return "done";
        }));
        assertEquals(List.of("1:busy:-", "2:null:down"), seen);
        assertEquals(List.of(7_000 * MS, 10 * MS), time.sleeps);
    }

    @Test
    void deadlineCapsTheLastSleepAndStopsAfterIt() {
        FakeTime time = FakeTime.nearMax();
        AtomicInteger calls = new AtomicInteger();
        Retry retry = Retry.builder().ticker(time).sleeper(time).maxAttempts(Integer.MAX_VALUE)
                .deadline(Duration.ofMillis(250)).backoff(Backoff.fixed(Duration.ofMillis(100))).build();
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> retry.run(() -> {
            calls.incrementAndGet();
            time.advance(1 * MS);
            throw new IllegalStateException();
        }));
        // attempt 1 at 0 (1 ms), sleep 100 -> 101; attempt 2 (102), sleep 100 -> 202; attempt 3 (203),
        // sleep capped to 47 -> 250; attempt 4 (251) -> past deadline
        assertEquals(List.of(100 * MS, 100 * MS, 47 * MS), time.sleeps);
        assertEquals(4, calls.get());
        RetriesExhaustedException info = RetriesExhaustedException.of(thrown).orElseThrow();
        assertEquals(RetriesExhaustedException.Reason.DEADLINE, info.reason());
        assertEquals(Duration.ofMillis(251), info.elapsed().orElseThrow());
    }

    @Test
    void interruptionStopsRetryingAndRestoresTheFlag() {
        AtomicInteger calls = new AtomicInteger();
        Retry retry = Retry.builder().maxAttempts(5).backoff(Backoff.fixed(Duration.ofMillis(1)))
                .sleeper(nanos -> {
                    throw new InterruptedException("stop");
                }).build();
        try {
            IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> retry.run(() -> {
                calls.incrementAndGet();
                throw new IllegalStateException();
            }));
            assertTrue(Thread.currentThread().isInterrupted());
            assertEquals(1, calls.get());
            assertEquals(RetriesExhaustedException.Reason.INTERRUPTED,
                    RetriesExhaustedException.of(thrown).orElseThrow().reason());
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void alreadyInterruptedThreadDoesNotRetry() {
        AtomicInteger calls = new AtomicInteger();
        Retry retry = fake(new FakeTime(0)).maxAttempts(5).build();
        Thread.currentThread().interrupt();
        try {
            assertThrows(IllegalStateException.class, () -> retry.run(() -> {
                calls.incrementAndGet();
                throw new IllegalStateException();
            }));
            assertTrue(Thread.currentThread().isInterrupted());
            assertEquals(1, calls.get());
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void listenersHearRetriesSuccessAndGiveUp() {
        FakeTime time = new FakeTime(0);
        List<String> events = new ArrayList<>();
        Retry retry = fake(time).name("svc").maxAttempts(2).listener(new RetryListener() {
            @Override
            public void onRetry(String name, int attempt, Duration delay, Object result, Throwable failure) {
                events.add(name + " retry " + attempt + " " + delay.toMillis());
            }

            @Override
            public void onSuccessAfterRetries(String name, int attempts, Object result) {
                events.add(name + " success " + attempts + " " + result);
            }

            @Override
            public void onGiveUp(String name, int attempts, RetriesExhaustedException.Reason reason, Object result,
                    Throwable failure) {
                events.add(name + " giveUp " + attempts + " " + reason);
                throw new IllegalStateException("listener bug must not change the outcome");
            }
        }).build();
        AtomicInteger calls = new AtomicInteger();
        assertEquals("x", retry.get(() -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalArgumentException();
            }
            return "x";
        }));
        assertThrows(IllegalArgumentException.class, () -> retry.run(() -> {
            throw new IllegalArgumentException();
        }));
        assertEquals(List.of("svc retry 1 10", "svc success 2 x", "svc retry 1 10", "svc giveUp 2 MAX_ATTEMPTS"),
                events);
    }

    @Test
    void budgetStopsRetriesWhenEmptyAndSuccessesRefund() {
        RetryBudget budget = RetryBudget.builder().capacity(10).retryCost(5).successRefund(1).build();
        Retry retry = fake(new FakeTime(0)).maxAttempts(10).budget(budget).build();
        AtomicInteger calls = new AtomicInteger();
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> retry.run(() -> {
            calls.incrementAndGet();
            throw new IllegalStateException();
        }));
        assertEquals(3, calls.get()); // two retries paid by 10 tokens
        assertEquals(0, budget.availableTokens());
        assertEquals(RetriesExhaustedException.Reason.BUDGET,
                RetriesExhaustedException.of(thrown).orElseThrow().reason());
        for (int i = 0; i < 7; i++) {
            retry.run(() -> {});
        }
        assertEquals(7, budget.availableTokens());
    }

    @Test
    void asyncRetriesOnTheSchedulerWithoutBlocking() throws Exception {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        try {
            AtomicInteger calls = new AtomicInteger();
            List<Integer> retried = new ArrayList<>();
            Retry retry = Retry.builder().maxAttempts(4).backoff(Backoff.fixed(Duration.ofMillis(1)))
                    .listener(new RetryListener() {
                        @Override
                        public void onRetry(String name, int attempt, Duration delay, Object r, Throwable f) {
                            retried.add(attempt);
                        }
                    }).build();
            CompletableFuture<String> result = retry.getAsync(() -> calls.incrementAndGet() < 3
                    ? CompletableFuture.failedFuture(new IOException("down"))
                    : CompletableFuture.completedFuture("up"), scheduler);
            assertEquals("up", result.get(5, TimeUnit.SECONDS));
            assertEquals(3, calls.get());
            assertEquals(List.of(1, 2), retried);

            calls.set(0);
            CompletableFuture<String> failing = retry.getAsync(() -> {
                calls.incrementAndGet();
                throw new IllegalStateException("sync throw");
            }, scheduler);
            ExecutionException thrown = assertThrows(ExecutionException.class, () -> failing.get(5, TimeUnit.SECONDS));
            assertEquals(IllegalStateException.class, thrown.getCause().getClass());
            assertEquals(4, calls.get());
            assertEquals(4, RetriesExhaustedException.of(thrown.getCause()).orElseThrow().attempts());
            assertEquals(3, thrown.getCause().getSuppressed().length - 1);
        } finally {
            scheduler.shutdownNow();
        }
    }

    @Test
    void asyncStopsWhenCancelledAndWhenTheSchedulerRefuses() throws Exception {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        AtomicInteger calls = new AtomicInteger();
        Retry retry = Retry.builder().maxAttempts(100).backoff(Backoff.fixed(Duration.ofMillis(50))).build();
        CompletableFuture<String> result = retry.getAsync(() -> {
            calls.incrementAndGet();
            return CompletableFuture.failedFuture(new IOException());
        }, scheduler);
        assertTrue(result.cancel(false));
        scheduler.shutdown();
        assertTrue(scheduler.awaitTermination(5, TimeUnit.SECONDS));
        assertEquals(1, calls.get());

        CompletableFuture<String> refused = retry.getAsync(
                () -> CompletableFuture.failedFuture(new IOException("x")), scheduler);
        ExecutionException thrown = assertThrows(ExecutionException.class, () -> refused.get(5, TimeUnit.SECONDS));
        assertEquals(RetriesExhaustedException.Reason.SCHEDULER_REJECTED,
                RetriesExhaustedException.of(thrown.getCause()).orElseThrow().reason());
        assertTrue(java.util.Arrays.stream(thrown.getCause().getSuppressed())
                .anyMatch(e -> e instanceof java.util.concurrent.RejectedExecutionException), "the rejection is kept");
    }

    @Test
    void firstAttemptSuccessReadsNoClockWithoutDeadline() {
        AtomicInteger reads = new AtomicInteger();
        Retry retry = Retry.builder().ticker(() -> {
            reads.incrementAndGet();
            return 0;
        }).build();
        assertEquals(1, retry.get(() -> 1));
        retry.run(() -> {});
        assertEquals(0, reads.get());
        assertFalse(retry.config().deadline().isPresent());
        assertSame(retry.config(), retry.config());
        assertArrayEquals(new int[] {3}, new int[] {retry.config().maxAttempts()});
    }
}
