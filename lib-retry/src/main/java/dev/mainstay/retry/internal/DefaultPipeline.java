package dev.mainstay.retry.internal;

import dev.mainstay.retry.CircuitBreaker;
import dev.mainstay.retry.Fallback;
import dev.mainstay.retry.Pipeline;
import dev.mainstay.retry.Retry;
import dev.mainstay.retry.Timeout;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

/**
 * The {@link Pipeline} implementation: a chain of {@link Step}s made once, innermost first. Each stage receives the
 * user's {@link Callable} as its argument, so this module's retry and breaker pass it on without allocating.
 */
public final class DefaultPipeline<T> implements Pipeline<T> {

    private final @Nullable Fallback<T> fallback;
    private final @Nullable DefaultFallback<T> fusedFallback;
    private final @Nullable Retry retry;
    private final List<Layer> layers;
    private final @Nullable CircuitBreaker breaker;
    private final @Nullable Timeout timeout;
    private final Step top;

    /** Each policy is null when the pipeline has none. */
    public DefaultPipeline(@Nullable Fallback<T> fallback, @Nullable Retry retry, List<Layer> layers,
            @Nullable CircuitBreaker breaker, @Nullable Timeout timeout) {
        this.fallback = fallback;
        this.fusedFallback = fallback instanceof DefaultFallback<T> f ? f : null;
        this.retry = retry;
        this.layers = layers;
        this.breaker = breaker;
        this.timeout = timeout;
        Step step = Step.CALLABLE;
        if (timeout != null) {
            step = argument -> timeout.call((Callable<?>) argument);
        }
        if (breaker != null) {
            Step inner = step;
            step = breaker instanceof DefaultCircuitBreaker b
                    ? argument -> b.call(inner, argument)
                    : argument -> breaker.call(() -> inner.call(argument));
        }
        for (int i = layers.size() - 1; i >= 0; i--) {
            Layer layer = layers.get(i);
            Step inner = step;
            step = argument -> layer.call(() -> inner.call(argument));
        }
        if (retry != null) {
            Step inner = step;
            step = retry instanceof DefaultRetry r
                    ? argument -> r.call(inner, argument)
                    : argument -> retry.call(() -> inner.call(argument));
        }
        if (fallback != null && fusedFallback == null) {
            Step inner = step;
            step = argument -> fallback.call(() -> Step.typed(inner.call(argument)));
        }
        this.top = step;
    }

    @Override
    public T call(Callable<? extends T> callable) throws Exception {
        Objects.requireNonNull(callable, "callable");
        if (fusedFallback == null) {
            return Step.typed(top.call(callable));
        }
        T result;
        try {
            result = Step.typed(top.call(callable));
        } catch (Throwable failure) {
            return fusedFallback.recover(failure);
        }
        return fusedFallback.rejects(result) ? fusedFallback.answer(result, null) : result;
    }

    @Override
    public T get(Supplier<? extends T> supplier) {
        Objects.requireNonNull(supplier, "supplier");
        try {
            return call(supplier::get);
        } catch (Exception e) {
            throw Schedulers.sneaky(e);
        }
    }

    @Override
    public void run(Runnable runnable) {
        Objects.requireNonNull(runnable, "runnable");
        try {
            call(() -> {
                runnable.run();
                return null;
            });
        } catch (Exception e) {
            throw Schedulers.sneaky(e);
        }
    }

    @Override
    public CompletableFuture<T> getAsync(Supplier<? extends CompletionStage<? extends T>> supplier,
            ScheduledExecutorService scheduler) {
        Objects.requireNonNull(supplier, "supplier");
        Objects.requireNonNull(scheduler, "scheduler");
        Supplier<? extends CompletionStage<? extends T>> attempt = supplier;
        if (timeout != null) {
            Supplier<? extends CompletionStage<? extends T>> inner = attempt;
            attempt = () -> timeout.getAsync(inner);
        }
        if (breaker != null) {
            Supplier<? extends CompletionStage<? extends T>> inner = attempt;
            attempt = () -> breaker.getAsync(inner);
        }
        for (int i = layers.size() - 1; i >= 0; i--) {
            Layer layer = layers.get(i);
            Supplier<? extends CompletionStage<? extends T>> inner = attempt;
            attempt = () -> {
                try {
                    return layer.call(inner::get);
                } catch (Exception e) {
                    return CompletableFuture.failedFuture(e);
                }
            };
        }
        Supplier<? extends CompletionStage<? extends T>> outer = attempt;
        Supplier<? extends CompletionStage<? extends T>> retried =
                retry == null ? outer : () -> retry.getAsync(outer, scheduler);
        return fallback == null ? start(retried) : fallback.getAsync(retried);
    }

    private static <T> CompletableFuture<T> start(Supplier<? extends CompletionStage<? extends T>> supplier) {
        CompletionStage<? extends T> stage;
        try {
            stage = Objects.requireNonNull(supplier.get(), "the supplier returned a null stage");
        } catch (Throwable failure) {
            return CompletableFuture.failedFuture(failure);
        }
        CompletableFuture<T> future = new CompletableFuture<>();
        stage.whenComplete((result, thrown) -> {
            if (thrown == null) {
                future.complete(result);
            } else {
                future.completeExceptionally(thrown instanceof java.util.concurrent.CompletionException
                        && thrown.getCause() != null ? thrown.getCause() : thrown);
            }
        });
        return future;
    }

    @Override
    public String toString() {
        return "Pipeline[fallback=" + (fallback != null) + ", retry=" + (retry != null) + ", layers=" + layers.size()
                + ", circuitBreaker=" + (breaker != null) + ", timeout=" + (timeout != null) + "]";
    }
}
