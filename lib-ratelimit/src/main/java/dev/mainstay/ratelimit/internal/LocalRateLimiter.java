package dev.mainstay.ratelimit.internal;

import dev.mainstay.ratelimit.Decision;
import dev.mainstay.ratelimit.RateLimit;
import dev.mainstay.ratelimit.RateLimitedException;
import dev.mainstay.ratelimit.RateLimiter;
import dev.mainstay.ratelimit.RateLimiterConfig;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/** The in-process {@link RateLimiter}: one {@link Meter}, swapped whole on reconfiguration. */
public final class LocalRateLimiter implements RateLimiter {

    private final RateLimiterConfig config;
    private final String name;
    private final LongSupplier ticker;
    private final RateReporter reporter;
    private final ReentrantLock reconfiguring = new ReentrantLock();
    private volatile Meter meter;

    /**
     * A limiter with these settings.
     *
     * @param config the settings
     */
    public LocalRateLimiter(RateLimiterConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.name = config.name();
        this.ticker = config.ticker();
        this.reporter = new RateReporter(config);
        this.meter = Meter.create(config.limit(), ticker);
    }

    private long attempt(long permits, boolean wantRemaining) {
        for (;;) {
            Meter m = meter;
            if (permits < 1 || permits > m.capacity) {
                Waiting.checkPermits(permits, m.capacity);
            }
            long result = m.attempt(permits, wantRemaining);
            if (result != Meter.RETIRED) {
                return result;
            }
            // a reconfiguration froze this meter: wait for it to publish the next one (it holds the lock)
            Waiting.untilUnlocked(reconfiguring);
        }
    }

    private long waitNanos(long permits) {
        long result = attempt(permits, false);
        return result >= 0 ? 0 : -result;
    }

    @Override
    public boolean tryAcquire() {
        return tryAcquire(1);
    }

    @Override
    public boolean tryAcquire(long permits) {
        return reporter.decided(name, permits, attempt(permits, false)) == 0;
    }

    @Override
    public long tryAcquireOrWaitNanos(long permits) {
        return reporter.decided(name, permits, attempt(permits, false));
    }

    @Override
    public Decision tryAcquireDecision(long permits) {
        long result = attempt(permits, true);
        reporter.decided(name, permits, result);
        return result >= 0
                ? new Decision(true, permits, result, 0, meter.nanosToFull())
                : new Decision(false, permits, Math.max(0, meter.available()), -result, meter.nanosToFull());
    }

    @Override
    public boolean acquire(long permits, Duration timeout) throws InterruptedException {
        long timeoutNanos = Waiting.timeoutNanos(timeout);
        Waiting.checkPermits(permits, meter.capacity);
        return reporter.waited(name, permits, Waiting.acquire(this::waitNanos, permits, timeoutNanos, ticker));
    }

    @Override
    public void acquireOrThrow(long permits) {
        long wait = tryAcquireOrWaitNanos(permits);
        if (wait != 0) {
            throw new RateLimitedException(name, permits, wait);
        }
    }

    @Override
    public CompletionStage<Boolean> acquireAsync(long permits, Duration timeout, ScheduledExecutorService scheduler) {
        long timeoutNanos = Waiting.timeoutNanos(timeout);
        Objects.requireNonNull(scheduler, "scheduler");
        Waiting.checkPermits(permits, meter.capacity);
        return Waiting.acquireAsync(this::waitNanos, permits, timeoutNanos, ticker, scheduler)
                .thenApply(result -> reporter.waited(name, permits, result));
    }

    @Override
    public long availablePermits() {
        for (;;) {
            long available = meter.available();
            if (available >= 0) {
                return available;
            }
            Waiting.untilUnlocked(reconfiguring);
        }
    }

    @Override
    public void reconfigure(RateLimit limit) {
        Objects.requireNonNull(limit, "limit");
        reconfiguring.lock();
        try {
            // only this method retires a meter, under this lock: the one in force is never retired yet
            meter = Objects.requireNonNull(meter.retireInto(limit), "meter");
        } finally {
            reconfiguring.unlock();
        }
    }

    @Override
    public RateLimit limit() {
        return meter.limit;
    }

    @Override
    public RateLimiterConfig config() {
        return config;
    }

    @Override
    public String toString() {
        return "RateLimiter[" + name + ", " + meter.limit + "]";
    }
}
