package dev.mainstay.lock;

import dev.mainstay.lock.internal.Nullable;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.LongSupplier;

/**
 * The settings of a lock, as its builder collected them. Immutable.
 *
 * <pre>{@code
 * LockConfig config = DistributedLock.builder().name("jobs").build().config();
 * }</pre>
 *
 * @param name              the lock service's name, used in listener calls, JFR events, thread names and messages
 * @param ticker            monotonic nanoseconds ({@code System::nanoTime} by default)
 * @param listener          the listener, or {@link #NO_LISTENER}
 * @param scheduler         the scheduler supplied by the user, or {@code null} for the lock's own
 * @param safetyMarginNanos the safety margin of {@link LockHandle#isHeld()}, or {@code -1} for the default
 *                          (1% of the lease plus 2 ms)
 */
public record LockConfig(String name, LongSupplier ticker, LockListener listener,
        @Nullable ScheduledExecutorService scheduler, long safetyMarginNanos) {

    /** The listener of a lock built without one: never called. */
    public static final LockListener NO_LISTENER = new LockListener() {};

    /** The default ticker: {@code System.nanoTime()}. */
    public static final LongSupplier SYSTEM_TICKER = System::nanoTime;

    /**
     * Checks every component.
     *
     * @param name              the lock service's name, not blank
     * @param ticker            monotonic nanoseconds
     * @param listener          the listener, or {@link #NO_LISTENER}
     * @param scheduler         the user's scheduler, or {@code null} for the lock's own
     * @param safetyMarginNanos the safety margin, or {@code -1} for the default
     * @throws NullPointerException     naming a null component
     * @throws IllegalArgumentException if {@code name} is blank or {@code safetyMarginNanos < -1}
     */
    public LockConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(ticker, "ticker");
        Objects.requireNonNull(listener, "listener");
        if (name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank but was '" + name + "'");
        }
        if (safetyMarginNanos < -1) {
            throw new IllegalArgumentException("safetyMarginNanos must be >= -1 but was " + safetyMarginNanos);
        }
    }

    /**
     * The safety margin for a lease.
     *
     * @param leaseNanos the lease
     * @return the margin in nanoseconds
     */
    public long safetyMarginNanos(long leaseNanos) {
        return safetyMarginNanos >= 0 ? safetyMarginNanos : leaseNanos / 100 + 2_000_000L;
    }

    static long saturatedNanos(Duration duration) {
        try {
            return duration.toNanos();
        } catch (ArithmeticException e) {
            return duration.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }
}
