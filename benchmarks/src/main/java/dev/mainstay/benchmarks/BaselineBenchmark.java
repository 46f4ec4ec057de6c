package dev.mainstay.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The yardsticks every other benchmark is read against on this machine: an empty call, the payload used by the
 * retry and circuit-breaker benchmarks ({@code Blackhole.consumeCPU(100)}), and one clock read.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class BaselineBenchmark {

    @Benchmark
    public void empty() {}

    @Benchmark
    public void payload() {
        Blackhole.consumeCPU(100);
    }

    @Benchmark
    public long nanoTime() {
        return System.nanoTime();
    }
}
