package dev.mainstay.retry.internal;

import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A policy's one scheduler: the one the user gave, or one of its own ({@link Schedulers#owned}) that it stops.
 *
 * <p>On its own scheduler the policy keeps one periodic no-op task, the pacer, once the first timer is asked for.
 * A timer that becomes the head of a {@link ScheduledThreadPoolExecutor}'s queue wakes the timer thread; with the
 * pacer due sooner than any new timer (its period is at most half the policy's shortest delay), new timers queue
 * behind it and the thread sleeps on. It costs one wake-up per period (at least 10 ms); it is not a call's timer
 * and {@link #pending()} does not count it.
 */
final class PolicyScheduler {

    private static final long MIN_PACE = TimeUnit.MILLISECONDS.toNanos(10);

    final ScheduledExecutorService scheduler;
    private final @Nullable ScheduledThreadPoolExecutor owned; // null when the user gave a scheduler
    private final long pace;
    private volatile boolean paced;

    /**
     * @param delayNanos the usual delay of this policy's timers; the pacer runs every half of it (at least 10 ms)
     */
    PolicyScheduler(Optional<ScheduledExecutorService> given, String purpose, long delayNanos) {
        // the policy's own scheduler starts no thread until first used
        ScheduledThreadPoolExecutor own = given.isPresent() ? null : Schedulers.owned(purpose);
        this.owned = own;
        this.scheduler = own == null ? given.get() : own;
        this.pace = Math.max(MIN_PACE, delayNanos / 2);
    }

    /** Called before each timer is scheduled: starts the pacer on the policy's own scheduler, once. */
    void beforeSchedule() {
        if (owned != null && !paced) {
            startPacer(owned);
        }
    }

    @SuppressWarnings("FutureReturnValueIgnored") // the pacer is a no-op that cannot fail; close() ends it
    private synchronized void startPacer(ScheduledThreadPoolExecutor own) {
        if (paced) {
            return;
        }
        try {
            own.scheduleAtFixedRate(() -> { }, 0, pace, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closed) {
            // the timer about to be scheduled is refused the same way, and reported there
        }
        paced = true;
    }

    /** Timers queued on the policy's own scheduler, the pacer left out; -1 for a scheduler the user gave. */
    int pending() {
        if (owned == null) {
            return -1;
        }
        int queued = owned.getQueue().size();
        return paced && !owned.isShutdown() ? Math.max(0, queued - 1) : queued;
    }

    /** Stops the policy's own scheduler; leaves a given one alone. */
    void close() {
        if (owned != null) {
            owned.shutdownNow();
        }
    }
}
