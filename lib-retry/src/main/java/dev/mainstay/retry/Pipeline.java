package dev.mainstay.retry;

import dev.mainstay.retry.internal.DefaultPipeline;
import dev.mainstay.retry.internal.Nullable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

/**
 * Policies stacked in one documented order, whatever order the builder is told them in:
 *
 * <pre>
 * fallback → retry → layers (in the order added) → circuit breaker → timeout → the call
 * </pre>
 *
 * <p>This is Failsafe's and Resilience4j's order. Each retry attempt passes through the breaker, which sees every
 * failure, and through the timeout, so a slow attempt counts as one failed attempt; an open breaker's
 * {@link CallNotPermittedException} is not retried (by default) and reaches the fallback at once. A {@link Layer} is
 * anything with the shape {@code <T> T call(Callable<T>)}, given by method reference, such as a rate limiter or a
 * bulkhead of another module, which then plugs in without either module depending on the other. Layers sit inside
 * the retry (a refused permit can be retried or aborted on) and outside the breaker (a refused permit is not a
 * failure of the dependency).
 *
 * <pre>{@code
 * Pipeline<Stock> pipeline = Pipeline.<Stock>builder()
 *         .fallback(Fallback.of(Stock.UNKNOWN))
 *         .retry(retry)
 *         .circuitBreaker(breaker)
 *         .layer(limiter::call)                  // any <T> T call(Callable<T>) method
 *         .timeout(timeout)
 *         .build();
 * Stock stock = pipeline.call(() -> inventory.stock(sku));
 * }</pre>
 *
 * <p><b>Cost.</b> With this module's retry, breaker and fallback, a call that succeeds at once costs what the three
 * cost alone and allocates nothing: the stages are made when the pipeline is built and take the operation as an
 * argument instead of capturing it. A layer costs one small object per call (the {@link Callable} it is given), a
 * synchronous timeout one task per call.
 *
 * <p><b>Asynchronous calls</b> ({@link #getAsync}) go through the same order; the retry waits on the scheduler given,
 * and a layer wraps the start of each attempt (the supplier), not its completion.
 *
 * <p>Immutable and thread-safe.
 *
 * @param <T> the type of the results
 */
public interface Pipeline<T> {

    /**
     * A builder; every policy is optional.
     *
     * @param <T> the type of the result
     * @return a new builder
     */
    static <T> Builder<T> builder() {
        return new Builder<>();
    }

    /**
     * Calls {@code supplier} through the pipeline.
     *
     * @param supplier the call
     * @return the result
     */
    T get(Supplier<? extends T> supplier);

    /**
     * Calls {@code callable} through the pipeline.
     *
     * @param callable the call
     * @return the result
     * @throws Exception what the call throws
     */
    T call(Callable<? extends T> callable) throws Exception;

    /**
     * Runs {@code runnable} through the pipeline.
     *
     * @param runnable the call
     */
    void run(Runnable runnable);

    /**
     * Starts the asynchronous call through the pipeline.
     *
     * @param supplier starts the call and returns its stage; it may throw, which counts as a failure
     * @param scheduler where the retry waits between attempts (unused without a retry)
     * @return a future of the result
     */
    CompletableFuture<T> getAsync(Supplier<? extends CompletionStage<? extends T>> supplier,
            ScheduledExecutorService scheduler);

    /**
     * A policy of any module, given by a method reference to its {@code <T> T call(Callable<T>)} method.
     *
     * <pre>{@code
     * Pipeline.Layer layer = bulkhead::call;
     * }</pre>
     */
    @FunctionalInterface
    interface Layer {
        /**
         * Calls {@code callable} under this layer's policy.
         *
         * @param <R> the type of the result
         * @param callable the call
         * @return the result
         * @throws Exception what the call throws
         */
        <R> R call(Callable<R> callable) throws Exception;
    }

    /**
     * Builds a {@link Pipeline}. Each policy may be set once; the order of the builder calls does not matter
     * (layers keep the order in which they are added, the first outermost). Not thread-safe.
     *
     * <pre>{@code
     * Pipeline<String> pipeline = Pipeline.<String>builder().retry(retry).circuitBreaker(breaker).build();
     * }</pre>
     *
     * @param <T> the type of the results
     */
    final class Builder<T> {
        private @Nullable Fallback<T> fallback;
        private @Nullable Retry retry;
        private final List<Layer> layers = new ArrayList<>();
        private @Nullable CircuitBreaker circuitBreaker;
        private @Nullable Timeout timeout;

        private Builder() {}

        /**
         * The outermost stage.
         *
         * @param fallback the fallback, outermost
         * @return this builder
         */
        public Builder<T> fallback(Fallback<T> fallback) {
            Objects.requireNonNull(fallback, "fallback");
            this.fallback = once("fallback", this.fallback, fallback);
            return this;
        }

        /**
         * Inside the fallback.
         *
         * @param retry the retry policy
         * @return this builder
         */
        public Builder<T> retry(Retry retry) {
            Objects.requireNonNull(retry, "retry");
            this.retry = once("retry", this.retry, retry);
            return this;
        }

        /**
         * Inside the retry and outside the breaker; several layers nest in the order added, the first outermost.
         *
         * @param layer the layer
         * @return this builder
         */
        public Builder<T> layer(Layer layer) {
            layers.add(Objects.requireNonNull(layer, "layer"));
            return this;
        }

        /**
         * Inside the retry and the layers.
         *
         * @param circuitBreaker the breaker
         * @return this builder
         */
        public Builder<T> circuitBreaker(CircuitBreaker circuitBreaker) {
            Objects.requireNonNull(circuitBreaker, "circuitBreaker");
            this.circuitBreaker = once("circuitBreaker", this.circuitBreaker, circuitBreaker);
            return this;
        }

        /**
         * The innermost stage, around each attempt. A synchronous call needs the timeout's executor.
         *
         * @param timeout the time limit, innermost
         * @return this builder
         */
        public Builder<T> timeout(Timeout timeout) {
            Objects.requireNonNull(timeout, "timeout");
            this.timeout = once("timeout", this.timeout, timeout);
            return this;
        }

        /**
         * Builds the pipeline.
         *
         * @return the pipeline
         */
        public Pipeline<T> build() {
            return new DefaultPipeline<>(fallback, retry, List.copyOf(layers), circuitBreaker, timeout);
        }

        private static <P> P once(String setting, @Nullable P current, P value) {
            if (current != null) {
                throw new IllegalStateException(setting + " is already set");
            }
            return value;
        }
    }
}
