package dev.mainstay.ratelimit.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * Blocking and asynchronous acquisition on top of a non-blocking attempt. Both decide before waiting: when the
 * wait the limiter names is longer than what is left of the timeout, they give up at once.
 */
public final class Waiting {

    private Waiting() {}

    /** One non-blocking try. */
    @FunctionalInterface
    public interface Attempt {
        /**
         * Tries to take {@code permits}.
         *
         * @param permits the permits
         * @return 0 when taken, otherwise the nanoseconds until they could be
         */
        long waitNanos(long permits);
    }

    /**
     * Takes {@code permits} within {@code timeoutNanos}, parking between tries.
     *
     * @param attempt      the non-blocking try
     * @param permits      the permits
     * @param timeoutNanos the longest wait
     * @param ticker       the clock
     * @return the nanoseconds waited ({@code >= 0}) when taken; {@code -nanosToWait} when refused
     * @throws InterruptedException if interrupted before or while waiting
     */
    public static long acquire(Attempt attempt, long permits, long timeoutNanos, LongSupplier ticker)
            throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        long start = ticker.getAsLong();
        for (;;) {
            long wait = attempt.waitNanos(permits);
            long waited = ticker.getAsLong() - start;
            if (wait == 0) {
                return waited;
            }
            if (wait > timeoutNanos - waited) {
                return -wait;
            }
            LockSupport.parkNanos(Waiting.class, wait);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
    }

    /**
     * Takes {@code permits} within {@code timeoutNanos}, scheduling each retry on {@code scheduler}.
     *
     * @param attempt      the non-blocking try
     * @param permits      the permits
     * @param timeoutNanos the longest wait
     * @param ticker       the clock
     * @param scheduler    where retries run
     * @return completes with the nanoseconds waited ({@code >= 0}) when taken, {@code -nanosToWait} when refused
     */
    public static CompletableFuture<Long> acquireAsync(Attempt attempt, long permits, long timeoutNanos,
            LongSupplier ticker, ScheduledExecutorService scheduler) {
        CompletableFuture<Long> result = new CompletableFuture<>();
        long start = ticker.getAsLong();
        new Runnable() {
            @Override
            @SuppressWarnings("FutureReturnValueIgnored") // each run completes result itself, failures included
            public void run() {
                if (result.isDone()) {
                    return; // cancelled by the caller
                }
                try {
                    long wait = attempt.waitNanos(permits);
                    long waited = ticker.getAsLong() - start;
                    if (wait == 0) {
                        result.complete(waited);
                    } else if (wait > timeoutNanos - waited) {
                        result.complete(-wait);
                    } else {
                        scheduler.schedule(this, wait, TimeUnit.NANOSECONDS);
                    }
                } catch (RuntimeException | Error e) {
                    result.completeExceptionally(e);
                }
            }
        }.run();
        return result;
    }

    /**
     * Waits until whoever holds {@code lock} lets it go: a decision that meets a meter frozen for replacement waits
     * so for the one that froze it, which publishes the successor before unlocking.
     *
     * @param lock the lock the freezer holds
     */
    @SuppressWarnings("LockNotBeforeTry") // nothing runs between the two calls, so nothing can skip the unlock
    static void untilUnlocked(ReentrantLock lock) {
        lock.lock();
        lock.unlock();
    }

    /**
     * Checks the permits asked for.
     *
     * @param permits  the permits
     * @param capacity the limit's capacity
     * @throws IllegalArgumentException unless {@code 1 <= permits <= capacity}
     */
    public static void checkPermits(long permits, long capacity) {
        if (permits < 1 || permits > capacity) {
            throw new IllegalArgumentException(
                    "permits must be between 1 and capacity " + capacity + " but was " + permits);
        }
    }

    /**
     * Checks and converts a timeout.
     *
     * @param timeout the timeout
     * @return its nanoseconds, saturated
     * @throws NullPointerException     if {@code timeout} is null
     * @throws IllegalArgumentException if it is negative
     */
    public static long timeoutNanos(java.time.Duration timeout) {
        java.util.Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must be >= 0 but was " + timeout);
        }
        return Arith.saturatedNanos(timeout);
    }
}
