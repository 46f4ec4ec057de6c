package dev.mainstay.benchmarks.pool;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * The floor under {@code PoolBenchmark}'s tuned row, on one thread: a claim and a return of one state word and
 * nothing else. {@link #casThenRelease()} is Stormpot's shape (a compare-and-set to claim, a release store to give
 * back); {@link #casThenCas()} is Mainstay's (the return is a compare-and-set from the claim stamp too, which is
 * what makes a second or a racing {@code close()} harmless). Their ratio is the most the tuned pool can reach
 * against Stormpot while it keeps that guarantee.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(1)
public class ReturnFloorBenchmark {

    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(ReturnFloorBenchmark.class, "state", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private volatile long state;

    @Benchmark
    public boolean casThenRelease() {
        long idle = state;
        boolean claimed = STATE.compareAndSet(this, idle, idle + 5);
        STATE.setRelease(this, idle + 4);
        return claimed;
    }

    @Benchmark
    public boolean casThenCas() {
        long idle = state;
        boolean claimed = STATE.compareAndSet(this, idle, idle + 5);
        return claimed & STATE.compareAndSet(this, idle + 5, idle + 4);
    }
}
