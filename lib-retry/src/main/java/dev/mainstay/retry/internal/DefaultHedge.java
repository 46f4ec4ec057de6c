package dev.mainstay.retry.internal;

import dev.mainstay.retry.Hedge;
import dev.mainstay.retry.HedgeConfig;
import dev.mainstay.retry.RetryBudget;
import java.util.Objects;
import java.util.concurrent.Callable;
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
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The {@link Hedge} implementation. Each call is a {@link HedgedCall}: the future returned, the timer task, and the
 * owner of its attempts. A call's state (attempts started, failed) changes under the call's own monitor, which is
 * never held while user code or a dependent stage runs.
 */
public final class DefaultHedge implements Hedge {

    private final HedgeConfig config;
    private final String name;
    private final int maxAttempts;
    private final long fixedDelay;
    private final @Nullable LatencyHistogram histogram;
    private final @Nullable RetryBudget budget;
    private final @Nullable Executor executor;
    private final PolicyScheduler timers;
    private final ScheduledExecutorService scheduler;
    private final LongSupplier ticker;

    private final LongAdder calls = new LongAdder();
    private final LongAdder hedges = new LongAdder();
    private final LongAdder hedgesWon = new LongAdder();
    private final LongAdder cancelled = new LongAdder();
    private final LongAdder budgetRefusals = new LongAdder();

    public DefaultHedge(HedgeConfig config) {
        this.config = config;
        this.name = config.name();
        this.maxAttempts = config.maxHedges() + 1;
        this.fixedDelay = Nanos.saturated(config.delay());
        this.histogram = config.percentile().map(p -> new LatencyHistogram(p, 100, 1_000)).orElse(null);
        this.budget = config.budget().orElse(null);
        this.executor = config.executor().orElse(null);
        this.timers = new PolicyScheduler(config.scheduler(), "hedge", Nanos.saturated(config.delay()));
        this.scheduler = timers.scheduler;
        this.ticker = config.ticker();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public HedgeConfig config() {
        return config;
    }

    @Override
    public long currentDelayNanos() {
        if (histogram != null) {
            long observed = histogram.percentileNanos();
            if (observed >= 0) {
                return observed;
            }
        }
        return fixedDelay;
    }

    @Override
    public Metrics metrics() {
        return new Metrics(calls.sum(), hedges.sum(), hedgesWon.sum(), cancelled.sum(), budgetRefusals.sum());
    }

    @Override
    public int pendingTimers() {
        return timers.pending();
    }

    @Override
    public void close() {
        timers.close();
    }

    @Override
    public <T> CompletableFuture<T> getAsync(IdempotentStage<T> call) {
        Objects.requireNonNull(call, "call");
        HedgedCall<T> hedged = new HedgedCall<>(call.supplier());
        calls.increment();
        hedged.attempt(false);
        return hedged;
    }

    @Override
    public <T> T call(IdempotentCall<T> call) throws Exception {
        Objects.requireNonNull(call, "call");
        Executor executor = this.executor;
        if (executor == null) {
            throw new IllegalStateException("hedge '" + name + "' has no executor for synchronous calls; set one "
                    + "with Hedge.Builder.executor(...), or use getAsync");
        }
        Callable<? extends T> callable = call.callable();
        HedgedCall<T> hedged = new HedgedCall<T>(() -> {
            TaskStage<T> stage = new TaskStage<>(callable);
            executor.execute(stage.task);
            return stage;
        });
        calls.increment();
        hedged.attempt(false);
        try {
            return hedged.get();
        } catch (ExecutionException failed) {
            throw Schedulers.sneakyCause(failed);
        } catch (InterruptedException interrupted) {
            hedged.cancel(true);
            Thread.currentThread().interrupt();
            throw interrupted;
        }
    }

    /** One attempt of a synchronous call: a task on the executor, seen as a stage; cancelling it interrupts it. */
    static final class TaskStage<T> extends CompletableFuture<T> {
        final FutureTask<T> task;

        TaskStage(Callable<? extends T> callable) {
            this.task = new FutureTask<>(callable::call) {
                @Override
                protected void done() {
                    if (isCancelled()) {
                        return;
                    }
                    try {
                        TaskStage.this.complete(get());
                    } catch (ExecutionException failed) {
                        TaskStage.this.completeExceptionally(failed.getCause());
                    } catch (Exception notPossible) {
                        TaskStage.this.completeExceptionally(notPossible);
                    }
                }
            };
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            task.cancel(true);
            return super.cancel(mayInterruptIfRunning);
        }
    }

    /** Cancels a running attempt; true if this cancel stopped it (it had not completed). */
    private static boolean cancelAttempt(CompletionStage<?> stage) {
        try {
            CompletableFuture<?> future = stage.toCompletableFuture();
            return !future.isDone() && future.cancel(true) && future.isCancelled();
        } catch (UnsupportedOperationException notConvertible) {
            return false;
        }
    }

    private static Throwable unwrap(Throwable thrown) {
        return thrown instanceof CompletionException && thrown.getCause() != null ? thrown.getCause() : thrown;
    }

    /** One hedged call. */
    final class HedgedCall<T> extends CompletableFuture<T> implements Runnable {
        private final Supplier<? extends CompletionStage<? extends T>> supplier;
        private final CompletionStage<?>[] attempts = new CompletionStage<?>[maxAttempts];
        private long firstStart;
        private int started;
        private int failed;
        private boolean noMore;
        /** Attempts already counted as cancelled (bit i: attempt i): two racing cancels count one loser once. */
        private int countedCancels;
        private @Nullable Throwable failure;
        private @Nullable ScheduledFuture<?> timer;

        HedgedCall(Supplier<? extends CompletionStage<? extends T>> supplier) {
            this.supplier = supplier;
        }

        /** The timer: the previous attempt is slow, start a hedge. */
        @Override
        public void run() {
            synchronized (this) {
                timer = null;
            }
            attempt(true);
        }

        /** Starts the next attempt if one may start; {@code hedge} is false for the first. */
        void attempt(boolean hedge) {
            int index;
            boolean fail = false;
            synchronized (this) {
                if (isDone() || noMore || started >= maxAttempts) {
                    return;
                }
                if (hedge && budget != null && !budget.tryAcquireRetry()) {
                    budgetRefusals.increment();
                    noMore = true;
                    fail = failed == started;
                    index = -1;
                } else {
                    index = started++;
                    if (index == 0) {
                        firstStart = ticker.getAsLong();
                    }
                }
            }
            if (index < 0) {
                if (fail) {
                    failWithLast();
                }
                return;
            }
            if (hedge) {
                hedges.increment();
            }
            CompletionStage<? extends T> stage;
            try {
                stage = Objects.requireNonNull(supplier.get(), "the supplier returned a null stage");
            } catch (Throwable thrown) {
                completed(index, null, thrown);
                return;
            }
            boolean late;
            synchronized (this) {
                attempts[index] = stage;
                late = isDone();
            }
            if (late) {
                if (cancelAttempt(stage) && firstCancelOf(index)) {
                    cancelled.increment();
                }
                return;
            }
            if (index + 1 < maxAttempts && !(stage instanceof CompletableFuture<?> f && f.isDone())) {
                schedule();
            }
            stage.whenComplete((result, thrown) -> completed(index, result, thrown));
        }

        private void schedule() {
            try {
                timers.beforeSchedule();
                ScheduledFuture<?> next = scheduler.schedule(this, currentDelayNanos(), TimeUnit.NANOSECONDS);
                boolean drop;
                synchronized (this) {
                    ScheduledFuture<?> previous = timer;
                    drop = isDone();
                    timer = drop ? null : next;
                    if (previous != null) {
                        previous.cancel(false);
                    }
                }
                if (drop) {
                    next.cancel(false);
                }
            } catch (RejectedExecutionException closed) {
                synchronized (this) {
                    noMore = true;
                }
            }
        }

        private void completed(int index, @Nullable T result, @Nullable Throwable thrown) {
            if (thrown == null) {
                if (!complete(result)) {
                    return;
                }
                if (index > 0) {
                    hedgesWon.increment();
                } else if (histogram != null) {
                    histogram.record(ticker.getAsLong() - firstStartRead());
                }
                if (budget != null) {
                    budget.onSuccess();
                }
                stopOthers(index);
                return;
            }
            boolean fail;
            boolean next;
            synchronized (this) {
                failed++;
                Throwable cause = unwrap(thrown);
                if (failure == null) {
                    failure = cause;
                } else if (failure != cause) {
                    cause.addSuppressed(failure);
                    failure = cause;
                }
                next = !isDone() && !noMore && started < maxAttempts;
                fail = !next && failed == started;
            }
            if (next) {
                attempt(true);
            } else if (fail) {
                failWithLast();
            }
        }

        private synchronized long firstStartRead() {
            return firstStart;
        }

        private void failWithLast() {
            Throwable last;
            synchronized (this) {
                last = failure;
            }
            if (last != null && completeExceptionally(last)) {
                stopOthers(-1);
            }
        }

        /** Whether attempt {@code index} is counted as cancelled now for the first time. */
        private synchronized boolean firstCancelOf(int index) {
            int bit = 1 << index;
            if ((countedCancels & bit) != 0) {
                return false;
            }
            countedCancels |= bit;
            return true;
        }

        /** Cancels the timer and every attempt but the winner, counting those this stopped. */
        private void stopOthers(int winner) {
            ScheduledFuture<?> t;
            CompletionStage<?>[] snapshot;
            long start;
            synchronized (this) {
                t = timer;
                timer = null;
                snapshot = attempts.clone();
                start = firstStart;
            }
            if (t != null) {
                t.cancel(false);
            }
            for (int i = 0; i < snapshot.length; i++) {
                if (i != winner && snapshot[i] != null && cancelAttempt(snapshot[i]) && firstCancelOf(i)) {
                    cancelled.increment();
                    if (i == 0 && histogram != null) {
                        histogram.record(ticker.getAsLong() - start); // a lower bound: it was still running
                    }
                }
            }
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            boolean done = super.cancel(mayInterruptIfRunning);
            if (done) {
                stopOthers(-1);
            }
            return done;
        }
    }
}
