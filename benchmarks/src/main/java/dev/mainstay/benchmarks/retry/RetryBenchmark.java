package dev.mainstay.benchmarks.retry;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeExecutor;
import dev.failsafe.RetryPolicy;
import dev.mainstay.retry.Retry;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The success path of a retry policy (the first attempt succeeds) around {@code Blackhole.consumeCPU(100)}: Mainstay,
 * Resilience4j 2.4 and Failsafe 3.3.2 with their defaults, next to the direct call. Run with {@code -t 1} and
 * {@code -t 2}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RetryBenchmark {

    @Param({"direct", "mainstay", "resilience4j", "failsafe"})
    public String implementation;

    private Supplier<Integer> call;

    @Setup(Level.Trial)
    public void setUp() {
        Supplier<Integer> payload = CircuitBreakerBenchmark.PAYLOAD;
        switch (implementation) {
            case "direct" -> call = payload;
            case "mainstay" -> {
                Retry retry = Retry.ofDefaults();
                call = () -> retry.get(payload);
            }
            case "resilience4j" -> {
                io.github.resilience4j.retry.Retry retry = io.github.resilience4j.retry.Retry.ofDefaults("bench");
                call = () -> retry.executeSupplier(payload);
            }
            case "failsafe" -> {
                FailsafeExecutor<Integer> executor = Failsafe.with(RetryPolicy.<Integer>ofDefaults());
                dev.failsafe.function.CheckedSupplier<Integer> supplier = payload::get;
                call = () -> executor.get(supplier);
            }
            default -> throw new IllegalArgumentException(implementation);
        }
    }

    @Benchmark
    public Integer success() {
        return call.get();
    }
}
