package dev.mainstay.retry.internal;

import dev.mainstay.retry.Backoff;
import dev.mainstay.retry.RetriesExhaustedException;
import dev.mainstay.retry.RetriesExhaustedException.Reason;
import dev.mainstay.retry.Retry;
import dev.mainstay.retry.RetryBudget;
import dev.mainstay.retry.RetryConfig;
import dev.mainstay.retry.RetryListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The {@link Retry} implementation. The first attempt is inlined in each entry method so that a call that
 * succeeds at once allocates nothing; everything after a failure lives in {@link #retryLoop}.
 */
public final class DefaultRetry implements Retry {

    /** The entry methods' operations as steps that take the operation as their argument. */
    private static final Step SUPPLIER = argument -> ((Supplier<?>) argument).get();
    private static final Step RUNNABLE = argument -> {
        ((Runnable) argument).run();
        return null;
    };
    private static final Step CHECKED_RUNNABLE = argument -> {
        ((CheckedRunnable) argument).run();
        return null;
    };

    private static final Reason[] REASONS = Reason.values();

    /** {@link #plan}'s answer to give up for {@code reason}: {@code -1 - reason.ordinal()}, below every delay. */
    @SuppressWarnings("EnumOrdinal") // a compact code: a delay or a reason in one long, decoded by REASONS[]
    private static long giveUpCode(Reason reason) {
        return -1L - reason.ordinal();
    }

    /** The reason a negative {@link #plan} answer gives up for. */
    private static Reason reasonOf(long plan) {
        return REASONS[(int) (-1 - plan)];
    }

    private final RetryConfig config;
    private final String name;
    private final int maxAttempts;
    private final boolean hasDeadline;
    private final long deadlineNanos;
    private final Backoff backoff;
    private final DelayFunction delayFunction;
    private final Predicate<? super Throwable> retryOn;
    private final Predicate<? super Throwable> abortOn;
    private final boolean checksResults;
    private final Predicate<Object> retryOnResult;
    private final Predicate<Object> abortOnResult;
    private final @Nullable RetryBudget budget;
    private final RetryListener listener;
    private final ListenerFailures listenerFailures;
    private final int maxSuppressed;
    private final LongSupplier ticker;
    private final Sleeper sleeper;

    public DefaultRetry(RetryConfig config) {
        this.config = config;
        this.name = config.name();
        this.maxAttempts = config.maxAttempts();
        this.hasDeadline = config.deadline().isPresent();
        this.deadlineNanos = config.deadline().map(Nanos::saturated).orElse(Long.MAX_VALUE);
        this.backoff = config.backoff();
        this.delayFunction = config.delayFunction();
        this.retryOn = config.retryOn();
        this.abortOn = config.abortOn();
        this.retryOnResult = config.retryOnResult();
        this.abortOnResult = config.abortOnResult();
        this.checksResults = retryOnResult != NO_RESULT;
        this.budget = config.budget().orElse(null);
        this.listener = config.listener();
        this.listenerFailures = new ListenerFailures("retry '" + name + "'", listener);
        this.maxSuppressed = config.maxSuppressed();
        this.ticker = config.ticker();
        this.sleeper = config.sleeper();
    }

    /** The builder's default result predicate: no result is rejected, so none needs testing. */
    public static final Predicate<Object> NO_RESULT = result -> false;

    @Override
    public String name() {
        return name;
    }

    @Override
    public RetryConfig config() {
        return config;
    }

    @Override
    public <T> T get(Supplier<? extends T> supplier) {
        Objects.requireNonNull(supplier, "supplier");
        long start = hasDeadline ? ticker.getAsLong() : 0L;
        T result;
        try {
            result = supplier.get();
        } catch (Throwable failure) {
            return Step.typed(retryLoop(SUPPLIER, supplier, start, null, failure));
        }
        if (checksResults && retryOnResult.test(result)) {
            return Step.typed(retryLoop(SUPPLIER, supplier, start, result, null));
        }
        succeeded();
        return result;
    }

    @Override
    public <T> T call(Callable<? extends T> callable) throws Exception {
        Objects.requireNonNull(callable, "callable");
        long start = hasDeadline ? ticker.getAsLong() : 0L;
        T result;
        try {
            result = callable.call();
        } catch (Throwable failure) {
            return Step.typed(retryLoop(Step.CALLABLE, callable, start, null, failure));
        }
        if (checksResults && retryOnResult.test(result)) {
            return Step.typed(retryLoop(Step.CALLABLE, callable, start, result, null));
        }
        succeeded();
        return result;
    }

    @Override
    public void run(Runnable runnable) {
        Objects.requireNonNull(runnable, "runnable");
        long start = hasDeadline ? ticker.getAsLong() : 0L;
        try {
            runnable.run();
        } catch (Throwable failure) {
            retryLoop(RUNNABLE, runnable, start, null, failure);
            return;
        }
        succeeded();
    }

    @Override
    public void runChecked(CheckedRunnable runnable) throws Exception {
        Objects.requireNonNull(runnable, "runnable");
        long start = hasDeadline ? ticker.getAsLong() : 0L;
        try {
            runnable.run();
        } catch (Throwable failure) {
            retryLoop(CHECKED_RUNNABLE, runnable, start, null, failure);
            return;
        }
        succeeded();
    }

    /** Calls {@code step} with {@code argument} until it succeeds or the policy gives up: a pipeline's stage. */
    public @Nullable Object call(Step step, Object argument) throws Exception {
        long start = hasDeadline ? ticker.getAsLong() : 0L;
        Object result;
        try {
            result = step.call(argument);
        } catch (Throwable failure) {
            return retryLoop(step, argument, start, null, failure);
        }
        if (checksResults && retryOnResult.test(result)) {
            return retryLoop(step, argument, start, result, null);
        }
        succeeded();
        return result;
    }

    private void succeeded() {
        if (budget != null) {
            budget.onSuccess();
        }
    }

    /**
     * Attempts 2 and later of a synchronous call of {@code step} with {@code argument}, after attempt 1 returned
     * {@code firstResult} or threw {@code firstFailure}.
     */
    private @Nullable Object retryLoop(Step step, Object argument, long start, @Nullable Object firstResult,
            @Nullable Throwable firstFailure) {
        Object result = firstResult;
        Throwable failure = firstFailure;
        List<Throwable> earlier = null;
        long previousDelay = 0;
        for (int attempt = 1; ; attempt++) {
            long plan = Thread.currentThread().isInterrupted()
                    ? giveUpCode(Reason.INTERRUPTED)
                    : plan(attempt, result, failure, start, previousDelay);
            if (plan < 0) {
                return giveUp(attempt, reasonOf(plan), start, result, failure, earlier, null);
            }
            if (plan > 0) {
                try {
                    sleeper.sleep(plan);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return giveUp(attempt, Reason.INTERRUPTED, start, result, failure, earlier, interrupted);
                }
            }
            previousDelay = plan;
            if (failure != null && maxSuppressed > 0) {
                if (earlier == null) {
                    earlier = new ArrayList<>(Math.min(maxSuppressed, 16));
                }
                if (earlier.size() < maxSuppressed) {
                    earlier.add(failure);
                }
            }
            try {
                result = step.call(argument);
                failure = null;
            } catch (Throwable thrown) {
                result = null;
                failure = thrown;
                continue;
            }
            if (checksResults && retryOnResult.test(result)) {
                continue;
            }
            succeeded();
            notifySuccess(attempt + 1, result);
            return result;
        }
    }

    /**
     * Decides what follows the failed attempt {@code attempt}: a delay {@code >= 0} before the next attempt (the
     * budget is charged and {@code onRetry} told), or {@link #giveUpCode(Reason)} to give up.
     */
    long plan(int attempt, @Nullable Object result, @Nullable Throwable failure, long start, long previousDelay) {
        if (!retryable(result, failure)) {
            return giveUpCode(Reason.NOT_RETRYABLE);
        }
        if (attempt >= maxAttempts) {
            return giveUpCode(Reason.MAX_ATTEMPTS);
        }
        long delay = -1;
        Optional<Duration> chosen = delayFunction.delay(attempt, result, failure);
        if (chosen.isPresent()) {
            delay = Math.max(0, Nanos.saturated(chosen.get()));
        }
        if (delay < 0) {
            delay = backoff.delayNanos(attempt, previousDelay);
        }
        if (hasDeadline) {
            long remaining = deadlineNanos - (ticker.getAsLong() - start);
            if (remaining <= 0) {
                return giveUpCode(Reason.DEADLINE);
            }
            delay = Math.min(delay, remaining);
        }
        if (budget != null && !budget.tryAcquireRetry()) {
            return giveUpCode(Reason.BUDGET);
        }
        try {
            listener.onRetry(name, attempt, Duration.ofNanos(delay), result, failure);
        } catch (RuntimeException thrown) {
            listenerFailures.threw("onRetry", thrown);
        }
        return delay;
    }

    private boolean retryable(@Nullable Object result, @Nullable Throwable failure) {
        if (failure == null) {
            return !abortOnResult.test(result);
        }
        return !(failure instanceof Error) && !abortOn.test(failure) && retryOn.test(failure);
    }

    private void notifySuccess(int attempts, @Nullable Object result) {
        try {
            listener.onSuccessAfterRetries(name, attempts, result);
        } catch (RuntimeException thrown) {
            listenerFailures.threw("onSuccessAfterRetries", thrown);
        }
    }

    private @Nullable Object giveUp(int attempts, Reason reason, long start, @Nullable Object result,
            @Nullable Throwable failure, @Nullable List<Throwable> earlier, @Nullable Throwable interruption) {
        try {
            listener.onGiveUp(name, attempts, reason, result, failure);
        } catch (RuntimeException thrown) {
            listenerFailures.threw("onGiveUp", thrown);
        }
        if (failure == null) {
            return result;
        }
        decorate(failure, attempts, reason, start, earlier, interruption);
        throw Schedulers.sneaky(failure);
    }

    /** Adds the give-up record and earlier failures as suppressed, bounded even if the same instance is rethrown. */
    private void decorate(Throwable failure, int attempts, Reason reason, long start,
            @Nullable List<Throwable> earlier, @Nullable Throwable interruption) {
        if (failure.getSuppressed().length > maxSuppressed + 1) {
            return;
        }
        long elapsed = hasDeadline ? ticker.getAsLong() - start : -1;
        failure.addSuppressed(new RetriesExhaustedException(attempts, elapsed, reason));
        if (interruption != null) {
            failure.addSuppressed(interruption);
        }
        if (earlier != null) {
            for (Throwable previous : earlier) {
                if (previous != failure) {
                    failure.addSuppressed(previous);
                }
            }
        }
    }

    @Override
    public <T> CompletableFuture<T> getAsync(Supplier<? extends CompletionStage<? extends T>> supplier,
            ScheduledExecutorService scheduler) {
        Objects.requireNonNull(supplier, "supplier");
        Objects.requireNonNull(scheduler, "scheduler");
        AsyncCall<T> call = new AsyncCall<>(supplier, scheduler, hasDeadline ? ticker.getAsLong() : 0L);
        call.run();
        return call.future;
    }

    /** One asynchronous call: re-run by the scheduler for each retry. */
    private final class AsyncCall<T> implements Runnable {
        final CompletableFuture<T> future = new CompletableFuture<>();
        final Supplier<? extends CompletionStage<? extends T>> supplier;
        final ScheduledExecutorService scheduler;
        final long start;
        int attempt;
        long previousDelay;
        @Nullable List<Throwable> earlier;

        AsyncCall(Supplier<? extends CompletionStage<? extends T>> supplier, ScheduledExecutorService scheduler,
                long start) {
            this.supplier = supplier;
            this.scheduler = scheduler;
            this.start = start;
        }

        @Override
        public void run() {
            if (future.isDone()) {
                return;
            }
            attempt++;
            CompletionStage<? extends T> stage;
            try {
                stage = Objects.requireNonNull(supplier.get(), "the supplier returned a null stage");
            } catch (Throwable thrown) {
                completed(null, thrown);
                return;
            }
            stage.whenComplete(this::completed);
        }

        @SuppressWarnings("FutureReturnValueIgnored") // each run completes future itself, failures included
        private void completed(@Nullable T result, @Nullable Throwable thrown) {
            Throwable failure = thrown instanceof CompletionException && thrown.getCause() != null
                    ? thrown.getCause() : thrown;
            if (failure == null && !(checksResults && retryOnResult.test(result))) {
                succeeded();
                if (attempt > 1) {
                    notifySuccess(attempt, result);
                }
                future.complete(result);
                return;
            }
            if (future.isDone()) {
                return;
            }
            long plan = plan(attempt, result, failure, start, previousDelay);
            if (plan < 0) {
                finish(reasonOf(plan), result, failure, null);
                return;
            }
            previousDelay = plan;
            if (failure != null && maxSuppressed > 0) {
                if (earlier == null) {
                    earlier = new ArrayList<>(Math.min(maxSuppressed, 16));
                }
                if (earlier.size() < maxSuppressed) {
                    earlier.add(failure);
                }
            }
            try {
                scheduler.schedule(this, plan, TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException rejected) {
                finish(Reason.SCHEDULER_REJECTED, result, failure, rejected);
            }
        }

        private void finish(Reason reason, @Nullable T result, @Nullable Throwable failure,
                @Nullable Throwable extra) {
            try {
                T returned = Step.typed(giveUp(attempt, reason, start, result, failure, earlier, extra));
                future.complete(returned);
            } catch (Throwable rethrown) {
                future.completeExceptionally(rethrown);
            }
        }
    }
}
