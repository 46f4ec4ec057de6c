package dev.mainstay.ratelimit.internal;

import dev.mainstay.ratelimit.ConcurrencyLimiter;
import dev.mainstay.ratelimit.ConcurrencyLimiterConfig;
import dev.mainstay.ratelimit.ConcurrencyLimiterListener.Outcome;
import dev.mainstay.ratelimit.Permit;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** A {@link ConcurrencyLimiter}: the limiter itself (partition {@code -1}) or one partition's view of it. */
final class LimiterView implements ConcurrencyLimiter {

    private final LimiterCore core;
    private final int partition;
    private final long maxWaitNanos;
    private final Predicate<? super Throwable> dropOn;
    private final @Nullable LimiterView[] partitions; // the root's views, one per partition; null in a view

    LimiterView(LimiterCore core, int partition) {
        this.core = core;
        this.partition = partition;
        this.maxWaitNanos = Arith.saturatedNanos(core.config.maxWait());
        this.dropOn = core.config.dropOn();
        if (partition < 0) {
            partitions = new LimiterView[core.partitionNames.length];
            for (int i = 0; i < partitions.length; i++) {
                partitions[i] = new LimiterView(core, i);
            }
        } else {
            partitions = null;
        }
    }

    @Override
    public Permit tryAcquire() {
        return core.tryAcquire(partition);
    }

    @Override
    public Permit acquire(Duration timeout) throws InterruptedException {
        Permit permit = core.await(partition, Waiting.timeoutNanos(timeout));
        return permit == null ? Permits.REFUSED : permit;
    }

    @Override
    public CompletableFuture<Permit> acquireAsync(Duration timeout, ScheduledExecutorService scheduler) {
        long timeoutNanos = Waiting.timeoutNanos(timeout);
        Objects.requireNonNull(scheduler, "scheduler");
        return core.acquireAsync(partition, timeoutNanos, scheduler);
    }

    /** A slot for a decorator once the first try failed: wait up to maxWait, or refuse. */
    private Permits.Granted enter() {
        if (maxWaitNanos <= 0) {
            core.rejected(partition);
            throw core.refusal(partition);
        }
        Permits.Granted granted;
        try {
            granted = core.await(partition, maxWaitNanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw core.refusal(partition);
        }
        if (granted == null) {
            throw core.refusal(partition);
        }
        return granted;
    }

    @Override
    public <T> T get(Supplier<? extends T> supplier) {
        Objects.requireNonNull(supplier, "supplier");
        int taken = core.tryTake(partition);
        if (taken < 0) {
            return getSlow(supplier);
        }
        if (core.hasListener()) {
            core.acquired(partition, taken, 0);
        }
        long start = core.now();
        T result;
        try {
            result = supplier.get();
        } catch (Throwable t) {
            core.release(partition, start, taken, outcome(t));
            throw t;
        }
        core.release(partition, start, taken, Outcome.SUCCESS);
        return result;
    }

    private <T> T getSlow(Supplier<? extends T> supplier) {
        Permits.Granted granted = enter();
        T result;
        try {
            result = supplier.get();
        } catch (Throwable t) {
            granted.release(outcome(t));
            throw t;
        }
        granted.release(Outcome.SUCCESS);
        return result;
    }

    @Override
    public <T> T call(Callable<? extends T> callable) throws Exception {
        Objects.requireNonNull(callable, "callable");
        int taken = core.tryTake(partition);
        if (taken < 0) {
            return callSlow(callable);
        }
        if (core.hasListener()) {
            core.acquired(partition, taken, 0);
        }
        long start = core.now();
        T result;
        try {
            result = callable.call();
        } catch (Throwable t) {
            core.release(partition, start, taken, outcome(t));
            throw t;
        }
        core.release(partition, start, taken, Outcome.SUCCESS);
        return result;
    }

    private <T> T callSlow(Callable<? extends T> callable) throws Exception {
        Permits.Granted granted = enter();
        T result;
        try {
            result = callable.call();
        } catch (Throwable t) {
            granted.release(outcome(t));
            throw t;
        }
        granted.release(Outcome.SUCCESS);
        return result;
    }

    @Override
    public void run(Runnable runnable) {
        Objects.requireNonNull(runnable, "runnable");
        get(() -> {
            runnable.run();
            return null;
        });
    }

    @Override
    public <T> CompletableFuture<T> getAsync(Supplier<? extends CompletionStage<? extends T>> supplier) {
        Objects.requireNonNull(supplier, "supplier");
        int taken = core.tryTake(partition);
        if (taken < 0) {
            core.rejected(partition);
            return CompletableFuture.failedFuture(core.refusal(partition));
        }
        if (core.hasListener()) {
            core.acquired(partition, taken, 0);
        }
        long start = core.now();
        CompletionStage<? extends T> stage;
        try {
            stage = Objects.requireNonNull(supplier.get(), "the supplier's stage");
        } catch (Throwable t) {
            core.release(partition, start, taken, outcome(t));
            return CompletableFuture.failedFuture(t);
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        stage.whenComplete((value, failure) -> {
            if (failure == null) {
                core.release(partition, start, taken, Outcome.SUCCESS);
                result.complete(value);
            } else {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure;
                core.release(partition, start, taken, outcome(cause));
                result.completeExceptionally(cause);
            }
        });
        return result;
    }

    private Outcome outcome(Throwable failure) {
        try {
            return dropOn.test(failure) ? Outcome.DROPPED : Outcome.IGNORED;
        } catch (RuntimeException e) {
            return Outcome.IGNORED;
        }
    }

    @Override
    public ConcurrencyLimiter partition(String name) {
        Objects.requireNonNull(name, "partition");
        LimiterView[] views = partition < 0 ? partitions : null;
        if (views != null) {
            for (LimiterView view : views) {
                if (core.partitionNames[view.partition].equals(name)) {
                    return view;
                }
            }
        } else if (core.partitionNames[partition].equals(name)) {
            return this;
        }
        throw new IllegalArgumentException("partition must be one of " + java.util.Arrays.toString(
                core.partitionNames) + " but was '" + name + "'");
    }

    @Override
    public int limit() {
        return partition < 0 ? core.limit() : core.reserved(partition);
    }

    @Override
    public int inFlight() {
        return partition < 0 ? core.inFlight() : core.inFlight(partition);
    }

    @Override
    public int waiting() {
        return core.waiting();
    }

    @Override
    public String name() {
        return core.partitionName(partition);
    }

    @Override
    public ConcurrencyLimiterConfig config() {
        return core.config;
    }

    @Override
    public String toString() {
        return "ConcurrencyLimiter[" + name() + ", limit " + limit() + ", in flight " + inFlight() + "]";
    }
}
