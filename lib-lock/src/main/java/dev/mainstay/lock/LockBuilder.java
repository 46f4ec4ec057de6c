package dev.mainstay.lock;

import dev.mainstay.lock.internal.Nullable;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.LongSupplier;

/**
 * The settings every lock builder shares. Each is checked when set.
 *
 * @param <B> the concrete builder
 */
public abstract class LockBuilder<B extends LockBuilder<B>> {

    private String name;
    private LongSupplier ticker = LockConfig.SYSTEM_TICKER;
    private LockListener listener = LockConfig.NO_LISTENER;
    private @Nullable ScheduledExecutorService scheduler;
    private long safetyMarginNanos = -1;

    /**
     * A builder with a default name.
     *
     * @param name the default name
     */
    protected LockBuilder(String name) {
        this.name = name;
    }

    /**
     * This builder, typed.
     *
     * @return this
     */
    protected abstract B self();

    /**
     * The name used in listener calls, JFR events, thread names and messages.
     *
     * @param name a non-blank name
     * @return this builder
     */
    public B name(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank but was '" + name + "'");
        }
        this.name = name;
        return self();
    }

    /**
     * The local monotonic clock, in nanoseconds: local deadlines, waits and renewal times. Default
     * {@code System::nanoTime}. Leases on remote backends are timed by the server's clock.
     *
     * @param ticker the ticker
     * @return this builder
     */
    public B ticker(LongSupplier ticker) {
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        return self();
    }

    /**
     * The listener. Default: none.
     *
     * @param listener the listener
     * @return this builder
     */
    public B listener(LockListener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
        return self();
    }

    /**
     * Where automatic renewals and asynchronous waits run. Default: one daemon thread
     * {@code mainstay-lock-renewal-<name>}, started on first use and stopped by {@link DistributedLock#close()}.
     * A supplied scheduler is never shut down by the lock. Renewals and tries call the backend on it, so they
     * block one of its threads for a round trip.
     *
     * @param scheduler the scheduler
     * @return this builder
     */
    public B scheduler(ScheduledExecutorService scheduler) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        return self();
    }

    /**
     * How much earlier than the lease's end {@link LockHandle#isHeld()} turns false, to allow for clock drift
     * between this machine and the server. Default on remote backends: 1% of the lease plus 2 ms (Redlock's drift
     * allowance); in memory: zero.
     *
     * @param margin the margin, {@code >= 0}
     * @return this builder
     */
    public B safetyMargin(Duration margin) {
        Objects.requireNonNull(margin, "margin");
        if (margin.isNegative()) {
            throw new IllegalArgumentException("safetyMargin must be >= 0 but was " + margin);
        }
        this.safetyMarginNanos = LockConfig.saturatedNanos(margin);
        return self();
    }

    /**
     * The settings collected so far.
     *
     * @return the settings
     */
    protected LockConfig config() {
        return new LockConfig(name, ticker, listener, scheduler, safetyMarginNanos);
    }
}
