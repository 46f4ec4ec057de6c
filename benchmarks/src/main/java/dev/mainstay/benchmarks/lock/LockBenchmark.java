package dev.mainstay.benchmarks.lock;

import dev.mainstay.lock.DistributedLock;
import dev.mainstay.lock.LockHandle;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One uncontended acquire + release in this JVM, each thread on its own lock name: the in-memory
 * {@code DistributedLock} (built with its defaults) in the try-with-resources shape
 * ({@code tryAcquire(name, lease)}, then {@code close()}), against a {@code ReentrantLock} {@code lock()} +
 * {@code unlock()} (one lock per thread), in the same run.
 *
 * <p>A lease needs a clock: acquire reads the ticker once (the lease's start) and one {@code System.nanoTime()}
 * alone costs about 30 ns on these machines, several times a {@code ReentrantLock} cycle. So the set also
 * measures the floors: a {@code ReentrantLock} cycle plus one {@code nanoTime()} ({@code floor-1clock}) and plus
 * two ({@code floor-2clocks}), and the in-memory lock on a ticker that costs nothing
 * ({@code mainstay-fixedclock}: a constant, so the lease never ends), which is the lock's own work without the
 * clock.
 *
 * <pre>
 * flock /tmp/mainstay-jmh.lock benchmarks/run LockBenchmark -t 1
 * flock /tmp/mainstay-jmh.lock benchmarks/run LockBenchmark -t 2
 * flock /tmp/mainstay-jmh.lock benchmarks/run LockBenchmark -t 4
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class LockBenchmark {

    /** The implementation under test. */
    @Param({"mainstay", "mainstay-fixedclock", "reentrantlock", "floor-1clock", "floor-2clocks"})
    public String impl;

    private static final Duration LEASE = Duration.ofSeconds(30);

    /** One acquire + release on a thread's own lock; each trial runs in its own fork, so this site is monomorphic. */
    @FunctionalInterface
    interface Cycle {
        long run(PerThread thread);
    }

    private final AtomicInteger threads = new AtomicInteger();
    private DistributedLock locks;
    private Cycle cycle;

    @Setup
    public void setUp() {
        cycle = switch (impl) {
            case "mainstay" -> mainstay(DistributedLock.builder().build());
            case "mainstay-fixedclock" -> mainstay(DistributedLock.builder().ticker(() -> 0L).build());
            case "reentrantlock" -> thread -> {
                ReentrantLock lock = thread.lock;
                lock.lock();
                try {
                    return 1;
                } finally {
                    lock.unlock();
                }
            };
            case "floor-1clock" -> thread -> {
                ReentrantLock lock = thread.lock;
                long now = System.nanoTime();
                lock.lock();
                try {
                    return now;
                } finally {
                    lock.unlock();
                }
            };
            case "floor-2clocks" -> thread -> {
                ReentrantLock lock = thread.lock;
                long now = System.nanoTime();
                lock.lock();
                try {
                    return now;
                } finally {
                    lock.unlock();
                    now += System.nanoTime();
                }
            };
            default -> throw new IllegalArgumentException(impl);
        };
    }

    private Cycle mainstay(DistributedLock built) {
        locks = built;
        return thread -> {
            try (LockHandle handle = built.tryAcquire(thread.name, LEASE).orElseThrow()) {
                return handle.token();
            }
        };
    }

    @TearDown
    public void tearDown() {
        if (locks != null) {
            locks.close();
        }
    }

    /** A thread's own lock name, and its own {@code ReentrantLock}. */
    @State(Scope.Thread)
    public static class PerThread {
        String name;
        final ReentrantLock lock = new ReentrantLock();

        @Setup
        public void setUp(LockBenchmark benchmark) {
            name = "lock-" + benchmark.threads.incrementAndGet();
        }
    }

    @Benchmark
    public long acquireRelease(PerThread thread) {
        return cycle.run(thread);
    }
}
