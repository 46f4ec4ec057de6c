package dev.mainstay.pool.internal;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The pool's housekeeper: one thread ({@code mainstay-pool-housekeeper-<name>}) that destroys objects, and every
 * {@code housekeepingInterval} expires objects past their lifetime, retires objects idle too long above
 * {@code minIdle}, validates idle objects due for keepalive and reports (and reclaims) leaks. It also validates the
 * idle suspects after {@code suspectAll}, one pass queued at a time, and advances the coarse clock every tick.
 *
 * <p>At every tick it also samples the slots ({@link #sample(Slot, long)}): a slot whose state word moved since the
 * last sample (a borrow changes the word's generation) or that is not idle now was in use after the previous tick,
 * and its {@link Slot#lastUsed} becomes that tick. So a borrow and a return neither read a clock nor write a time,
 * and idle time is still known to within a tick. The generation never repeats, so a slot borrowed and returned
 * between two samples is seen as used.
 *
 * @param <T> the type of the pooled objects
 */
final class Housekeeper<T> {

    private static final System.Logger LOG = System.getLogger("dev.mainstay.pool");

    private final SlotPool<T> pool;
    private final ScheduledThreadPoolExecutor executor;
    private volatile @Nullable ScheduledFuture<?> housekeeping;
    /** The coarse clock's ticks; null on a pool without a coarse clock. */
    private volatile @Nullable ScheduledFuture<?> ticks;
    /** Tests tick the clock themselves. */
    private volatile boolean clockHeld;
    /** A {@link #validateSuspects} pass is queued and has not begun. */
    private final AtomicBoolean suspectPassQueued = new AtomicBoolean();

    Housekeeper(SlotPool<T> pool) {
        this.pool = pool;
        ThreadFactory threads = pool.config.threadFactory();
        this.executor = new ScheduledThreadPoolExecutor(1, threads != null ? threads : runnable -> {
            Thread thread = new Thread(runnable, "mainstay-pool-housekeeper-" + pool.name);
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        Events.on(); // a pool built while JFR runs has its event classes loaded before its first borrow waits
    }

    /** Schedules the passes, and the clock's ticks if the pool has a coarse clock. */
    void start() {
        long interval = pool.housekeepingNanos;
        housekeeping = executor.scheduleWithFixedDelay(this::housekeep, interval, interval, TimeUnit.NANOSECONDS);
        if (pool.tick != 0) {
            ticks = executor.scheduleAtFixedRate(this::tickInBackground, pool.tick, pool.tick, TimeUnit.NANOSECONDS);
        }
    }

    /** Queues a validation pass over the idle suspects, unless one is queued and has not begun. */
    void validateSuspectsSoon() {
        // suspects flagged while a pass waits are seen by it, and a pass that has begun clears the mark first, so
        // a flag set during a pass gets a pass of its own
        if (suspectPassQueued.compareAndSet(false, true)) {
            try {
                executor.execute(this::validateSuspects);
            } catch (RejectedExecutionException closing) {
                // the pool is closing: nothing left to validate
                suspectPassQueued.set(false);
            }
        }
    }

    /** Destroys an object on the housekeeper thread, or on this one if the housekeeper has stopped. */
    void destroyLater(T object, String reason) {
        try {
            executor.execute(() -> pool.destroy(object, reason));
        } catch (RejectedExecutionException e) {
            pool.destroy(object, reason);
        }
    }

    /**
     * Stops the passes and the thread once the work queued on it is done.
     *
     * @param timeout how long to wait for the thread, in nanoseconds
     * @return {@code false} if it did not stop in time
     */
    boolean shutdown(long timeout) throws InterruptedException {
        ScheduledFuture<?> passes = housekeeping; // set by start(), which the pool's constructor calls
        if (passes != null) {
            passes.cancel(false);
        }
        ScheduledFuture<?> clockTicks = ticks;
        if (clockTicks != null) {
            clockTicks.cancel(false);
        }
        executor.shutdown();
        return executor.awaitTermination(timeout, TimeUnit.NANOSECONDS);
    }

    /** Advances the coarse clock; runs on the housekeeper every {@link #tick}. */
    private void tickInBackground() {
        if (clockHeld) {
            return;
        }
        try {
            tick();
        } catch (RuntimeException | LinkageError e) {
            // a task that throws is never run again: the clock would stop for good, and idle time with it
            LOG.log(System.Logger.Level.WARNING, () -> "pool '" + pool.name + "': the clock's tick failed", e);
        }
    }

    /** Advances the coarse clock to the ticker's reading now, and samples which slots were used since the last tick. */
    void tick() {
        long previous = pool.clock.now;
        pool.clock.now = pool.ticker.getAsLong();
        if (pool.tick == 0) {
            return; // no coarse clock: the returns keep the time themselves
        }
        for (Slot<T> slot : pool.slots) {
            if (slot != null) {
                sample(slot, previous);
            }
        }
    }

    /**
     * Notes that {@code slot} was in use at {@code since} or later if its state word moved since the last sample or
     * it is not idle now; {@code since} is the clock's previous reading, a lower bound of when that use ended, as
     * the clock's reading is of the present, so idle time is judged to one tick. Only on a pool with a coarse clock,
     * and only on the housekeeper (or a test that holds the clock).
     */
    private static void sample(Slot<?> slot, long since) {
        long word = slot.state;
        if (word != slot.sampledState || Slot.phase(word) != Slot.IDLE) {
            slot.sampledState = word;
            if (since - slot.lastUsed > 0) {
                slot.lastUsed = since;
            }
        }
    }

    /** Stops the background ticks, so that a test ticks the clock itself ({@link #tick()}). */
    void holdClock() {
        clockHeld = true;
    }

    /** Validates the idle suspect objects now, on the housekeeper, destroying those that fail. */
    private void validateSuspects() {
        suspectPassQueued.set(false);
        for (Slot<T> slot : pool.slots) {
            if (slot != null && slot.suspect && !pool.closed && slot.reserveIfIdle()) {
                slot.suspect = false;
                if (pool.isValid(slot)) {
                    pool.handOff(slot);
                } else {
                    pool.retire(slot, "invalid");
                }
            }
        }
    }

    private void housekeep() {
        try {
            maintain();
        } catch (RuntimeException | LinkageError e) {
            LOG.log(System.Logger.Level.WARNING, () -> "pool '" + pool.name + "': housekeeping failed", e);
        }
    }

    /** One housekeeping pass: expiry, idle timeout, keepalive, leaks, refill. Runs on the housekeeper thread. */
    void maintain() {
        if (pool.closed) {
            return;
        }
        long now = pool.ticker.getAsLong();
        int idle = pool.idleCount();
        int max = pool.maxSize;
        for (Slot<T> slot : pool.slots) {
            if (slot == null) {
                continue;
            }
            if (pool.tick != 0) {
                sample(slot, pool.clock.now); // what was used since the last tick
            }
            long state = slot.phase();
            if (state == Slot.IDLE) {
                String reason = null;
                boolean idleTooLong = pool.idleTimeout != Long.MAX_VALUE && now - slot.lastUsed >= pool.idleTimeout;
                if (slot.doomed) {
                    reason = slot.doomReason;
                } else if (slot.index >= max) {
                    reason = "resized";
                } else if (now - slot.createdAt >= slot.lifetime) {
                    reason = "expired";
                } else if (idleTooLong && idle > pool.minIdle) {
                    reason = "idle";
                }
                if (reason != null) {
                    if (slot.reserveIfIdle()) {
                        pool.retire(slot, reason);
                        idle--;
                    }
                } else if ((slot.suspect || (pool.keepalive != Long.MAX_VALUE
                        && now - slot.lastUsed >= pool.keepalive && now - slot.lastChecked >= pool.keepalive))
                        && slot.reserveIfIdle()) {
                    slot.suspect = false;
                    if (pool.isValid(slot)) {
                        slot.lastChecked = now;
                        pool.handOff(slot);
                    } else {
                        pool.retire(slot, "invalid");
                        idle--;
                    }
                }
            } else if (state == Slot.CLAIMED) {
                if (!slot.doomed && now - slot.createdAt >= slot.lifetime) {
                    slot.doom("expired");
                }
                if (pool.trackLeaks) {
                    checkLeak(slot, now);
                }
            }
        }
        for (Slot<T> slot : pool.abandoned) {
            if (slot.reserveIfIdle()) {
                pool.retire(slot, "leaked");
            }
        }
        pool.creator.signal();
    }

    private void checkLeak(Slot<T> slot, long now) {
        long borrowedAt = slot.borrowedAt;
        if (borrowedAt == Slot.NOT_BORROWED || slot.leakReported || now - borrowedAt < pool.leakThreshold) {
            return;
        }
        slot.leakReported = true;
        Throwable stack = Diagnosis.userStack(slot.borrowStack);
        Duration heldFor = Duration.ofNanos(now - borrowedAt);
        LOG.log(System.Logger.Level.WARNING, () -> "pool '" + pool.name + "': an object has been held for "
                + Diagnosis.millis(heldFor.toNanos())
                + ", longer than the leak-detection threshold; it was borrowed here"
                + (pool.reclaimLeaks ? " (its place is reclaimed)" : ""), stack);
        pool.tell(() -> pool.listener.onLeakSuspected(pool.name, heldFor, stack));
        if (pool.reclaimLeaks) {
            slot.doom("leaked");
            pool.structure.lock();
            try {
                Slot<T>[] array = pool.slots;
                if (slot.index < array.length && array[slot.index] == slot) {
                    pool.abandoned.add(slot);
                    slot.detached = true;
                    array[slot.index] = null;
                    pool.size.decrementAndGet();
                }
            } finally {
                pool.structure.unlock();
            }
            pool.creator.signal();
        }
    }

    /**
     * Waits until the housekeeper has done the work queued on it now, and the work that work queued (the destroys a
     * validation pass hands it): two tasks, each queued after the last one ran. For tests.
     *
     * @param timeout how long to wait for each, in nanoseconds
     * @return {@code false} if a task did not run in time
     */
    boolean awaitHousekeeper(long timeout) throws InterruptedException {
        for (int round = 0; round < 2; round++) {
            try {
                executor.submit(() -> {}).get(timeout, TimeUnit.NANOSECONDS);
            } catch (ExecutionException | TimeoutException e) {
                return false;
            }
        }
        return true;
    }
}
