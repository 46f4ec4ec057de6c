package dev.mainstay.retry;

import dev.mainstay.retry.internal.Checks;
import dev.mainstay.retry.internal.Nanos;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.LongSupplier;

/**
 * The immutable settings of a {@link Hedge}, as built by {@link Hedge.Builder}; see the builder for each meaning and
 * default. The compact constructor checks every component as the builder does.
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
        LongSupplier ticker) {

    /** The most extra attempts of one call. */
    static final int MAX_HEDGES = 16;

    /**
     * Checks every component.
     *
     * @throws NullPointerException naming a null component
     * @throws IllegalArgumentException naming the component and its bad value
     */
    public HedgeConfig {
        Checks.name(name);
        Checks.inRange("maxHedges", maxHedges, 1, MAX_HEDGES);
        Nanos.notNegative("delay", delay);
        Objects.requireNonNull(percentile, "percentile").ifPresent(p -> checkPercentile("percentile", p));
        Objects.requireNonNull(budget, "budget");
        Objects.requireNonNull(executor, "executor");
        Objects.requireNonNull(scheduler, "scheduler");
        Objects.requireNonNull(ticker, "ticker");
    }

    /** A percentile in (0, 100). */
    static void checkPercentile(String setting, double percentile) {
        if (!(percentile > 0 && percentile < 100)) {
            throw new IllegalArgumentException(setting + " must be in (0, 100) but was " + percentile);
        }
    }
}
