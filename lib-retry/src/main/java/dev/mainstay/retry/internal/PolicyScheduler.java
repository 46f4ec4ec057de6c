package dev.mainstay.retry.internal;

import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;

/** A policy's one scheduler: the one the user gave, or one of its own ({@link Schedulers#owned}) that it stops. */
final class PolicyScheduler {

    final ScheduledExecutorService scheduler;
    private final ScheduledThreadPoolExecutor owned;

    PolicyScheduler(Optional<ScheduledExecutorService> given, String purpose) {
        this.owned = given.isPresent() ? null : Schedulers.owned(purpose); // starts no thread until first used
        this.scheduler = given.orElse(owned);
    }

    /** Tasks queued on the policy's own scheduler; -1 for a scheduler the user gave. */
    int pending() {
        return owned == null ? -1 : owned.getQueue().size();
    }

    /** Stops the policy's own scheduler; leaves a given one alone. */
    void close() {
        if (owned != null) {
            owned.shutdownNow();
        }
    }
}
