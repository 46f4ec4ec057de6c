package dev.mainstay.retry;

import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * The immutable settings of a {@link Retry}, as built by {@link Retry.Builder}; see the builder for each meaning
 * and default.
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
 * @param listener hears retries, successes after retries and give-ups
 * @param maxSuppressed how many earlier attempts' exceptions the final one carries
 * @param ticker monotonic nanoseconds
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
        Retry.Sleeper sleeper) {}
