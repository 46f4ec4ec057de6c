package dev.mainstay.retry;

import dev.mainstay.retry.internal.Checks;
import dev.mainstay.retry.internal.Nanos;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * The immutable settings of a {@link CircuitBreaker}, as built by {@link CircuitBreaker.Builder}; see the builder
 * for each meaning and default. The compact constructor checks every component as the builder does, so a config
 * made directly is as valid as a built one.
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
 * @param listener hears transitions and refusals, or {@link #NO_LISTENER}
 * @param ticker monotonic nanoseconds ({@link RetryConfig#SYSTEM_TICKER} by default)
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
        LongSupplier ticker) {

    /** The listener of a breaker built without one: never called. */
    public static final CircuitBreakerListener NO_LISTENER = new CircuitBreakerListener() {};

    /** The largest count-based window, in calls. */
    static final int MAX_WINDOW_CALLS = 1_000_000;
    /** The most buckets of a time-based window. */
    static final int MAX_WINDOW_BUCKETS = 10_000;
    /** The most probes in half-open (the probe counter packs them in 16-bit fields). */
    static final int MAX_PROBES = 32_767;

    /**
     * Checks every component.
     *
     * @throws NullPointerException naming a null component
     * @throws IllegalArgumentException naming the component and its bad value
     */
    public CircuitBreakerConfig {
        Checks.name(name);
        Checks.percentage("failureRateThreshold", failureRateThreshold);
        Objects.requireNonNull(slowCallRateThreshold, "slowCallRateThreshold")
                .ifPresent(percent -> Checks.percentage("slowCallRateThreshold", percent));
        Nanos.positive("slowCallDuration", slowCallDuration);
        Checks.atLeast("minimumCalls", minimumCalls, 1);
        Objects.requireNonNull(windowType, "windowType");
        Objects.requireNonNull(windowLength, "windowLength");
        if (windowType == CircuitBreaker.WindowType.COUNT_BASED) {
            Checks.inRange("windowSize", windowSize, 1, MAX_WINDOW_CALLS);
            if (!windowLength.isZero()) {
                throw new IllegalArgumentException("windowLength must be zero for a count-based window but was "
                        + windowLength);
            }
        } else {
            checkTimeWindow("windowLength", windowLength, "windowSize", windowSize);
        }
        Objects.requireNonNull(waitInOpen, "waitInOpen");
        Checks.inRange("permittedCallsInHalfOpen", permittedCallsInHalfOpen, 1, MAX_PROBES);
        Nanos.positive("maxWaitInHalfOpen", maxWaitInHalfOpen);
        Objects.requireNonNull(recordException, "recordException");
        Objects.requireNonNull(ignoreException, "ignoreException");
        Objects.requireNonNull(recordResult, "recordResult");
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(ticker, "ticker");
    }

    /** A time-based window: a positive length of at least one nanosecond per bucket, and [1, 10000] buckets. */
    static void checkTimeWindow(String lengthSetting, Duration length, String bucketsSetting, int buckets) {
        Nanos.positive(lengthSetting, length);
        Checks.inRange(bucketsSetting, buckets, 1, MAX_WINDOW_BUCKETS);
        if (Nanos.saturated(length) < buckets) {
            throw new IllegalArgumentException(lengthSetting + " must be >= " + buckets + " ns but was " + length);
        }
    }
}
