package dev.mainstay.ratelimit;

import dev.mainstay.ratelimit.internal.Arith;
import java.time.Duration;
import java.util.Objects;

/**
 * What a limiter allows: the algorithm and its numbers. Immutable; build one with a static factory.
 *
 * <pre>{@code
 * RateLimit api = RateLimit.tokenBucket(100, 10, Duration.ofSeconds(1));   // burst 100, then 10 per second
 * RateLimit login = RateLimit.fixedWindow(5, Duration.ofMinutes(1));       // 5 per calendar-like minute
 * RateLimit search = RateLimit.slidingWindow(600, Duration.ofMinutes(1));  // about 600 in any minute
 * RateLimit smooth = RateLimit.gcra(50, Duration.ofSeconds(1), 10);        // 50 per second, bursts of 10
 * RateLimiter limiter = RateLimiter.of(api);
 * }</pre>
 *
 * <p>Every limit has a <em>capacity</em> (the most permits that can be taken at once), permits added back per
 * {@code period}, and the permits available when a limiter (or a key of a keyed limiter) starts. All arithmetic
 * is on integer nanoseconds: a limit never drifts, whatever the rate.
 *
 * @param algorithm      how permits come back
 * @param capacity       the most permits available at once, {@code >= 1}
 * @param refillPermits  permits that come back per {@code period}, {@code >= 1}
 * @param period         the refill period (the window for window algorithms), {@code > 0}
 * @param initialPermits the permits available at the start, {@code 0..capacity}
 */
public record RateLimit(Algorithm algorithm, long capacity, long refillPermits, Duration period, long initialPermits) {

    /** The largest {@code capacity * period / refillPermits} (in nanoseconds) a limit may describe: 2^62. */
    static final long MAX_SPAN = 1L << 62;

    /** The largest limit of a sliding window: its two counters share one 64-bit word with a window tag. */
    public static final long MAX_SLIDING_WINDOW_LIMIT = (1L << 24) - 1;

    /** How permits come back. */
    public enum Algorithm {
        /**
         * Token bucket refilled continuously: one permit every {@code period / refillPermits}, exactly (the
         * fractions of a nanosecond are carried, not rounded away).
         */
        TOKEN_BUCKET_GREEDY,
        /** Token bucket refilled in steps: {@code refillPermits} at once at every multiple of {@code period}. */
        TOKEN_BUCKET_INTERVAL,
        /**
         * {@code capacity} permits per window; windows are aligned to multiples of {@code period} on the ticker's
         * scale. Up to twice the limit can pass around a window boundary.
         */
        FIXED_WINDOW,
        /**
         * Sliding-window counter: the current window's count plus the previous window's count weighted by the
         * part of it still inside the sliding window. Smooths the fixed window's boundary burst.
         */
        SLIDING_WINDOW,
        /**
         * Generic cell rate algorithm: one emission every {@code period / refillPermits} with a tolerance of
         * {@code capacity} emissions at once. Admits exactly what a greedy token bucket of that capacity admits.
         */
        GCRA
    }

    /**
     * Checks every component.
     *
     * @throws NullPointerException     if {@code algorithm} or {@code period} is null
     * @throws IllegalArgumentException naming the component and value that is out of range
     */
    public RateLimit {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(period, "period");
        positive("capacity", capacity);
        positive("refillPermits", refillPermits);
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("period must be > 0 but was " + period);
        }
        if (initialPermits < 0 || initialPermits > capacity) {
            throw new IllegalArgumentException(
                    "initialPermits must be between 0 and capacity " + capacity + " but was " + initialPermits);
        }
        long periodNanos = Arith.saturatedNanos(period);
        if (periodNanos == Long.MAX_VALUE) {
            throw new IllegalArgumentException("period must be < 292 years but was " + period);
        }
        if (algorithm == Algorithm.SLIDING_WINDOW && capacity > MAX_SLIDING_WINDOW_LIMIT) {
            throw new IllegalArgumentException(
                    "limit must be <= " + MAX_SLIDING_WINDOW_LIMIT + " for a sliding window but was " + capacity);
        }
        if (algorithm == Algorithm.FIXED_WINDOW || algorithm == Algorithm.SLIDING_WINDOW) {
            if (refillPermits != capacity) {
                throw new IllegalArgumentException("refillPermits must equal the window limit " + capacity
                        + " for " + algorithm + " but was " + refillPermits);
            }
        }
        // capacity * period / refill must fit, with headroom, so that every intermediate value is exact
        long rounds = capacity / refillPermits + 1;
        if (Math.multiplyHigh(rounds, periodNanos) != 0 || rounds * periodNanos >= MAX_SPAN || rounds * periodNanos < 0) {
            throw new IllegalArgumentException("capacity " + capacity + " refilled at " + refillPermits + " per "
                    + period + " spans more than 2^62 ns; use a smaller capacity or a shorter period");
        }
        if (algorithm == Algorithm.TOKEN_BUCKET_GREEDY || algorithm == Algorithm.GCRA) {
            long unit = periodNanos / Arith.gcd(periodNanos, refillPermits);
            if (Math.multiplyHigh(capacity, unit) != 0 || capacity * unit >= MAX_SPAN || capacity * unit < 0) {
                throw new IllegalArgumentException("capacity " + capacity + " refilled at " + refillPermits
                        + " per " + period + " needs more than 62 bits of exact state; use numbers with a larger"
                        + " common divisor (e.g. a period in whole milliseconds) or a smaller capacity");
            }
        }
    }

    /**
     * A token bucket refilled continuously: {@code refillPermits} per {@code period}, spread evenly, starting full.
     *
     * @param capacity      the most permits available at once (the burst), {@code >= 1}
     * @param refillPermits permits added per {@code period}, {@code >= 1}
     * @param period        the refill period, {@code > 0}
     * @return the limit
     */
    public static RateLimit tokenBucket(long capacity, long refillPermits, Duration period) {
        return new RateLimit(Algorithm.TOKEN_BUCKET_GREEDY, capacity, refillPermits, period, capacity);
    }

    /**
     * A fixed window: {@code limit} permits per window of {@code window}, windows aligned to multiples of
     * {@code window} on the ticker's scale.
     *
     * @param limit  permits per window, {@code >= 1}
     * @param window the window, {@code > 0}
     * @return the limit
     */
    public static RateLimit fixedWindow(long limit, Duration window) {
        positive("limit", limit);
        return new RateLimit(Algorithm.FIXED_WINDOW, limit, limit, window, limit);
    }

    /**
     * A sliding-window counter: about {@code limit} permits in any window of length {@code window}.
     *
     * @param limit  permits per window, {@code 1..}{@link #MAX_SLIDING_WINDOW_LIMIT}
     * @param window the window, {@code > 0}
     * @return the limit
     */
    public static RateLimit slidingWindow(long limit, Duration window) {
        positive("limit", limit);
        return new RateLimit(Algorithm.SLIDING_WINDOW, limit, limit, window, limit);
    }

    /**
     * The generic cell rate algorithm (as in redis-cell): {@code permitsPerPeriod} per {@code period}, evenly
     * spaced, with bursts of up to {@code burst} at once. (redis-cell's {@code max_burst} is {@code burst - 1}.)
     *
     * @param permitsPerPeriod the sustained rate's permits, {@code >= 1}
     * @param period           the sustained rate's period, {@code > 0}
     * @param burst            the most permits at once, {@code >= 1}
     * @return the limit
     */
    public static RateLimit gcra(long permitsPerPeriod, Duration period, long burst) {
        positive("permitsPerPeriod", permitsPerPeriod);
        positive("burst", burst);
        return new RateLimit(Algorithm.GCRA, burst, permitsPerPeriod, period, burst);
    }

    /**
     * This limit with permits refilled in steps ({@link Algorithm#TOKEN_BUCKET_INTERVAL}) instead of continuously.
     *
     * @return the limit
     * @throws IllegalStateException if this is not a token bucket
     */
    public RateLimit withIntervalRefill() {
        if (algorithm != Algorithm.TOKEN_BUCKET_GREEDY && algorithm != Algorithm.TOKEN_BUCKET_INTERVAL) {
            throw new IllegalStateException("interval refill applies to a token bucket, not to " + algorithm);
        }
        return new RateLimit(Algorithm.TOKEN_BUCKET_INTERVAL, capacity, refillPermits, period, initialPermits);
    }

    /**
     * This limit starting with {@code permits} available instead of a full capacity.
     *
     * @param permits the permits available at the start, {@code 0..capacity}
     * @return the limit
     */
    public RateLimit withInitialPermits(long permits) {
        return new RateLimit(algorithm, capacity, refillPermits, period, permits);
    }

    /**
     * The period in nanoseconds.
     *
     * @return {@code period} in nanoseconds
     */
    public long periodNanos() {
        return Arith.saturatedNanos(period);
    }

    private static void positive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be > 0 but was " + value);
        }
    }
}
