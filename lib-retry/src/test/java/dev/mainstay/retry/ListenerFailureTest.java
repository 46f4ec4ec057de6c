package dev.mainstay.retry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mainstay.retry.CircuitBreaker.State;
import dev.mainstay.testkit.LogCapture;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * A listener that throws from every method changes nothing a caller can see: the same results, exceptions, waits,
 * states, metrics and budget as with no listener. Its first failure is logged once at WARNING, later ones at DEBUG.
 */
class ListenerFailureTest {

    /** Throws from every method of both listener interfaces. */
    static final class ThrowingListener implements RetryListener, CircuitBreakerListener {
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public void onRetry(String name, int attempt, Duration delay, Object result, Throwable failure) {
            throw boom();
        }

        @Override
        public void onSuccessAfterRetries(String name, int attempts, Object result) {
            throw boom();
        }

        @Override
        public void onGiveUp(String name, int attempts, RetriesExhaustedException.Reason reason, Object result,
                Throwable failure) {
            throw boom();
        }

        @Override
        public void onStateTransition(String name, State from, State to) {
            throw boom();
        }

        @Override
        public void onCallNotPermitted(String name, State state) {
            throw boom();
        }

        private IllegalStateException boom() {
            return new IllegalStateException("listener failure " + calls.incrementAndGet());
        }
    }

    @AutoClose
    private final LogCapture log = LogCapture.of("dev.mainstay.retry");

    /** Everything a caller of a retry can observe in one scripted run. */
    private static List<Object> retryRun(RetryListener listener) {
        FakeTime time = FakeTime.nearMax();
        RetryBudget budget = RetryBudget.builder().capacity(100).retryCost(10).successRefund(1).build();
        Retry retry = Retry.builder().name("r").ticker(time).sleeper(time).maxAttempts(3).budget(budget)
                .backoff(Backoff.fixed(Duration.ofMillis(10))).listener(listener).build();
        List<Object> seen = new ArrayList<>();
        AtomicInteger attempts = new AtomicInteger();
        seen.add(retry.get(() -> {                                          // succeeds at the third attempt
            if (attempts.incrementAndGet() < 3) {
                throw new IllegalArgumentException("transient " + attempts.get());
            }
            return "ok";
        }));
        seen.add(attempts.getAndSet(0));
        try {
            retry.run(() -> {                                               // gives up after three
                attempts.incrementAndGet();
                throw new IllegalArgumentException("down");
            });
            seen.add("no exception");
        } catch (IllegalArgumentException e) {
            seen.add(e.getMessage());
            seen.add(e.getSuppressed().length);
            seen.add(((RetriesExhaustedException) e.getSuppressed()[0]).reason());
        }
        seen.add(attempts.getAndSet(0));
        ManualScheduler scheduler = new ManualScheduler(0);
        CompletableFuture<String> async = retry.getAsync(() -> attempts.incrementAndGet() < 2
                ? CompletableFuture.failedFuture(new IllegalArgumentException("async"))
                : CompletableFuture.completedFuture("async ok"), scheduler);
        scheduler.advance(Duration.ofSeconds(1).toNanos());
        seen.add(async.getNow("not done"));
        seen.add(attempts.get());
        seen.add(time.sleeps);
        seen.add(budget.availableTokens());
        return seen;
    }

    @Test
    void aThrowingRetryListenerChangesNothing() {
        ThrowingListener throwing = new ThrowingListener();
        List<Object> quiet = retryRun(new RetryListener() {});
        List<Object> loud = retryRun(throwing);
        assertEquals(quiet, loud);
        assertEquals(List.of("ok", 3, "down", 3, RetriesExhaustedException.Reason.MAX_ATTEMPTS, 3, "async ok", 2),
                quiet.subList(0, 8), "the scripted run itself");
        assertTrue(throwing.calls.get() >= 6, "the listener was called and threw: " + throwing.calls.get());
        assertLoggedOnce(ThrowingListener.class, "retry 'r'", throwing.calls.get());
    }

    /** Everything a caller of a breaker can observe in one scripted run. */
    private static List<Object> breakerRun(CircuitBreakerListener listener) {
        FakeTime time = FakeTime.nearMax();
        CircuitBreaker breaker = CircuitBreaker.builder().name("b").ticker(time).countBasedWindow(4).minimumCalls(2)
                .waitInOpen(Duration.ofSeconds(1)).permittedCallsInHalfOpen(2).listener(listener).build();
        List<Object> seen = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            try {
                breaker.run(() -> {
                    throw new IllegalArgumentException("down");
                });
            } catch (IllegalArgumentException | CallNotPermittedException e) {
                seen.add(e.getClass().getSimpleName());
            }
            seen.add(breaker.state());
            seen.add(breaker.metrics());
        }
        time.advance(Duration.ofSeconds(2).toNanos());
        for (int i = 0; i < 3; i++) {
            seen.add(breaker.tryAcquirePermission().isGranted());
            seen.add(breaker.state());
        }
        try {
            seen.add(breaker.get(() -> "refused?"));
        } catch (CallNotPermittedException e) {
            seen.add(e.getMessage());
        }
        seen.add(breaker.metrics());
        breaker.transitionToForcedOpen();
        seen.add(breaker.getAsync(() -> CompletableFuture.completedFuture(1)).isCompletedExceptionally());
        breaker.transitionToClosed();
        seen.add(breaker.get(() -> "closed again"));
        seen.add(breaker.metrics());
        return seen;
    }

    @Test
    void aThrowingBreakerListenerChangesNothing() {
        ThrowingListener throwing = new ThrowingListener();
        List<Object> quiet = breakerRun(new CircuitBreakerListener() {});
        List<Object> loud = breakerRun(throwing);
        assertEquals(quiet, loud);
        assertEquals(List.of("IllegalArgumentException", State.CLOSED), quiet.subList(0, 2));
        assertEquals(State.OPEN, quiet.get(4), "two failures of two open it");
        assertEquals("CallNotPermittedException", quiet.get(6));
        assertTrue(throwing.calls.get() >= 5, "the listener was called and threw: " + throwing.calls.get());
        assertLoggedOnce(ThrowingListener.class, "circuit breaker 'b'", throwing.calls.get());
    }

    private void assertLoggedOnce(Class<?> listenerClass, String owner, int failures) {
        assertEquals(1, log.records(Level.WARNING).size(), "one warning: " + log.records());
        LogCapture.Entry warning = log.assertListenerFailuresLogged(owner, listenerClass, failures);
        assertEquals("java.lang.IllegalStateException: listener failure 1", String.valueOf(warning.thrown()),
                "the first failure, with its stack trace");
        assertEquals(failures - 1, log.records(Level.DEBUG).size(), "later failures at DEBUG: " + log.records());
    }
}
