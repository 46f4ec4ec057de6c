package dev.mainstay.ratelimit;

import dev.mainstay.ratelimit.internal.LimiterCore;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Caps the calls in flight to a dependency: a bulkhead with a {@link ConcurrencyLimit#fixed fixed} limit, or a limit
 * learned from round-trip times and drops ({@link ConcurrencyLimit#aimd AIMD}, {@link ConcurrencyLimit#vegas Vegas},
 * {@link ConcurrencyLimit#gradient Gradient}). Where a {@link RateLimiter} counts calls per unit of time, this
 * counts calls that have started and not yet ended, which is what a saturated database or service feels.
 *
 * <pre>{@code
 * ConcurrencyLimiter limiter = ConcurrencyLimiter.of(ConcurrencyLimit.fixed(10));
 * String body = limiter.get(() -> fetch(uri));     // throws ConcurrencyLimitedException when 10 are in flight
 *
 * try (Permit permit = limiter.tryAcquire()) {     // the same by hand
 *     if (permit.isGranted()) {
 *         use(fetch(uri));
 *     }
 * }
 * }</pre>
 *
 * <p><b>Waiting.</b> {@link #tryAcquire()} never waits and never jumps the queue: while calls wait in
 * {@link #acquire(Duration)} or {@link #acquireAsync}, it is refused. Waiters are served first come, first served;
 * a blocking wait is interruptible; an asynchronous wait parks no thread.
 *
 * <p><b>Partitions.</b> A limiter built with {@link Builder#partition partitions} reserves a share of its limit
 * (rounded down) for each; {@link #partition(String)} gives the view that acquires in one (as Netflix's partitioned
 * limiter does). A call is admitted while the total in flight is below the limit, whatever its partition; and a
 * call whose partition holds less than its share is admitted even when the others have borrowed the rest, so the
 * total may then pass the limit, by at most that share, until the borrowers finish. Calls made through the limiter
 * itself have no share: they only borrow.
 *
 * <p>Thread-safe, and immutable in configuration; only the adaptive limit moves.
 */
public interface ConcurrencyLimiter {

    /**
     * A limiter with the default settings.
     *
     * @param limit the limit
     * @return the limiter
     */
    static ConcurrencyLimiter of(ConcurrencyLimit limit) {
        return builder(limit).build();
    }

    /**
     * A builder for a limiter enforcing {@code limit}.
     *
     * @param limit the limit
     * @return the builder
     */
    static Builder builder(ConcurrencyLimit limit) {
        return new Builder(limit);
    }

    /**
     * Takes a slot if one is free now and no one is waiting for one. A refusal allocates nothing.
     *
     * @return a granted permit, or a refused one ({@link Permit#isGranted()} is {@code false})
     */
    Permit tryAcquire();

    /**
     * Takes a slot, waiting up to {@code timeout} for one, first come first served. Waits by parking the thread;
     * the timeout is measured on the ticker, which must advance in real time.
     *
     * @param timeout the longest wait, {@code >= 0}
     * @return a granted permit, or a refused one when the timeout passed
     * @throws InterruptedException     if the thread is interrupted before or while waiting (nothing is held)
     * @throws IllegalArgumentException if {@code timeout} is negative
     */
    Permit acquire(Duration timeout) throws InterruptedException;

    /**
     * Takes a slot without blocking a thread: when none is free, the request joins the queue and the returned
     * future completes when a slot is handed to it, or with a refused permit when {@code timeout} passes (the timer
     * runs on {@code scheduler}). Cancelling the future leaves the queue; a slot handed to a cancelled future is
     * given back.
     *
     * @param timeout   the longest wait, {@code >= 0}
     * @param scheduler where the timeout runs
     * @return completes with a granted or refused permit
     * @throws IllegalArgumentException if {@code timeout} is negative
     */
    CompletableFuture<Permit> acquireAsync(Duration timeout, ScheduledExecutorService scheduler);

    /**
     * Calls {@code supplier} in a slot (waiting up to {@link Builder#maxWait maxWait} for one) and releases it:
     * a success when it returns, a drop when it throws what {@link Builder#dropOn dropOn} accepts, ignored otherwise.
     * Allocates nothing of its own.
     *
     * @param supplier the call
     * @param <T>      its result
     * @return its result
     * @throws ConcurrencyLimitedException if no slot could be had
     */
    <T> T get(Supplier<? extends T> supplier);

    /**
     * Calls {@code callable} in a slot, as {@link #get} does.
     *
     * @param callable the call
     * @param <T>      its result
     * @return its result
     * @throws ConcurrencyLimitedException if no slot could be had
     * @throws Exception                   what the call threw
     */
    <T> T call(Callable<? extends T> callable) throws Exception;

    /**
     * Runs {@code runnable} in a slot, as {@link #get} does.
     *
     * @param runnable the call
     * @throws ConcurrencyLimitedException if no slot could be had
     */
    void run(Runnable runnable);

    /**
     * Starts an asynchronous call in a slot, if one is free now, and releases it when the call's stage completes
     * (as {@link #get} classifies the outcome). A refusal is a future failed with
     * {@link ConcurrencyLimitedException}.
     *
     * @param supplier starts the call; if it throws, the slot is released and the future fails with that
     * @param <T>      its result
     * @return the call's result
     */
    <T> CompletableFuture<T> getAsync(Supplier<? extends CompletionStage<? extends T>> supplier);

    /**
     * The view of this limiter that acquires in {@code partition}; it shares this limiter's slots and limit.
     *
     * @param partition a partition named on the builder
     * @return the view
     * @throws IllegalArgumentException if there is no such partition
     */
    ConcurrencyLimiter partition(String partition);

    /**
     * The limit in force now (it moves for an adaptive limit). For a partition's view: its reserved share.
     *
     * @return the limit
     */
    int limit();

    /**
     * The calls in flight now (for a partition's view: in that partition).
     *
     * @return the calls in flight
     */
    int inFlight();

    /**
     * The calls waiting for a slot now (all partitions).
     *
     * @return the waiting calls
     */
    int waiting();

    /**
     * The limiter's name (for a partition's view: the partition's).
     *
     * @return the name
     */
    String name();

    /**
     * The settings this limiter was built with.
     *
     * @return the settings
     */
    ConcurrencyLimiterConfig config();

    /**
     * Builds a {@link ConcurrencyLimiter}. Each setting is checked when set. Not thread-safe.
     *
     * <pre>{@code
     * ConcurrencyLimiter limiter = ConcurrencyLimiter.builder(ConcurrencyLimit.gradient())
     *         .name("orders-db")
     *         .partition("live", 0.7)
     *         .partition("batch", 0.3)
     *         .maxWait(Duration.ofMillis(20))
     *         .build();
     * }</pre>
     */
    final class Builder {
        private final ConcurrencyLimit limit;
        private final Map<String, Double> partitions = new LinkedHashMap<>();
        private String name = "concurrency-limiter";
        private Duration maxWait = Duration.ZERO;
        private Predicate<? super Throwable> dropOn = ConcurrencyLimiterConfig.TIMEOUTS;
        private LongSupplier ticker = ConcurrencyLimiterConfig.SYSTEM_TICKER;
        private ConcurrencyLimiterListener listener = ConcurrencyLimiterConfig.NO_LISTENER;

        Builder(ConcurrencyLimit limit) {
            this.limit = Objects.requireNonNull(limit, "limit");
        }

        /**
         * The name used in listener calls, JFR events and messages. Default {@code "concurrency-limiter"}.
         *
         * @param name a non-blank name
         * @return this builder
         */
        public Builder name(String name) {
            Objects.requireNonNull(name, "name");
            if (name.isBlank()) {
                throw new IllegalArgumentException("name must not be blank but was '" + name + "'");
            }
            this.name = name;
            return this;
        }

        /**
         * Reserves {@code share} of the limit (rounded down) for calls made through {@link #partition(String)}.
         * Shares add up to at most 1. Default: no partitions.
         *
         * @param partition a non-blank name, not used before
         * @param share     in {@code (0, 1]}
         * @return this builder
         */
        public Builder partition(String partition, double share) {
            ConcurrencyLimiterConfig.checkPartition(partition, share);
            if (partitions.containsKey(partition)) {
                throw new IllegalArgumentException("partition '" + partition + "' was set twice");
            }
            double sum = partitions.values().stream().mapToDouble(Double::doubleValue).sum() + share;
            if (sum > 1.0 + 1e-9) {
                throw new IllegalArgumentException("partition shares must add up to <= 1 but were " + sum);
            }
            partitions.put(partition, share);
            return this;
        }

        /**
         * How long {@code get}, {@code call} and {@code run} wait for a slot before refusing. Default zero: they
         * refuse at once.
         *
         * @param maxWait {@code >= 0}
         * @return this builder
         */
        public Builder maxWait(Duration maxWait) {
            Objects.requireNonNull(maxWait, "maxWait");
            if (maxWait.isNegative()) {
                throw new IllegalArgumentException("maxWait must be >= 0 but was " + maxWait);
            }
            this.maxWait = maxWait;
            return this;
        }

        /**
         * Which exceptions thrown through a decorator count as a drop (the dependency is overloaded). Default: a
         * {@link java.util.concurrent.TimeoutException} or {@link java.io.InterruptedIOException} (which includes
         * {@code SocketTimeoutException}). Other exceptions release the slot as ignored.
         *
         * @param dropOn the predicate
         * @return this builder
         */
        public Builder dropOn(Predicate<? super Throwable> dropOn) {
            this.dropOn = Objects.requireNonNull(dropOn, "dropOn");
            return this;
        }

        /**
         * The clock: monotonic nanoseconds. Default {@code System::nanoTime}. Read at grant and release only when
         * an adaptive limit or a listener needs the round trip.
         *
         * @param ticker the ticker
         * @return this builder
         */
        public Builder ticker(LongSupplier ticker) {
            this.ticker = Objects.requireNonNull(ticker, "ticker");
            return this;
        }

        /**
         * The listener. Default: none (and no cost).
         *
         * @param listener the listener
         * @return this builder
         */
        public Builder listener(ConcurrencyLimiterListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * The settings collected so far.
         *
         * @return the settings
         */
        public ConcurrencyLimiterConfig config() {
            return new ConcurrencyLimiterConfig(name, limit, partitions, maxWait, dropOn, ticker, listener);
        }

        /**
         * Builds the limiter.
         *
         * @return a new limiter
         */
        public ConcurrencyLimiter build() {
            return LimiterCore.create(config());
        }
    }
}
