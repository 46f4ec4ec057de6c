package dev.mainstay.retry.internal;

import dev.mainstay.retry.Fallback;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** The {@link Fallback} implementation: a try/catch and, with a result predicate, one test per call. */
public final class DefaultFallback<T> implements Fallback<T> {

    /** Builder default: every exception is handled. */
    public static final Predicate<Throwable> ALL_EXCEPTIONS = t -> t instanceof Exception;
    /** Builder default: no result is handled. */
    public static final Predicate<Object> NO_RESULT = r -> false;

    private final String name;
    private final Predicate<? super Throwable> fallbackOn;
    private final Predicate<? super T> fallbackOnResult;
    private final boolean checksResults;
    private final FallbackFunction<T> function;

    public DefaultFallback(String name, Predicate<? super Throwable> fallbackOn, Predicate<? super T> fallbackOnResult,
            FallbackFunction<T> function) {
        this.name = name;
        this.fallbackOn = fallbackOn;
        this.fallbackOnResult = fallbackOnResult;
        this.checksResults = fallbackOnResult != NO_RESULT;
        this.function = function;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public T get(Supplier<? extends T> supplier) {
        Objects.requireNonNull(supplier, "supplier");
        T result;
        try {
            result = supplier.get();
        } catch (Throwable failure) {
            return recoverUnchecked(failure);
        }
        return checksResults && fallbackOnResult.test(result) ? answerUnchecked(result, null) : result;
    }

    @Override
    public T call(Callable<? extends T> callable) throws Exception {
        Objects.requireNonNull(callable, "callable");
        T result;
        try {
            result = callable.call();
        } catch (Throwable failure) {
            return recover(failure);
        }
        return checksResults && fallbackOnResult.test(result) ? answer(result, null) : result;
    }

    @Override
    public void run(Runnable runnable) {
        Objects.requireNonNull(runnable, "runnable");
        try {
            runnable.run();
        } catch (Throwable failure) {
            recoverUnchecked(failure);
        }
    }

    /** The outcome of a call that threw {@code failure}: the fallback's answer, or {@code failure} rethrown. */
    public T recover(Throwable failure) throws Exception {
        if (failure instanceof Error || !fallbackOn.test(failure)) {
            throw Schedulers.sneaky(failure);
        }
        return answer(null, failure);
    }

    /** Whether a call's {@code result} is to be replaced by the fallback's answer. */
    public boolean rejects(@Nullable T result) {
        return checksResults && fallbackOnResult.test(result);
    }

    /** The function's answer; an exception it throws carries the call's failure as suppressed. */
    public T answer(@Nullable T result, @Nullable Throwable failure) throws Exception {
        try {
            return function.apply(result, failure);
        } catch (Throwable thrown) {
            if (failure != null && thrown != failure) {
                thrown.addSuppressed(failure);
            }
            throw Schedulers.sneaky(thrown);
        }
    }

    private T recoverUnchecked(Throwable failure) {
        try {
            return recover(failure);
        } catch (Exception e) {
            throw Schedulers.sneaky(e);
        }
    }

    private T answerUnchecked(@Nullable T result, @Nullable Throwable failure) {
        try {
            return answer(result, failure);
        } catch (Exception e) {
            throw Schedulers.sneaky(e);
        }
    }

    @Override
    public CompletableFuture<T> getAsync(Supplier<? extends CompletionStage<? extends T>> supplier) {
        Objects.requireNonNull(supplier, "supplier");
        CompletableFuture<T> future = new CompletableFuture<>();
        CompletionStage<? extends T> stage;
        try {
            stage = Objects.requireNonNull(supplier.get(), "the supplier returned a null stage");
        } catch (Throwable failure) {
            settle(future, null, failure);
            return future;
        }
        stage.whenComplete((result, thrown) -> settle(future, result, thrown));
        return future;
    }

    /** Completes {@code future} with the outcome, or with the fallback's answer when the outcome is handled. */
    public void settle(CompletableFuture<T> future, @Nullable T result, @Nullable Throwable thrown) {
        Throwable failure = thrown instanceof CompletionException && thrown.getCause() != null
                ? thrown.getCause() : thrown;
        try {
            if (failure != null) {
                future.complete(recover(failure));
            } else if (rejects(result)) {
                future.complete(answer(result, null));
            } else {
                future.complete(result);
            }
        } catch (Throwable e) {
            future.completeExceptionally(e);
        }
    }

    @Override
    public String toString() {
        return "Fallback[" + name + "]";
    }
}
