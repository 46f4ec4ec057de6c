package dev.mainstay.benchmarks.retry;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeExecutor;
import dev.mainstay.retry.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Duration;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * The success path of a closed circuit breaker around a call of {@code Blackhole.consumeCPU(100)}: Mainstay (with
 * slow-call detection on, as the peers measure every call, and off), Resilience4j 2.4 and Failsafe 3.3.2, next to
 * the direct call. One breaker shared by all threads; run with {@code -t 1} and {@code -t 2}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CircuitBreakerBenchmark {

    static final Supplier<Integer> PAYLOAD = () -> {
        Blackhole.consumeCPU(100);
        return 1;
    };

    @Param({"direct", "mainstay", "mainstay-noslow", "resilience4j", "failsafe"})
    public String implementation;

    private Supplier<Integer> call;

    @Setup(Level.Trial)
    public void setUp() {
        switch (implementation) {
            case "direct" -> call = PAYLOAD;
            case "mainstay" -> {
                // the peers' defaults: a count window of 100, slow calls at 60 s with detection on
                CircuitBreaker breaker = CircuitBreaker.builder().name("bench").countBasedWindow(100)
                        .slowCallRateThreshold(100).slowCallDuration(Duration.ofSeconds(60)).build();
                call = () -> breaker.get(PAYLOAD);
            }
            case "mainstay-noslow" -> {
                CircuitBreaker breaker = CircuitBreaker.builder().name("bench").countBasedWindow(100).build();
                call = () -> breaker.get(PAYLOAD);
            }
            case "resilience4j" -> {
                io.github.resilience4j.circuitbreaker.CircuitBreaker breaker =
                        io.github.resilience4j.circuitbreaker.CircuitBreaker.of("bench", CircuitBreakerConfig.ofDefaults());
                call = () -> breaker.executeSupplier(PAYLOAD);
            }
            case "failsafe" -> {
                FailsafeExecutor<Integer> executor =
                        Failsafe.with(dev.failsafe.CircuitBreaker.<Integer>builder().build());
                dev.failsafe.function.CheckedSupplier<Integer> supplier = PAYLOAD::get;
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
