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
 * against Stormpot while it keeps that guarantee. {@link #twoCounters()} is the store-based design that was
 * weighed and rejected: claims counted by compare-and-set on one word, returns by a release store on another, a
 * slot idle when the two are equal. It runs at Stormpot's speed and never lends one object twice, but a racing
 * second return whose check came before the first return's store and whose store lands after the next borrower's
 * return puts the return counter back: the slot then looks lent forever, silently lost to every later borrower
 * (see {@code docs/pool.md}, "A lease is a claim stamp").
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(1)
public class ReturnFloorBenchmark {

    private static final VarHandle STATE;
    private static final VarHandle CLAIMS;
    private static final VarHandle RETURNS;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(ReturnFloorBenchmark.class, "state", long.class);
            CLAIMS = MethodHandles.lookup().findVarHandle(ReturnFloorBenchmark.class, "claims", long.class);
            RETURNS = MethodHandles.lookup().findVarHandle(ReturnFloorBenchmark.class, "returns", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private volatile long state;
    private volatile long claims;
    private volatile long returns;

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

    @Benchmark
    public boolean twoCounters() {
        long c = claims;
        boolean claimed = returns == c && CLAIMS.compareAndSet(this, c, c + 1);
        if (claims == c + 1 && returns == c) { // the return's check: this claim, not returned yet
            RETURNS.setRelease(this, c + 1);
        }
        return claimed;
    }
}
