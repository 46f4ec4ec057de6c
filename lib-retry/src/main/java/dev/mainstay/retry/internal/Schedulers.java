package dev.mainstay.retry.internal;

import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;

/** The scheduler a policy owns when it is given none: one daemon thread, cancelled timers removed at once. */
public final class Schedulers {

    private Schedulers() {}

    /** One daemon thread named {@code mainstay-retry-<purpose>}; a cancelled task leaves the queue at once. */
    public static ScheduledThreadPoolExecutor owned(String purpose) {
        ThreadFactory factory = runnable -> {
            Thread thread = new Thread(runnable, "mainstay-retry-" + purpose);
            thread.setDaemon(true);
            return thread;
        };
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, factory);
        scheduler.setRemoveOnCancelPolicy(true);
        scheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        return scheduler;
    }

    /** Rethrows {@code failure}, checked or not, without wrapping it. */
    @SuppressWarnings("unchecked")
    public static <X extends Throwable> RuntimeException sneaky(Throwable failure) throws X {
        throw (X) failure;
    }

    /** Rethrows, unwrapped, what the task behind {@code failed} threw (a FutureTask or CompletableFuture sets it). */
    public static RuntimeException sneakyCause(ExecutionException failed) {
        throw sneaky(Objects.requireNonNull(failed.getCause(), "an ExecutionException without a cause"));
    }
}
