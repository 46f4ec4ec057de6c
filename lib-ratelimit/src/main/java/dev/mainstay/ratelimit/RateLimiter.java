package dev.mainstay.ratelimit;

import dev.mainstay.ratelimit.internal.LocalRateLimiter;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;

/**
 * A rate limiter in this process: token bucket, fixed window, sliding window or GCRA, as its {@link RateLimit}
 * says. Thread-safe and lock-free; each decision is one clock read and one compare-and-set on a single
 * {@code long}, and allocates nothing.
 *
 * <pre>{@code
 * RateLimiter limiter = RateLimiter.of(RateLimit.tokenBucket(100, 10, Duration.ofSeconds(1)));
 * if (limiter.tryAcquire()) {
 *     handle(request);
 * } else {
 *     reject(request);
 * }
 * long waitNanos = limiter.tryAcquireOrWaitNanos(5);      // 0: taken; otherwise when to come back
 * boolean got = limiter.acquire(1, Duration.ofMillis(50)); // waits, but never past the timeout
 * }</pre>
 *
 * <p>Permits asked for must be between 1 and the limit's capacity; more could never be granted, so asking for
 * them is an {@code IllegalArgumentException} rather than a refusal.
 */
public interface RateLimiter {

    /**
     * A limiter for {@code limit} with the default settings.
     *
     * @param limit the limit
     * @return the limiter
     */
    static RateLimiter of(RateLimit limit) {
        return builder(limit).build();
    }

    /**
     * A builder for a limiter enforcing {@code limit}.
     *
     * @param limit the limit
     * @return the builder
     */
    static Builder builder(RateLimit limit) {
        return new Builder(limit);
    }

    /**
     * Takes one permit if available now.
     *
     * @return whether it was taken
     */
    default boolean tryAcquire() {
        return tryAcquire(1);
    }

    /**
     * Takes {@code permits} if all are available now; takes nothing otherwise. Allocation-free.
     *
     * @param permits the permits, {@code 1..capacity}
     * @return whether they were taken
     * @throws IllegalArgumentException if {@code permits} is out of range
     */
    boolean tryAcquire(long permits);

    /**
     * Takes {@code permits} if all are available now, or says how long until they would be. Allocation-free.
     *
     * @param permits the permits, {@code 1..capacity}
     * @return {@code 0} when taken; otherwise the nanoseconds ({@code > 0}) until they could be taken
     * @throws IllegalArgumentException if {@code permits} is out of range
     */
    long tryAcquireOrWaitNanos(long permits);

    /**
     * Like {@link #tryAcquire(long)}, answering with the full {@link Decision} (allocates it).
     *
     * @param permits the permits, {@code 1..capacity}
     * @return the decision
     * @throws IllegalArgumentException if {@code permits} is out of range
     */
    Decision tryAcquireDecision(long permits);

    /**
     * Takes {@code permits}, waiting for them if they come within {@code timeout}. Returns {@code false} at once
     * when the wait it would need is longer than what is left of the timeout, and never sleeps past the timeout.
     * Waits by parking the thread; the ticker must advance in real time.
     *
     * @param permits the permits, {@code 1..capacity}
     * @param timeout the longest wait, {@code >= 0}
     * @return whether they were taken
     * @throws InterruptedException     if the thread is interrupted while waiting (nothing is taken)
     * @throws IllegalArgumentException if {@code permits} or {@code timeout} is out of range
     */
    boolean acquire(long permits, Duration timeout) throws InterruptedException;

    /**
     * Takes {@code permits} now or throws.
     *
     * @param permits the permits, {@code 1..capacity}
     * @throws RateLimitedException     telling how long to wait, if they are not available now
     * @throws IllegalArgumentException if {@code permits} is out of range
     */
    void acquireOrThrow(long permits);

    /**
     * Takes {@code permits} without blocking a thread: when they are not available now, a retry is scheduled on
     * {@code scheduler} for the moment they should be, as long as that is within {@code timeout}.
     *
     * @param permits   the permits, {@code 1..capacity}
     * @param timeout   the longest wait, {@code >= 0}
     * @param scheduler where retries run
     * @return completes with whether they were taken; exceptionally if {@code scheduler} rejects the retry
     * @throws IllegalArgumentException if {@code permits} or {@code timeout} is out of range
     */
    CompletionStage<Boolean> acquireAsync(long permits, Duration timeout, ScheduledExecutorService scheduler);

    /**
     * The permits available now (a snapshot).
     *
     * @return the permits
     */
    long availablePermits();

    /**
     * Switches to a new limit. Carry-over rule: the permits available at the switch stay available, capped at the
     * new capacity; a fraction of a permit being refilled is dropped. A request racing with the switch may be
     * charged to both the old and the new limit, never to neither.
     *
     * @param limit the new limit
     */
    void reconfigure(RateLimit limit);

    /**
     * The limit in force.
     *
     * @return the limit
     */
    RateLimit limit();

    /**
     * The settings this limiter was built with (the limit it started with).
     *
     * @return the settings
     */
    RateLimiterConfig config();

    /**
     * Builds a {@link RateLimiter}. Each setting is checked when set; the shared ones are described in
     * {@link RateLimiterBuilder}.
     *
     * <pre>{@code
     * RateLimiter limiter = RateLimiter.builder(RateLimit.fixedWindow(5, Duration.ofMinutes(1)))
     *         .name("login")
     *         .ticker(System::nanoTime)
     *         .build();
     * }</pre>
     */
    final class Builder extends RateLimiterBuilder<Builder> {

        Builder(RateLimit limit) {
            super(limit);
        }

        @Override
        protected Builder self() {
            return this;
        }




        /**
         * The settings collected so far.
         *
         * @return the settings
         */
        @Override
        public RateLimiterConfig config() {
            return super.config();
        }

        /**
         * Builds the limiter.
         *
         * @return a new limiter
         */
        public RateLimiter build() {
            return new LocalRateLimiter(config());
        }
    }
}
