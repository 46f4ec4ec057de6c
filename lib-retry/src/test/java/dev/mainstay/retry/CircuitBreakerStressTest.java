package dev.mainstay.retry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Many threads against one breaker: exact counts, no locks. */
class CircuitBreakerStressTest {

    private static final int THREADS = 8;

    @Test
    void halfOpenLetsThroughExactlyThePermittedProbes() throws Exception {
        FakeTime time = FakeTime.nearMax();
        int permitted = 5;
        CircuitBreaker breaker = CircuitBreaker.builder().ticker(time).countBasedWindow(10).minimumCalls(1)
                .waitInOpen(Duration.ofSeconds(1)).permittedCallsInHalfOpen(permitted).build();
        int rounds = 300;
        CyclicBarrier start = new CyclicBarrier(THREADS + 1);
        CyclicBarrier done = new CyclicBarrier(THREADS + 1);
        AtomicLong granted = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            Thread thread = new Thread(() -> {
                try {
                    for (int r = 0; r < rounds; r++) {
                        start.await();
                        for (int i = 0; i < 200; i++) {
                            if (breaker.tryAcquirePermission()) {
                                granted.incrementAndGet();
                            }
                        }
                        done.await();
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (int r = 0; r < rounds; r++) {
            breaker.transitionToOpen();
            time.advance(Duration.ofHours(1).toNanos()); // past any wait: every thread races OPEN -> HALF_OPEN
            granted.set(0);
            start.await();
            done.await();
            assertEquals(permitted, granted.get(), "round " + r);
            assertEquals(CircuitBreaker.State.HALF_OPEN, breaker.state());
            for (int i = 0; i < permitted; i++) {
                breaker.onSuccess(0);
            }
            assertEquals(CircuitBreaker.State.CLOSED, breaker.state());
        }
        for (Thread thread : threads) {
            thread.join();
        }
    }

    @Test
    void concurrentRecordsKeepTheCountWindowExact() throws Exception {
        CircuitBreaker breaker = CircuitBreaker.builder().countBasedWindow(1000).minimumCalls(1000)
                .failureRateThreshold(100).build();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int id = t;
            Thread thread = new Thread(() -> {
                for (int i = 0; i < 20_000; i++) {
                    if ((i + id) % 3 == 0) {
                        breaker.onError(0, new IllegalStateException());
                    } else {
                        breaker.onSuccess(0);
                    }
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        CircuitBreaker.Metrics metrics = breaker.metrics();
        assertEquals(CircuitBreaker.State.CLOSED, metrics.state());
        assertEquals(1000, metrics.calls());
        assertTrue(metrics.failedCalls() > 0 && metrics.failedCalls() < 1000, "failed " + metrics.failedCalls());
        // the totals must equal the slots, whatever the interleaving: overwrite every slot and count exactly
        breaker.onSuccess(0);
        for (int i = 0; i < 999; i++) {
            breaker.onError(0, new IllegalStateException());
        }
        assertEquals(CircuitBreaker.State.CLOSED, breaker.state());
        assertEquals(1000, breaker.metrics().calls());
        assertEquals(999, breaker.metrics().failedCalls());
        breaker.onError(0, new IllegalStateException());
        assertEquals(CircuitBreaker.State.OPEN, breaker.state());
    }
}
