package dev.mainstay.benchmarks.retry;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeExecutor;
import dev.mainstay.retry.Timeout;
import io.github.resilience4j.timelimiter.TimeLimiter;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * A 1 s time limit on an asynchronous call that completes in time: the stage is still pending when the limit is set
 * (so every implementation schedules its timer), then the call does {@code Blackhole.consumeCPU(100)}, completes
 * the stage and joins the limited future. Mainstay's {@link Timeout}, Resilience4j 2.4 {@code TimeLimiter} and
 * Failsafe 3.3.2 {@code Timeout}, next to the same steps without a limit. Mainstay and Resilience4j get the same
 * one-thread scheduler with cancelled tasks removed at once (without that, Resilience4j's cancelled timers pile up
 * in the queue for their full second); {@code mainstay-own} is Mainstay with its default, its own scheduler; Failsafe
 * uses its own. Run with {@code -t 1} and {@code -t 2}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TimeoutBenchmark {

    @Param({"direct", "mainstay", "mainstay-own", "resilience4j", "failsafe"})
    public String implementation;

    private ScheduledThreadPoolExecutor scheduler;
    private Timeout timeout;
    private Function<CompletableFuture<Integer>, CompletableFuture<Integer>> limit;

    @Setup(Level.Trial)
    public void setUp() {
        scheduler = new ScheduledThreadPoolExecutor(1, r -> {
            Thread thread = new Thread(r, "bench-timer");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.setRemoveOnCancelPolicy(true);
        switch (implementation) {
            case "direct" -> limit = stage -> stage;
            case "mainstay" -> {
                timeout = Timeout.builder().timeout(Duration.ofSeconds(1)).scheduler(scheduler).build();
                limit = stage -> timeout.getAsync(() -> stage);
            }
            case "mainstay-own" -> {
                timeout = Timeout.of(Duration.ofSeconds(1));              // the policy's own scheduler (the default)
                limit = stage -> timeout.getAsync(() -> stage);
            }
            case "resilience4j" -> {
                TimeLimiter limiter = TimeLimiter.of(Duration.ofSeconds(1));
                limit = stage -> limiter.executeCompletionStage(scheduler, () -> stage).toCompletableFuture();
            }
            case "failsafe" -> {
                FailsafeExecutor<Integer> executor =
                        Failsafe.with(dev.failsafe.Timeout.<Integer>of(Duration.ofSeconds(1)));
                limit = stage -> executor.getStageAsync(() -> stage);
            }
            default -> throw new IllegalArgumentException(implementation);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (scheduler.getQueue().size() > 10_000) {
            throw new IllegalStateException("timers left behind: " + scheduler.getQueue().size());
        }
        scheduler.shutdownNow();
        if (timeout != null) {
            if (timeout.pendingTimers() > 10_000) {
                throw new IllegalStateException("timers left behind: " + timeout.pendingTimers());
            }
            timeout.close();
        }
    }

    @Benchmark
    public Integer inTime() {
        CompletableFuture<Integer> stage = new CompletableFuture<>();
        CompletableFuture<Integer> limited = limit.apply(stage);
        Blackhole.consumeCPU(100);
        stage.complete(1);
        return limited.join();
    }
}
