package dev.mainstay.retry;

import dev.mainstay.retry.internal.Checks;
import dev.mainstay.retry.internal.DefaultFallback;
import dev.mainstay.retry.internal.Nullable;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A fallback: when a call fails in a way it handles (an exception type, or a result a predicate rejects), it answers
 * with what its {@link FallbackFunction} makes of the outcome instead.
 *
 * <pre>{@code
 * Fallback<Stock> fallback = Fallback.<Stock>builder((result, failure) -> cache.last(sku))
 *         .fallbackOn(CallNotPermittedException.class, TimeoutExceededException.class, IOException.class)
 *         .fallbackOnResult(stock -> stock.isStale())
 *         .build();
 * Stock stock = fallback.call(() -> inventory.stock(sku));
 * }</pre>
 *
 * <p>By default every {@link Exception} is handled, results never; an {@link Error} never is, whatever the
 * predicates say. If the function throws, that exception propagates with the call's failure added as suppressed.
 *
 * <p>Immutable and thread-safe. A call that succeeds costs nothing but the call (no allocation, no clock).
 *
 * @param <T> the type of the results
 */
public interface Fallback<T> {

    /**
     * A builder for a fallback that answers with {@code function}'s value.
     *
     * @param <T> the type of the result
     * @param function gives the answer instead of the call's
     * @return a new builder
     */
    static <T> Builder<T> builder(FallbackFunction<T> function) {
        return new Builder<>(Objects.requireNonNull(function, "function"));
    }

    /**
     * A fallback that answers {@code value} (nullable) when the call throws an {@link Exception}.
     *
     * @param <T> the type of the result
     * @param value the answer (nullable)
     * @return a fallback that answers {@code value}
     */
    static <T> Fallback<T> of(T value) {
        return Fallback.<T>builder((result, failure) -> value).build();
    }

    /**
     * The name.
     *
     * @return the name
     */
    String name();

    /**
     * Calls {@code supplier}; returns its result, or the fallback's when the outcome is handled.
     *
     * @param supplier the call
     * @return the call's result, or the fallback's answer
     */
    T get(Supplier<? extends T> supplier);

    /**
     * Calls {@code callable}; returns its result, or the fallback's when the outcome is handled.
     *
     * @param callable the call
     * @return the call's result, or the fallback's answer
     * @throws Exception what the call throws
     */
    T call(Callable<? extends T> callable) throws Exception;

    /**
     * Runs {@code runnable}; when it throws a handled exception, the function is called (its value ignored).
     *
     * @param runnable the call
     */
    void run(Runnable runnable);

    /**
     * Starts the asynchronous call; the future completes with its result, or the fallback's when the outcome is
     * handled. The function runs on the thread that completes the stage.
     *
     * @param supplier starts the call and returns its stage; it may throw, which counts as a failure
     * @return a future of the call's result, or of the fallback's answer
     */
    CompletableFuture<T> getAsync(Supplier<? extends CompletionStage<? extends T>> supplier);

    /**
     * Makes the fallback's answer from the call's outcome.
     *
     * <pre>{@code
     * Fallback.FallbackFunction<String> stale = (result, failure) -> failure != null ? cached() : result + " (stale)";
     * }</pre>
     *
     * @param <T> the type of the results
     */
    @FunctionalInterface
    interface FallbackFunction<T> {
        /**
         * The answer instead of the call's.
         *
         * @param result the rejected result, or {@code null} if the call threw
         * @param failure the handled exception, or {@code null} if a result was rejected
         * @return the answer (nullable)
         * @throws Exception when there is no answer either; it reaches the caller
         */
        T apply(@Nullable T result, @Nullable Throwable failure) throws Exception;
    }

    /**
     * Builds a {@link Fallback}; each setting is checked when set. Not thread-safe.
     *
     * <pre>{@code
     * Fallback<String> fallback = Fallback.<String>builder((r, e) -> "cached").fallbackOn(IOException.class).build();
     * }</pre>
     *
     * @param <T> the type of the results
     */
    final class Builder<T> {
        private static final Predicate<Object> NO_RESULT = DefaultFallback.NO_RESULT;

        private final FallbackFunction<T> function;
        private String name = "fallback";
        private Predicate<? super Throwable> fallbackOn = DefaultFallback.ALL_EXCEPTIONS;
        private Predicate<? super T> fallbackOnResult = NO_RESULT;

        private Builder(FallbackFunction<T> function) {
            this.function = function;
        }

        /**
         * The name. Default {@code "fallback"}.
         *
         * @param name the name, not blank
         * @return this builder
         */
        public Builder<T> name(String name) {
            this.name = Checks.name(name);
            return this;
        }

        /**
         * Handles only exceptions of these types (and subtypes); replaces the default (every exception).
         *
         * @param types the exception types, at least one
         * @return this builder
         */
        @SafeVarargs
        @SuppressWarnings("varargs")
        public final Builder<T> fallbackOn(Class<? extends Throwable>... types) {
            this.fallbackOn = Checks.anyOf("fallbackOn", types);
            return this;
        }

        /**
         * Handles only exceptions this predicate accepts; replaces the default. {@link Error}s never are.
         *
         * @param predicate the predicate
         * @return this builder
         */
        public Builder<T> fallbackOn(Predicate<? super Throwable> predicate) {
            this.fallbackOn = Objects.requireNonNull(predicate, "predicate");
            return this;
        }

        /**
         * Handles results this predicate accepts (nullable results are passed as is). Default: none.
         *
         * @param predicate the predicate
         * @return this builder
         */
        public Builder<T> fallbackOnResult(Predicate<? super T> predicate) {
            this.fallbackOnResult = Objects.requireNonNull(predicate, "predicate");
            return this;
        }

        /**
         * Builds the fallback.
         *
         * @return the fallback
         */
        public Fallback<T> build() {
            return new DefaultFallback<>(name, fallbackOn, fallbackOnResult, function);
        }
    }
}
