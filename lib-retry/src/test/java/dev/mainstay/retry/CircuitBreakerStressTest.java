package dev.mainstay.retry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.junit.jupiter.api.Test;

/**
 * Many threads against one breaker: exact counts, no locks. Every wait is bounded: a failed round fails the test
 * (the workers are daemons, interrupted and joined with a timeout), it never hangs the JVM.
 */
class CircuitBreakerStressTest {

    private static final int THREADS = 8;
    private static final long WAIT_SECONDS = 30;

    /** Runs {@code work} on {@link #THREADS} daemon threads; {@link #close()} interrupts and joins them, bounded. */
    private static final class Workers implements AutoCloseable {
        final List<Thread> threads = new ArrayList<>();
        final ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();

        Workers(ThrowingIntConsumer work) {
            for (int t = 0; t < THREADS; t++) {
                int id = t;
                Thread thread = new Thread(() -> {
                    try {
                        work.accept(id);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt(); // the test is over
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                }, "breaker-stress-" + t);
                thread.setDaemon(true);
                thread.start();
                threads.add(thread);
            }
        }

        /** Waits for every worker to finish, at most {@link #WAIT_SECONDS}; fails if one is still running or threw. */
        void join() throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
            for (Thread thread : threads) {
                thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
                assertFalse(thread.isAlive(), thread.getName() + " still running after " + WAIT_SECONDS + " s");
            }
            assertTrue(failures.isEmpty(), "a worker failed: " + failures);
        }

        @Override
        public void close() throws InterruptedException {
            for (Thread thread : threads) {
                thread.interrupt();
            }
            for (Thread thread : threads) {
                thread.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
            }
        }
    }

    @FunctionalInterface
    private interface ThrowingIntConsumer {
        void accept(int id) throws Exception;
    }

    private static void await(CyclicBarrier barrier) throws Exception {
        barrier.await(WAIT_SECONDS, TimeUnit.SECONDS);
    }

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
        ConcurrentLinkedQueue<CircuitBreaker.Permit> probes = new ConcurrentLinkedQueue<>();
        try (Workers workers = new Workers(id -> {
            for (int r = 0; r < rounds; r++) {
                await(start);
                for (int i = 0; i < 200; i++) {
                    CircuitBreaker.Permit permit = breaker.tryAcquirePermission();
                    if (permit.isGranted()) {
                        granted.incrementAndGet();
                        probes.add(permit);
                    }
                }
                await(done);
            }
        })) {
            for (int r = 0; r < rounds; r++) {
                breaker.transitionToOpen();
                time.advance(Duration.ofHours(1).toNanos()); // past any wait: every thread races OPEN -> HALF_OPEN
                granted.set(0);
                await(start);
                await(done);
                assertEquals(permitted, granted.get(), "round " + r);
                assertEquals(CircuitBreaker.State.HALF_OPEN, breaker.state());
                for (CircuitBreaker.Permit probe; (probe = probes.poll()) != null; ) {
                    assertTrue(probe.onSuccess(0));
                }
                assertEquals(CircuitBreaker.State.CLOSED, breaker.state());
            }
            workers.join();
        }
    }

    /**
     * Stragglers, permits granted while closed, are settled by every thread while the same threads race for the
     * half-open probes: successes, failures, releases, and second releases. Exactly the permitted probes are
     * granted in each round, none of the stragglers' outcomes counts as a probe, and only the probes' own outcomes
     * close the breaker.
     */
    @Test
    void stragglersSettlingDuringHalfOpenNeitherCountAsProbesNorFreeExtraOnes() throws Exception {
        FakeTime time = FakeTime.belowZero();
        int permitted = 3;
        CircuitBreaker breaker = CircuitBreaker.builder().ticker(time).countBasedWindow(100).minimumCalls(100)
                .waitInOpen(Duration.ofSeconds(1)).permittedCallsInHalfOpen(permitted).build();
        int rounds = 300;
        int stragglersEach = 4;
        CyclicBarrier start = new CyclicBarrier(THREADS + 1);
        CyclicBarrier done = new CyclicBarrier(THREADS + 1);
        AtomicLong granted = new AtomicLong();
        AtomicLong settledTwice = new AtomicLong();
        ConcurrentLinkedQueue<CircuitBreaker.Permit> probes = new ConcurrentLinkedQueue<>();
        AtomicReferenceArray<CircuitBreaker.Permit> stragglers =
                new AtomicReferenceArray<>(THREADS * stragglersEach);
        try (Workers workers = new Workers(id -> {
            for (int r = 0; r < rounds; r++) {
                await(start);
                for (int i = 0; i < 50; i++) {
                    if (i < stragglersEach) {
                        CircuitBreaker.Permit straggler = stragglers.get(id * stragglersEach + i);
                        boolean first = switch ((id + i + r) % 4) {
                            case 0 -> straggler.release();
                            case 1 -> straggler.onSuccess(0);
                            case 2 -> straggler.onError(0, new IOException("late"));
                            default -> straggler.onResult(0, "late");
                        };
                        assertTrue(first, "a straggler's first settlement");
                        if (straggler.release()) {
                            settledTwice.incrementAndGet();
                        }
                    }
                    CircuitBreaker.Permit permit = breaker.tryAcquirePermission();
                    if (permit.isGranted()) {
                        granted.incrementAndGet();
                        probes.add(permit);
                    }
                }
                await(done);
            }
        })) {
            for (int r = 0; r < rounds; r++) {
                assertEquals(CircuitBreaker.State.CLOSED, breaker.state());
                for (int i = 0; i < stragglers.length(); i++) {
                    CircuitBreaker.Permit permit = breaker.tryAcquirePermission();
                    assertTrue(permit.isGranted());
                    stragglers.set(i, permit);
                }
                breaker.transitionToOpen();
                time.advance(Duration.ofSeconds(2).toNanos());
                granted.set(0);
                await(start);
                await(done);
                assertEquals(permitted, granted.get(), "round " + r + ": exactly the permitted probes");
                assertEquals(CircuitBreaker.State.HALF_OPEN, breaker.state(), "round " + r);
                assertEquals(0, breaker.metrics().calls(), "round " + r + ": no straggler counted as a probe");
                for (int i = 0; i < permitted; i++) {
                    assertEquals(CircuitBreaker.State.HALF_OPEN, breaker.state());
                    assertTrue(probes.poll().onSuccess(0));
                }
                assertTrue(probes.isEmpty());
                assertEquals(CircuitBreaker.State.CLOSED, breaker.state(), "round " + r + ": the probes decided");
                assertEquals(0, breaker.metrics().calls(), "the new closed window saw no straggler");
            }
            workers.join();
        }
        assertEquals(0, settledTwice.get(), "a second settlement is a no-op");
    }

    @Test
    void concurrentRecordsKeepTheCountWindowExact() throws Exception {
        CircuitBreaker breaker = CircuitBreaker.builder().countBasedWindow(1000).minimumCalls(1000)
                .failureRateThreshold(100).build();
        try (Workers workers = new Workers(id -> {
            for (int i = 0; i < 20_000; i++) {
                CircuitBreaker.Permit permit = breaker.tryAcquirePermission();
                if ((i + id) % 3 == 0) {
                    assertTrue(permit.onError(0, new IllegalStateException()));
                } else {
                    assertTrue(permit.onSuccess(0));
                }
            }
        })) {
            workers.join();
        }
        CircuitBreaker.Metrics metrics = breaker.metrics();
        assertEquals(CircuitBreaker.State.CLOSED, metrics.state());
        assertEquals(1000, metrics.calls());
        assertTrue(metrics.failedCalls() > 0 && metrics.failedCalls() < 1000, "failed " + metrics.failedCalls());
        // the totals must equal the slots, whatever the interleaving: overwrite every slot and count exactly
        breaker.tryAcquirePermission().onSuccess(0);
        for (int i = 0; i < 999; i++) {
            breaker.tryAcquirePermission().onError(0, new IllegalStateException());
        }
        assertEquals(CircuitBreaker.State.CLOSED, breaker.state());
        assertEquals(1000, breaker.metrics().calls());
        assertEquals(999, breaker.metrics().failedCalls());
        breaker.tryAcquirePermission().onError(0, new IllegalStateException());
        assertEquals(CircuitBreaker.State.OPEN, breaker.state());
    }
}
