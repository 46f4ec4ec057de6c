package dev.mainstay.retry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PipelineTest {

    /** A stand-in for another module's policy: only the {@code <T> T call(Callable<T>)} shape matters. */
    static final class Recorder {
        final String name;
        final List<String> log;
        RuntimeException refuse;

        Recorder(String name, List<String> log) {
            this.name = name;
            this.log = log;
        }

        <T> T call(Callable<T> callable) throws Exception {
            log.add(name);
            if (refuse != null) {
                throw refuse;
            }
            return callable.call();
        }
    }

    private static Retry retry(FakeTime time, int attempts) {
        return Retry.builder().maxAttempts(attempts).ticker(time).sleeper(time)
                .backoff(Backoff.fixed(Duration.ofMillis(10))).build();
    }

    private static CircuitBreaker breaker(FakeTime time) {
        return CircuitBreaker.builder().countBasedWindow(10).minimumCalls(10).ticker(time).build();
    }

    @Test
    void everyAttemptPassesThroughTheLayersInOrderThenTheBreaker() throws Exception {
        FakeTime time = FakeTime.nearMax();
        List<String> log = new ArrayList<>();
        Recorder outer = new Recorder("outer", log);
        Recorder inner = new Recorder("inner", log);
        CircuitBreaker breaker = breaker(time);
        AtomicInteger calls = new AtomicInteger();
        Pipeline<String> pipeline = Pipeline.<String>builder()
                .circuitBreaker(breaker)        // the order of the builder calls does not matter
                .layer(outer::call)
                .fallback(Fallback.of("cached"))
                .layer(inner::call)
                .retry(retry(time, 3))
                .build();
        String answer = pipeline.call(() -> {
            log.add("call " + calls.incrementAndGet());
            throw new IOException("reset");
        });
        assertEquals("cached", answer, "the fallback answers after the retry gives up");
        assertEquals(List.of("outer", "inner", "call 1", "outer", "inner", "call 2", "outer", "inner", "call 3"), log);
        assertEquals(3, breaker.metrics().failedCalls(), "the breaker saw every attempt");
        assertEquals(List.of(10_000_000L, 10_000_000L), time.sleeps);
    }

    @Test
    void anOpenBreakerIsNotRetriedAndReachesTheFallback() throws Exception {
        FakeTime time = FakeTime.belowZero();
        CircuitBreaker breaker = breaker(time);
        breaker.transitionToOpen();
        List<Throwable> seen = new ArrayList<>();
        Pipeline<String> pipeline = Pipeline.<String>builder()
                .fallback(Fallback.<String>builder((r, failure) -> {
                    seen.add(failure);
                    return "cached";
                }).build())
                .retry(retry(time, 5))
                .circuitBreaker(breaker)
                .build();
        AtomicInteger calls = new AtomicInteger();
        assertEquals("cached", pipeline.get(() -> "fresh " + calls.incrementAndGet()));
        assertEquals(0, calls.get());
        assertTrue(time.sleeps.isEmpty(), "no retry");
        assertTrue(seen.get(0) instanceof CallNotPermittedException, String.valueOf(seen));
    }

    @Test
    void aLayerRefusalIsRetriedButNotCountedAgainstTheDependency() throws Exception {
        FakeTime time = new FakeTime(0);
        List<String> log = new ArrayList<>();
        Recorder limiter = new Recorder("limiter", log);
        limiter.refuse = new IllegalStateException("rate limited");
        CircuitBreaker breaker = breaker(time);
        Pipeline<String> pipeline = Pipeline.<String>builder().retry(retry(time, 2)).layer(limiter::call)
                .circuitBreaker(breaker).build();
        assertThrows(IllegalStateException.class, () -> pipeline.call(() -> "never"));
        assertEquals(List.of("limiter", "limiter"), log);
        assertEquals(0, breaker.metrics().calls(), "the breaker never saw the refused attempts");
    }

    @Test
    void aTimedOutAttemptIsOneFailedAttempt() throws Exception {
        FakeTime time = new FakeTime(0);
        List<Runnable> dropped = new ArrayList<>();
        Executor neverRuns = dropped::add;
        Timeout timeout = Timeout.builder().timeout(Duration.ofMillis(1)).executor(neverRuns).build();
        CircuitBreaker breaker = breaker(time);
        Pipeline<String> pipeline = Pipeline.<String>builder().retry(retry(time, 2)).circuitBreaker(breaker)
                .timeout(timeout).build();
        assertThrows(TimeoutExceededException.class, () -> pipeline.call(() -> "never"));
        assertEquals(2, dropped.size());
        assertEquals(2, breaker.metrics().failedCalls());

        Executor direct = Runnable::run;
        Pipeline<String> fast = Pipeline.<String>builder()
                .timeout(Timeout.builder().timeout(Duration.ofSeconds(1)).executor(direct).build()).build();
        assertEquals("ok", fast.get(() -> "ok"));
    }

    @Test
    void asyncGoesThroughTheSameOrder() throws Exception {
        ManualScheduler scheduler = new ManualScheduler(0);
        List<String> log = new ArrayList<>();
        Recorder layer = new Recorder("layer", log);
        FakeTime time = new FakeTime(0);
        CircuitBreaker breaker = breaker(time);
        Timeout timeout = Timeout.builder().timeout(Duration.ofMillis(100)).scheduler(scheduler).build();
        Pipeline<String> pipeline = Pipeline.<String>builder()
                .fallback(Fallback.of("cached"))
                .retry(Retry.builder().maxAttempts(2).backoff(Backoff.fixed(Duration.ofMillis(10))).build())
                .layer(layer::call)
                .circuitBreaker(breaker)
                .timeout(timeout)
                .build();
        List<CompletableFuture<String>> attempts = new ArrayList<>();
        CompletableFuture<String> result = pipeline.getAsync(() -> {
            CompletableFuture<String> attempt = new CompletableFuture<>();
            attempts.add(attempt);
            return attempt;
        }, scheduler);
        scheduler.advance(100_000_000L);                 // attempt 1 times out
        assertTrue(attempts.get(0).isCancelled());
        scheduler.advance(10_000_000L);                  // the retry's wait
        assertEquals(2, attempts.size());
        attempts.get(1).complete("fresh");
        assertEquals("fresh", Waits.get(result));
        assertEquals(List.of("layer", "layer"), log);
        assertEquals(1, breaker.metrics().failedCalls());
        assertEquals(0, scheduler.pending());

        CompletableFuture<String> failing = pipeline.getAsync(
                () -> CompletableFuture.failedFuture(new IOException("down")), scheduler);
        scheduler.advance(10_000_000L);
        assertEquals("cached", Waits.get(failing));
    }

    @Test
    void builderSetsEachPolicyOnce() {
        Pipeline.Builder<String> b = Pipeline.<String>builder().retry(Retry.ofDefaults());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> b.retry(Retry.ofDefaults()));
        assertEquals("retry is already set", e.getMessage());
        assertEquals("circuitBreaker", assertThrows(NullPointerException.class, () -> b.circuitBreaker(null))
                .getMessage());
        assertEquals("layer", assertThrows(NullPointerException.class, () -> b.layer(null)).getMessage());
        Pipeline.Builder<String> f = Pipeline.<String>builder().fallback(Fallback.of("x"));
        assertEquals("fallback is already set",
                assertThrows(IllegalStateException.class, () -> f.fallback(Fallback.of("y"))).getMessage());
        Pipeline.Builder<String> t = Pipeline.<String>builder().timeout(Timeout.of(Duration.ofSeconds(1)));
        assertEquals("timeout is already set", assertThrows(IllegalStateException.class,
                () -> t.timeout(Timeout.of(Duration.ofSeconds(1)))).getMessage());
    }

    @Test
    void retryBreakerAndFallbackAllocateNothingOnTheSuccessPath() throws Exception {
        // by reflection: the module under test does not read java.management, and need not
        Object threads = Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean")
                .invoke(null);
        Method allocatedBytes = Class.forName("com.sun.management.ThreadMXBean")
                .getMethod("getThreadAllocatedBytes", long.class);
        Pipeline<String> pipeline = Pipeline.<String>builder()
                .fallback(Fallback.of("cached"))
                .retry(Retry.ofDefaults())
                .circuitBreaker(CircuitBreaker.ofDefaults("inventory"))
                .build();
        Callable<String> call = () -> "ok";
        for (int i = 0; i < 20_000; i++) {
            pipeline.call(call);
        }
        long id = Thread.currentThread().getId();
        long before = (Long) allocatedBytes.invoke(threads, id);
        for (int i = 0; i < 100_000; i++) {
            pipeline.call(call);
        }
        long allocated = (Long) allocatedBytes.invoke(threads, id) - before;
        assertTrue(allocated < 10_000, "100,000 calls allocated " + allocated + " bytes");
    }
}
