package dev.mainstay.ratelimit;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * The settings of a {@link ConcurrencyLimiter}, as its builder collected them. Immutable.
 *
 * <pre>{@code
 * ConcurrencyLimiterConfig config = ConcurrencyLimiter.builder(ConcurrencyLimit.fixed(8)).name("db").build().config();
 * }</pre>
 *
 * @param name       the limiter's name, used in listener calls, JFR events and messages
 * @param limit      the limit
 * @param partitions each partition's share of the limit, in the order they were added (unmodifiable)
 * @param maxWait    how long the decorators ({@code get}, {@code call}, {@code run}) wait for a slot
 * @param dropOn     which exceptions thrown through a decorator count as a drop (overload seen); the others are
 *                   ignored
 * @param ticker     monotonic nanoseconds ({@code System::nanoTime} by default)
 * @param listener   the listener, or {@link #NO_LISTENER}
 */
public record ConcurrencyLimiterConfig(String name, ConcurrencyLimit limit, Map<String, Double> partitions,
        Duration maxWait, Predicate<? super Throwable> dropOn, LongSupplier ticker,
        ConcurrencyLimiterListener listener) {

    /** The listener of a limiter built without one: never called. */
    public static final ConcurrencyLimiterListener NO_LISTENER = new ConcurrencyLimiterListener() {};

    /** The default ticker: {@code System.nanoTime()}. */
    public static final LongSupplier SYSTEM_TICKER = System::nanoTime;

    /** The default of {@code dropOn}: a {@link TimeoutException} or an {@link java.io.InterruptedIOException}. */
    public static final Predicate<Throwable> TIMEOUTS =
            t -> t instanceof TimeoutException || t instanceof java.io.InterruptedIOException;

    /**
     * Checks every component.
     *
     * @throws NullPointerException     naming a null component
     * @throws IllegalArgumentException naming a component out of range
     */
    public ConcurrencyLimiterConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(limit, "limit");
        Objects.requireNonNull(partitions, "partitions");
        Objects.requireNonNull(maxWait, "maxWait");
        Objects.requireNonNull(dropOn, "dropOn");
        Objects.requireNonNull(ticker, "ticker");
        Objects.requireNonNull(listener, "listener");
        if (name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank but was '" + name + "'");
        }
        if (maxWait.isNegative()) {
            throw new IllegalArgumentException("maxWait must be >= 0 but was " + maxWait);
        }
        double sum = 0;
        for (Map.Entry<String, Double> partition : partitions.entrySet()) {
            checkPartition(partition.getKey(), partition.getValue());
            sum += partition.getValue();
        }
        if (sum > 1.0 + 1e-9) {
            throw new IllegalArgumentException("partition shares must add up to <= 1 but were " + sum);
        }
        partitions = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(partitions));
    }

    static void checkPartition(String name, Double share) {
        Objects.requireNonNull(name, "partition");
        Objects.requireNonNull(share, "share");
        if (name.isBlank()) {
            throw new IllegalArgumentException("partition must not be blank but was '" + name + "'");
        }
        if (!(share > 0 && share <= 1)) {
            throw new IllegalArgumentException("share of partition '" + name + "' must be in (0, 1] but was " + share);
        }
    }
}
