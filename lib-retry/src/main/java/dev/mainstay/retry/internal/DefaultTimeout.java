package dev.mainstay.retry.internal;

import dev.mainstay.retry.Timeout;
import dev.mainstay.retry.TimeoutConfig;
import dev.mainstay.retry.TimeoutExceededException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * The {@link Timeout} implementation. Synchronous calls wait on a {@link FutureTask} with a timed get (no timer);
 * asynchronous calls return a {@link TimedCall}, which is at once the future, the timer task (a {@link Callable}, so
 * the scheduler needs no adapter) and the stage's completion callback, so a call costs one object of ours plus the
 * scheduler's task and the stage's callback node.
 */
public final class DefaultTimeout implements Timeout {

    private final TimeoutConfig config;
    private final String name;
    private final Duration timeout;
    private final long timeoutNanos;
    private final @Nullable Executor executor;
    private final PolicyScheduler timers;
    private final ScheduledExecutorService scheduler;
    private final boolean interrupt;

    public DefaultTimeout(TimeoutConfig config) {
        this.config = config;
        this.name = config.name();
        this.timeout = config.timeout();
        this.timeoutNanos = Nanos.saturated(timeout);
        this.executor = config.executor().orElse(null);
        this.timers = new PolicyScheduler(config.scheduler(), "timeout", Nanos.saturated(config.timeout()));
        this.scheduler = timers.scheduler;
        this.interrupt = config.interruptOnTimeout();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public TimeoutConfig config() {
        return config;
    }

    @Override
    public int pendingTimers() {
        return timers.pending();
    }

    @Override
    public void close() {
        timers.close();
    }

    // ---------------------------------------------------------------- synchronous

    @Override
    public <T> T get(Supplier<? extends T> supplier) {
        Objects.requireNonNull(supplier, "supplier");
        return uninterruptibly(new FutureTask<T>(supplier::get));
    }

    @Override
    public <T> T call(Callable<? extends T> callable) throws Exception {
        Objects.requireNonNull(callable, "callable");
        return await(new FutureTask<T>(callable::call));
    }

    @Override
    public void run(Runnable runnable) {
        Objects.requireNonNull(runnable, "runnable");
        uninterruptibly(new FutureTask<Void>(runnable, null));
    }

    private <T> T uninterruptibly(FutureTask<T> task) {
        try {
            return await(task);
        } catch (InterruptedException interrupted) {
            CancellationException e = new CancellationException("interrupted while waiting for '" + name + "'");
            e.initCause(interrupted);
            throw e;
        } catch (Exception failure) {
            throw Schedulers.sneaky(failure);
        }
    }

    /** Runs the task on the executor and waits at most the timeout; the task's own failure is rethrown as is. */
    private <T> T await(FutureTask<T> task) throws Exception {
        if (executor == null) {
            throw new IllegalStateException("timeout '" + name + "' has no executor for synchronous calls; set one "
                    + "with Timeout.Builder.executor(...), or use getAsync");
        }
        executor.execute(task);
        try {
            return task.get(timeoutNanos, TimeUnit.NANOSECONDS);
        } catch (TimeoutException late) {
            if (task.cancel(interrupt)) {
                throw new TimeoutExceededException(name, timeout);
            }
            return outcome(task); // it finished between the deadline and the cancel
        } catch (ExecutionException failed) {
            throw Schedulers.sneakyCause(failed);
        } catch (InterruptedException interrupted) {
            task.cancel(interrupt);
            Thread.currentThread().interrupt();
            throw interrupted;
        }
    }

    private static <T> T outcome(FutureTask<T> done) throws Exception {
        try {
            return done.get();
        } catch (ExecutionException failed) {
            throw Schedulers.sneakyCause(failed);
        }
    }

    // ---------------------------------------------------------------- asynchronous

    @Override
    public <T> CompletableFuture<T> getAsync(Supplier<? extends CompletionStage<? extends T>> supplier) {
        Objects.requireNonNull(supplier, "supplier");
        CompletionStage<? extends T> stage;
        try {
            stage = Objects.requireNonNull(supplier.get(), "the supplier returned a null stage");
        } catch (Throwable failure) {
            return CompletableFuture.failedFuture(failure);
        }
        TimedCall<T> call = new TimedCall<>(stage);
        if (stage instanceof CompletableFuture<?> future && future.isDone()) {
            stage.whenComplete(call); // already done: no timer at all
            return call;
        }
        try {
            timers.beforeSchedule();
            call.timer = scheduler.schedule((Callable<Void>) call, timeoutNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException rejected) {
            call.completeExceptionally(rejected);
            cancel(stage);
            return call;
        }
        stage.whenComplete(call);
        return call;
    }

    static void cancel(CompletionStage<?> stage) {
        try {
            stage.toCompletableFuture().cancel(true);
        } catch (UnsupportedOperationException notConvertible) {
            // a stage that cannot be converted cannot be cancelled either: leave it
        }
    }

    /** One asynchronous call: the future returned, the timer task ({@link #run}) and the stage's callback. */
    final class TimedCall<T> extends CompletableFuture<T>
            implements Runnable, Callable<Void>, BiConsumer<T, Throwable> {
        private final CompletionStage<? extends T> stage;
        /** Written before the callback is registered, so the callback (and the caller's cancel) see it. */
        @Nullable ScheduledFuture<?> timer;

        TimedCall(CompletionStage<? extends T> stage) {
            this.stage = stage;
        }

        /** Set at the deadline, before the stage is cancelled: its cancellation then reports the timeout. */
        private volatile boolean expired;

        /**
         * The deadline: cancel the work, then fail the call, so whoever sees the failure finds the work cancelled. If
         * the work finished in the meantime, its own outcome is on its way through {@link #accept} and wins.
         */
        @Override
        public void run() {
            if (isDone()) {
                return;
            }
            expired = true;
            CompletableFuture<?> work;
            try {
                work = stage.toCompletableFuture();
            } catch (UnsupportedOperationException notConvertible) {
                completeExceptionally(new TimeoutExceededException(name, timeout));
                return;
            }
            work.cancel(true);
            if (work.isCancelled()) {
                completeExceptionally(new TimeoutExceededException(name, timeout));
            }
        }

        /** The timer task as a {@link Callable}: a scheduler wraps it without an adapter object. */
        @Override
        public Void call() {
            run();
            return null;
        }

        /** The stage completed: remove the timer, pass the outcome on. */
        @Override
        public void accept(@Nullable T result, @Nullable Throwable thrown) {
            ScheduledFuture<?> t = timer;
            if (t != null) {
                t.cancel(false);
            }
            if (thrown == null) {
                complete(result);
                return;
            }
            Throwable failure = thrown instanceof CompletionException && thrown.getCause() != null
                    ? thrown.getCause() : thrown;
            completeExceptionally(expired && failure instanceof CancellationException
                    ? new TimeoutExceededException(name, timeout) : failure);
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            boolean cancelled = super.cancel(mayInterruptIfRunning);
            if (cancelled) {
                ScheduledFuture<?> t = timer;
                if (t != null) {
                    t.cancel(false);
                }
                DefaultTimeout.cancel(stage);
            }
            return cancelled;
        }
    }
}
