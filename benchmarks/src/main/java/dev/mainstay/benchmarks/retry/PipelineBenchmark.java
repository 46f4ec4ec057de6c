package dev.mainstay.benchmarks.retry;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeExecutor;
import dev.failsafe.RetryPolicy;
import dev.mainstay.retry.CircuitBreaker;
import dev.mainstay.retry.Fallback;
import dev.mainstay.retry.Pipeline;
import dev.mainstay.retry.Retry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.decorators.Decorators;
import java.util.List;
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
 * The success path of fallback + retry + circuit breaker stacked in the documented order around
 * {@code Blackhole.consumeCPU(100)}: Mainstay's {@link Pipeline} (breaker without slow-call detection),
 * Resilience4j 2.4 {@code Decorators} and Failsafe 3.3.2 {@code Failsafe.with(fallback, retry, breaker)}, each with
 * its defaults (3 attempts, a count window of 100), next to the direct call. One pipeline shared by all threads; run
 * with {@code -t 1} and {@code -t 2}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PipelineBenchmark {

    @Param({"direct", "mainstay", "resilience4j", "failsafe"})
    public String implementation;

    private Supplier<Integer> call;

    @Setup(Level.Trial)
    public void setUp() {
        Supplier<Integer> payload = CircuitBreakerBenchmark.PAYLOAD;
        switch (implementation) {
            case "direct" -> call = payload;
            case "mainstay" -> {
                Pipeline<Integer> pipeline = Pipeline.<Integer>builder()
                        .fallback(Fallback.of(-1))
                        .retry(Retry.ofDefaults())
                        .circuitBreaker(CircuitBreaker.builder().name("bench").countBasedWindow(100).build())
                        .build();
                call = () -> pipeline.get(payload);
            }
            case "resilience4j" -> {
                io.github.resilience4j.circuitbreaker.CircuitBreaker breaker =
                        io.github.resilience4j.circuitbreaker.CircuitBreaker.of("bench", CircuitBreakerConfig.ofDefaults());
                io.github.resilience4j.retry.Retry retry = io.github.resilience4j.retry.Retry.ofDefaults("bench");
                call = Decorators.ofSupplier(payload)
                        .withCircuitBreaker(breaker)
                        .withRetry(retry)
                        .withFallback(List.of(Exception.class), failure -> -1)
                        .decorate();
            }
            case "failsafe" -> {
                FailsafeExecutor<Integer> executor = Failsafe.with(
                        dev.failsafe.Fallback.of(-1),
                        RetryPolicy.<Integer>ofDefaults(),
                        dev.failsafe.CircuitBreaker.<Integer>builder().build());
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
