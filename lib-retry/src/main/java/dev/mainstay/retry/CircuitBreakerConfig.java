package dev.mainstay.retry;

import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * The immutable settings of a {@link CircuitBreaker}, as built by {@link CircuitBreaker.Builder}; see the builder
 * for each meaning and default.
 *
 * <pre>{@code
 * CircuitBreakerConfig config = CircuitBreaker.builder().failureRateThreshold(25).build().config();
 * assert config.failureRateThreshold() == 25f;
 * }</pre>
 *
 * @param name the breaker's name
 * @param failureRateThreshold percentage of failed calls in the window that opens the breaker
 * @param slowCallRateThreshold percentage of slow calls that opens the breaker; empty when slow calls are not detected
 * @param slowCallDuration calls at least this long are slow
 * @param minimumCalls calls the window needs before rates are judged
 * @param windowType count-based or time-based
 * @param windowSize calls (count-based) or buckets (time-based) in the window
 * @param windowLength the time-based window's length; zero for a count-based one
 * @param waitInOpen how long the breaker stays open, by the number of consecutive openings (1 for the first)
 * @param permittedCallsInHalfOpen the probes allowed in half-open
 * @param maxWaitInHalfOpen after this long in half-open with every probe taken, the breaker opens again
 * @param recordException exceptions that count as failures (others count as successes)
 * @param ignoreException exceptions that count as nothing
 * @param recordResult results that count as failures
 * @param listener hears transitions and refusals
 * @param ticker monotonic nanoseconds
 */
public record CircuitBreakerConfig(
        String name,
        float failureRateThreshold,
        Optional<Float> slowCallRateThreshold,
        Duration slowCallDuration,
        int minimumCalls,
        CircuitBreaker.WindowType windowType,
        int windowSize,
        Duration windowLength,
        Backoff waitInOpen,
        int permittedCallsInHalfOpen,
        Duration maxWaitInHalfOpen,
        Predicate<? super Throwable> recordException,
        Predicate<? super Throwable> ignoreException,
        Predicate<Object> recordResult,
        CircuitBreakerListener listener,
        LongSupplier ticker) {}
