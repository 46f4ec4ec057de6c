package dev.mainstay.retry;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.LongSupplier;

/**
 * The immutable settings of a {@link Hedge}, as built by {@link Hedge.Builder}; see the builder for each meaning and
 * default.
 *
 * <pre>{@code
 * HedgeConfig config = Hedge.builder().delay(Duration.ofMillis(40)).build().config();
 * assert config.maxHedges() == 1;
 * }</pre>
 *
 * @param name the name
 * @param maxHedges the most extra attempts
 * @param delay the fixed delay, or the initial one when a percentile is set
 * @param percentile the observed-latency percentile that sets the delay, if any
 * @param budget the budget hedges draw from, if any
 * @param executor runs synchronous calls' attempts, if given
 * @param scheduler holds the timers, if given (else the policy starts its own)
 * @param ticker monotonic nanoseconds
 */
public record HedgeConfig(
        String name,
        int maxHedges,
        Duration delay,
        Optional<Double> percentile,
        Optional<RetryBudget> budget,
        Optional<Executor> executor,
        Optional<ScheduledExecutorService> scheduler,
        LongSupplier ticker) {}
