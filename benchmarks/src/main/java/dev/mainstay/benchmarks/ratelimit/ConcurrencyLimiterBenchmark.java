package dev.mainstay.benchmarks.ratelimit;

import com.netflix.concurrency.limits.limit.FixedLimit;
import com.netflix.concurrency.limits.limiter.SimpleLimiter;
import dev.mainstay.ratelimit.ConcurrencyLimit;
import dev.mainstay.ratelimit.ConcurrencyLimiter;
import dev.mainstay.ratelimit.Permit;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One slot taken and given back ({@code tryAcquire} then release) on a shared fixed-limit bulkhead that always has
 * room (limit 1,000): ours through its {@code Permit} and through its {@code run} decorator, Resilience4j's
 * {@code SemaphoreBulkhead} ({@code tryAcquirePermission} + {@code onComplete}), Netflix's {@code SimpleLimiter} with
 * a {@code FixedLimit} ({@code acquire} + {@code onSuccess}), and {@code floor}: a bare
 * {@code java.util.concurrent.Semaphore} {@code tryAcquire} + {@code release}, the least a bulkhead can do.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar ConcurrencyLimiterBenchmark -f 1 -wi 3 -w 1s -i 5 -r 1s -prof gc -t 1
 * java -jar benchmarks/target/benchmarks.jar ConcurrencyLimiterBenchmark -f 1 -wi 3 -w 1s -i 5 -r 1s -prof gc -t 2
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ConcurrencyLimiterBenchmark {

    /** The implementation under test. */
    @Param({"mainstay", "mainstay-run", "resilience4j", "netflix", "floor"})
    public String impl;

    private static final int LIMIT = 1000;

    /** One acquire and release; each trial runs in its own fork, so this call site sees one implementation. */
    @FunctionalInterface
    interface Slot {
        boolean acquireAndRelease();
    }

    private static final Runnable NOTHING = () -> {};

    private Slot slot;

    @Setup
    public void setUp() {
        slot = switch (impl) {
            case "mainstay" -> {
                ConcurrencyLimiter limiter = ConcurrencyLimiter.of(ConcurrencyLimit.fixed(LIMIT));
                yield () -> {
                    try (Permit permit = limiter.tryAcquire()) {
                        return permit.isGranted();
                    }
                };
            }
            case "mainstay-run" -> {
                ConcurrencyLimiter limiter = ConcurrencyLimiter.of(ConcurrencyLimit.fixed(LIMIT));
                yield () -> {
                    limiter.run(NOTHING);
                    return true;
                };
            }
            case "resilience4j" -> {
                Bulkhead bulkhead = Bulkhead.of("bench", BulkheadConfig.custom()
                        .maxConcurrentCalls(LIMIT).maxWaitDuration(Duration.ZERO).build());
                yield () -> {
                    if (bulkhead.tryAcquirePermission()) {
                        bulkhead.onComplete();
                        return true;
                    }
                    return false;
                };
            }
            case "netflix" -> {
                SimpleLimiter<Void> limiter = SimpleLimiter.newBuilder().limit(FixedLimit.of(LIMIT)).build();
                yield () -> {
                    Optional<com.netflix.concurrency.limits.Limiter.Listener> listener = limiter.acquire(null);
                    if (listener.isPresent()) {
                        listener.get().onSuccess();
                        return true;
                    }
                    return false;
                };
            }
            case "floor" -> {
                Semaphore semaphore = new Semaphore(LIMIT);
                yield () -> {
                    if (semaphore.tryAcquire()) {
                        semaphore.release();
                        return true;
                    }
                    return false;
                };
            }
            default -> throw new IllegalArgumentException(impl);
        };
    }

    @Benchmark
    public boolean acquireAndRelease() {
        return slot.acquireAndRelease();
    }
}
