package dev.mainstay.ratelimit.internal;

import dev.mainstay.ratelimit.Decision;
import dev.mainstay.ratelimit.RateLimitBackendException;
import dev.mainstay.ratelimit.RateLimitedException;
import dev.mainstay.ratelimit.KeyedRateLimiter;
import dev.mainstay.ratelimit.RateLimiterConfig;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.LongSupplier;

/**
 * What every {@link KeyedRateLimiter} shares: argument checks, listener and JFR reporting, waiting. A subclass
 * supplies the non-blocking decision.
 *
 * @param <K> the key type
 */
public abstract class KeyedLimiterBase<K> implements KeyedRateLimiter<K> {

    /** The limiter's name. */
    protected final String name;
    /** The clock used for waiting. */
    protected final LongSupplier ticker;
    /** Tells the listener and JFR. */
    private final RateReporter reporter;

    /**
     * Takes the common settings.
     *
     * @param config the settings
     */
    protected KeyedLimiterBase(RateLimiterConfig config) {
        this.name = config.name();
        this.ticker = config.ticker();
        this.reporter = new RateReporter(config);
    }

    /**
     * The non-blocking decision, without reporting it.
     *
     * @param key           the key, non-null
     * @param permits       the permits, already checked against the capacity
     * @param wantRemaining whether the permits left after a success are wanted
     * @return {@code >= 0} when taken (permits left, or 0 if not wanted); {@code -nanosToWait} when refused
     */
    protected abstract long attempt(K key, long permits, boolean wantRemaining);

    /**
     * The full decision, without reporting it.
     *
     * @param key     the key, non-null
     * @param permits the permits, already checked against the capacity
     * @return the decision
     */
    protected abstract Decision decide(K key, long permits);

    private long checked(K key, long permits, boolean wantRemaining) {
        Objects.requireNonNull(key, "key");
        Waiting.checkPermits(permits, limit().capacity());
        return attempt(key, permits, wantRemaining);
    }

    @Override
    public boolean tryAcquire(K key, long permits) {
        return reporter.decided(key, permits, checked(key, permits, false)) == 0;
    }

    @Override
    public long tryAcquireOrWaitNanos(K key, long permits) {
        return reporter.decided(key, permits, checked(key, permits, false));
    }

    @Override
    public Decision tryAcquireDecision(K key, long permits) {
        Objects.requireNonNull(key, "key");
        Waiting.checkPermits(permits, limit().capacity());
        Decision decision = decide(key, permits);
        reporter.decided(key, permits, decision.permitted() ? 0 : -decision.nanosToWait());
        return decision;
    }

    @Override
    public boolean acquire(K key, long permits, Duration timeout) throws InterruptedException {
        Objects.requireNonNull(key, "key");
        long timeoutNanos = Waiting.timeoutNanos(timeout);
        Waiting.checkPermits(permits, limit().capacity());
        return reporter.waited(key, permits, Waiting.acquire(p -> waitNanos(key, p), permits, timeoutNanos, ticker));
    }

    @Override
    public CompletionStage<Boolean> acquireAsync(K key, long permits, Duration timeout,
            ScheduledExecutorService scheduler) {
        Objects.requireNonNull(key, "key");
        long timeoutNanos = Waiting.timeoutNanos(timeout);
        Objects.requireNonNull(scheduler, "scheduler");
        Waiting.checkPermits(permits, limit().capacity());
        return Waiting.acquireAsync(p -> waitNanos(key, p), permits, timeoutNanos, ticker, scheduler)
                .thenApply(result -> reporter.waited(key, permits, result));
    }

    private long waitNanos(K key, long permits) {
        long result = attempt(key, permits, false);
        return result >= 0 ? 0 : -result;
    }

    @Override
    public void acquireOrThrow(K key, long permits) {
        long wait = tryAcquireOrWaitNanos(key, permits);
        if (wait != 0) {
            throw new RateLimitedException(name, permits, wait);
        }
    }

    /**
     * Reports a backend failure to the listener.
     *
     * @param key       the key
     * @param failure   the failure
     * @param permitted whether the request was let through anyway
     */
    protected final void reportBackendFailure(K key, RateLimitBackendException failure, boolean permitted) {
        reporter.backendFailure(key, failure, permitted);
    }
}
