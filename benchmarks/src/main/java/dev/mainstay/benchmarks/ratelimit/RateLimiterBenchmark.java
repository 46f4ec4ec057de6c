package dev.mainstay.benchmarks.ratelimit;

import dev.mainstay.ratelimit.RateLimit;
import dev.mainstay.ratelimit.RateLimiter;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.local.SynchronizationStrategy;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * {@code tryAcquire(1)} on one shared limiter that always has permits (a rate far above what the machine can ask
 * for), so every call takes the success path: one clock read and one state update. Ours against Guava's
 * {@code RateLimiter}, Bucket4j's lock-free local bucket and Resilience4j's {@code AtomicRateLimiter}, in the same
 * run. {@code floor} is the least any such limiter can do: one {@code System.nanoTime()} and one CAS.
 *
 * <pre>
 * flock /tmp/mainstay-jmh.lock benchmarks/run RateLimiterBenchmark -t 1
 * flock /tmp/mainstay-jmh.lock benchmarks/run RateLimiterBenchmark -t 2
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RateLimiterBenchmark {

    /** The implementation under test. */
    @Param({"mainstay", "guava", "bucket4j", "resilience4j", "floor"})
    public String impl;

    private static final long PERMITS_PER_SECOND = 1_000_000_000L;

    /** One try; each trial runs in its own fork, so this call site only ever sees one implementation. */
    @FunctionalInterface
    interface Limiter {
        boolean tryAcquire();
    }

    private Limiter limiter;

    @Setup
    public void setUp() {
        limiter = switch (impl) {
            case "mainstay" -> {
                RateLimiter ours = RateLimiter.of(
                        RateLimit.tokenBucket(PERMITS_PER_SECOND, PERMITS_PER_SECOND, Duration.ofSeconds(1)));
                yield ours::tryAcquire;
            }
            case "guava" -> com.google.common.util.concurrent.RateLimiter.create(PERMITS_PER_SECOND)::tryAcquire;
            case "bucket4j" -> {
                Bucket bucket = Bucket.builder()
                        .addLimit(Bandwidth.builder().capacity(PERMITS_PER_SECOND)
                                .refillGreedy(PERMITS_PER_SECOND, Duration.ofSeconds(1)).build())
                        .withSynchronizationStrategy(SynchronizationStrategy.LOCK_FREE)
                        .withNanosecondPrecision()
                        .build();
                yield () -> bucket.tryConsume(1);
            }
            case "resilience4j" -> new AtomicRateLimiter("bench", RateLimiterConfig.custom()
                    .limitForPeriod((int) (PERMITS_PER_SECOND / 1000))
                    .limitRefreshPeriod(Duration.ofNanos(1_000_000))
                    .timeoutDuration(Duration.ZERO)
                    .build())::acquirePermission;
            case "floor" -> {
                AtomicLong state = new AtomicLong();
                yield () -> {
                    long now = System.nanoTime();
                    long seen = state.get();
                    return state.compareAndSet(seen, now) || true;
                };
            }
            default -> throw new IllegalArgumentException(impl);
        };
    }

    @Benchmark
    public boolean tryAcquire() {
        return limiter.tryAcquire();
    }
}
