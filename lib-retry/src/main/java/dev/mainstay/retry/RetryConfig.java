package dev.mainstay.retry;

import dev.mainstay.retry.internal.Checks;
import dev.mainstay.retry.internal.Nanos;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * The immutable settings of a {@link Retry}, as built by {@link Retry.Builder}; see the builder for each meaning
 * and default. The compact constructor checks every component as the builder does, so a config made directly is
 * as valid as a built one.
 *
 * <pre>{@code
 * RetryConfig config = Retry.builder().maxAttempts(5).build().config();
 * assert config.maxAttempts() == 5;
 * }</pre>
 *
 * @param name the name given to listeners
 * @param maxAttempts the most attempts, first one included
 * @param deadline the overall time limit, if any
 * @param backoff the delay before each retry
 * @param delayFunction overrides the backoff for an attempt when it returns a delay
 * @param retryOn which exceptions are retried ({@link Error}s never are)
 * @param abortOn exceptions that stop retrying at once
 * @param retryOnResult results that count as failures and are retried
 * @param abortOnResult results that stop retrying at once
 * @param budget the shared retry budget, if any
 * @param listener hears retries, successes after retries and give-ups, or {@link #NO_LISTENER}
 * @param maxSuppressed how many earlier attempts' exceptions the final one carries
 * @param ticker monotonic nanoseconds ({@link #SYSTEM_TICKER} by default)
 * @param sleeper how the synchronous methods wait
 */
public record RetryConfig(
        String name,
        int maxAttempts,
        Optional<Duration> deadline,
        Backoff backoff,
        Retry.DelayFunction delayFunction,
        Predicate<? super Throwable> retryOn,
        Predicate<? super Throwable> abortOn,
        Predicate<Object> retryOnResult,
        Predicate<Object> abortOnResult,
        Optional<RetryBudget> budget,
        RetryListener listener,
        int maxSuppressed,
        LongSupplier ticker,
        Retry.Sleeper sleeper) {

    /** The listener of a policy built without one: never called. */
    public static final RetryListener NO_LISTENER = new RetryListener() {};

    /**
     * The default ticker of every policy in this module: {@code System.nanoTime()}, the only place the module
     * reads the system clock.
     */
    public static final LongSupplier SYSTEM_TICKER = System::nanoTime;

    /**
     * Checks every component.
     *
     * @throws NullPointerException naming a null component
     * @throws IllegalArgumentException naming the component and its bad value
     */
    public RetryConfig {
        Checks.name(name);
        Checks.atLeast("maxAttempts", maxAttempts, 1);
        Objects.requireNonNull(deadline, "deadline").ifPresent(d -> Nanos.positive("deadline", d));
        Objects.requireNonNull(backoff, "backoff");
        Objects.requireNonNull(delayFunction, "delayFunction");
        Objects.requireNonNull(retryOn, "retryOn");
        Objects.requireNonNull(abortOn, "abortOn");
        Objects.requireNonNull(retryOnResult, "retryOnResult");
        Objects.requireNonNull(abortOnResult, "abortOnResult");
        Objects.requireNonNull(budget, "budget");
        Objects.requireNonNull(listener, "listener");
        Checks.atLeast("maxSuppressed", maxSuppressed, 0);
        Objects.requireNonNull(ticker, "ticker");
        Objects.requireNonNull(sleeper, "sleeper");
    }
}
