package dev.mainstay.retry;

import dev.mainstay.retry.internal.Checks;
import dev.mainstay.retry.internal.DefaultRetry;
import dev.mainstay.retry.internal.Nanos;
import dev.mainstay.retry.internal.Nullable;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A retry policy: calls an operation again, after a backoff, while it fails in a way worth retrying and the limits
 * (attempts, deadline, shared budget) allow.
 *
 * <pre>{@code
 * Retry retry = Retry.builder()
 *         .maxAttempts(4)
 *         .deadline(Duration.ofSeconds(10))
 *         .backoff(Backoff.exponential(Duration.ofMillis(100), 2.0, Duration.ofSeconds(2)).withFullJitter())
 *         .retryOn(IOException.class)
 *         .build();
 * String body = retry.call(() -> fetch(uri));
 * }</pre>
 *
 * <p><b>What is retried.</b> By default every {@link Exception} except {@link CallNotPermittedException} (an open
 * circuit breaker says "do not call now"); {@link Error}s never, whatever the predicates say. Results are accepted
 * unless {@link Builder#retryOnResult retryOnResult} rejects them. When the policy gives up on a rejected result it
 * returns that result; when it gives up on an exception it rethrows that exception (its own type, so catch blocks
 * keep working) with a {@link RetriesExhaustedException} and the earlier attempts' exceptions added as suppressed.
 *
 * <p><b>Limits.</b> At most {@link Builder#maxAttempts maxAttempts} attempts; with a {@link Builder#deadline deadline}
 * no wait ends after it (the last wait is shortened to end at the deadline, then one last attempt is made) and no
 * attempt starts after it. With a {@link RetryBudget} every retry also needs tokens from the shared bucket.
 *
 * <p><b>Threads.</b> The synchronous methods wait with the {@link Sleeper} on the calling thread; when that thread is
 * interrupted the policy stops retrying, sets the interrupt flag again and throws the last failure. The asynchronous
 * method waits on a {@link ScheduledExecutorService} and blocks no thread.
 *
 * <p>Immutable and thread-safe: one instance serves any number of concurrent calls. A first attempt that succeeds
 * allocates nothing and reads no clock (unless a deadline is set: then one read).
 */
public interface Retry {

    /**
     * A builder with the defaults listed on each setting.
     *
     * @return a new builder
     */
    static Builder builder() {
        return new Builder();
    }

    /**
     * A policy with all defaults: 3 attempts, exponential backoff from 100 ms up to 10 s with full jitter.
     *
     * @return a policy with the defaults
     */
    static Retry ofDefaults() {
        return builder().build();
    }

    /**
     * This policy's name.
     *
     * @return the name
     */
    String name();

    /**
     * This policy's settings.
     *
     * @return the settings
     */
    RetryConfig config();

    /**
     * Calls {@code supplier} until it succeeds or the policy gives up, returning its result.
     *
     * @param <T> the type of the result
     * @param supplier the call
     * @return the successful attempt's result, or the last rejected result
     */
    <T> T get(Supplier<? extends T> supplier);

    /**
     * Calls {@code callable} until it succeeds or the policy gives up, returning its result.
     *
     * @param <T> the type of the result
     * @param callable the call
     * @return the successful attempt's result, or the last rejected result
     * @throws Exception what the call throws
     */
    <T> T call(Callable<? extends T> callable) throws Exception;

    /**
     * Runs {@code runnable} until it completes normally or the policy gives up.
     *
     * @param runnable the call
     */
    void run(Runnable runnable);

    /**
     * Runs {@code runnable} until it completes normally or the policy gives up.
     *
     * @param runnable the call
     * @throws Exception the last attempt's exception, when the policy gives up
     */
    void runChecked(CheckedRunnable runnable) throws Exception;

    /**
     * Starts the asynchronous operation until its stage completes normally or the policy gives up; the waits
     * between attempts are scheduled on {@code scheduler}, so no thread is blocked. Cancelling the returned future
     * stops further attempts. If the scheduler rejects a retry, the future fails with the last failure, carrying a
     * {@link RetriesExhaustedException} of reason {@code SCHEDULER_REJECTED} and the
     * {@link java.util.concurrent.RejectedExecutionException} as suppressed.
     *
     * @param <T> the type of the result
     * @param supplier starts one attempt; it may throw, which counts as a failed attempt
     * @param scheduler runs the waits between attempts
     * @return a future of the successful attempt's result, or of the last failure
     */
    <T> CompletableFuture<T> getAsync(Supplier<? extends CompletionStage<? extends T>> supplier,
            ScheduledExecutorService scheduler);

    /**
     * A {@link Runnable} that may throw a checked exception.
     *
     * <pre>{@code
     * retry.runChecked(() -> Files.delete(lockFile));
     * }</pre>
     */
    @FunctionalInterface
    interface CheckedRunnable {
        /**
         * Runs.
         *
         * @throws Exception any exception; it counts as a failed attempt
         */
        void run() throws Exception;
    }

    /**
     * How the synchronous methods wait between attempts; tests plug in one that only advances a fake ticker.
     *
     * <pre>{@code
     * AtomicLong now = new AtomicLong();
     * Retry retry = Retry.builder().ticker(now::get).sleeper(now::addAndGet).build();   // never really sleeps
     * }</pre>
     */
    @FunctionalInterface
    interface Sleeper {
        /** The default: {@link TimeUnit#sleep}, which throws on interruption. */
        Sleeper THREAD_SLEEP = TimeUnit.NANOSECONDS::sleep;

        /**
         * Waits {@code nanos} ({@code > 0}) nanoseconds.
         *
         * @param nanos how long, {@code > 0}
         * @throws InterruptedException if the thread is interrupted while waiting
         */
        void sleep(long nanos) throws InterruptedException;
    }

    /**
     * Chooses the delay before a retry from what the failed attempt returned or threw, e.g. a server's
     * {@code Retry-After}. Returning empty uses the policy's {@link Backoff}.
     *
     * <pre>{@code
     * Retry.DelayFunction retryAfter = (attempt, result, failure) ->
     *         result instanceof HttpResponse<?> r
     *                 ? r.headers().firstValueAsLong("Retry-After").stream().mapToObj(Duration::ofSeconds).findFirst()
     *                 : Optional.empty();
     * }</pre>
     */
    @FunctionalInterface
    interface DelayFunction {
        /** Never overrides: the backoff decides every delay. */
        DelayFunction BACKOFF = (attempt, result, failure) -> Optional.empty();

        /**
         * The delay before the next attempt, or empty for the backoff's. A negative delay counts as zero; the
         * deadline still caps it.
         *
         * @param attempt the attempt that just failed, 1 for the first
         * @param result its result if a result predicate rejected it, else {@code null}
         * @param failure its exception, or {@code null} if it returned a rejected result
         * @return the delay, or empty for the backoff's
         */
        Optional<Duration> delay(int attempt, @Nullable Object result, @Nullable Throwable failure);
    }

    /**
     * Builds a {@link Retry}; each setting is checked when set. Not thread-safe.
     *
     * <pre>{@code
     * Retry retry = Retry.builder().name("payments").maxAttempts(5).deadline(Duration.ofSeconds(3)).build();
     * }</pre>
     */
    final class Builder {
        private static final Predicate<Object> NO_RESULT = DefaultRetry.NO_RESULT;

        private String name = "retry";
        private int maxAttempts = 3;
        private @Nullable Duration deadline;
        private Backoff backoff =
                Backoff.exponential(Duration.ofMillis(100), 2.0, Duration.ofSeconds(10)).withFullJitter();
        private DelayFunction delayFunction = DelayFunction.BACKOFF;
        private Predicate<? super Throwable> retryOn = Builder::retriedByDefault;
        private Predicate<? super Throwable> abortOn = Builder::abortsNone;
        private Predicate<Object> retryOnResult = NO_RESULT;
        private Predicate<Object> abortOnResult = NO_RESULT;
        private @Nullable RetryBudget budget;
        private RetryListener listener = RetryConfig.NO_LISTENER;
        private int maxSuppressed = 10;
        private LongSupplier ticker = RetryConfig.SYSTEM_TICKER;
        private Sleeper sleeper = Sleeper.THREAD_SLEEP;

        private Builder() {}

        /**
         * The name passed to listeners. Default {@code "retry"}.
         *
         * @param name the name, not blank
         * @return this builder
         */
        public Builder name(String name) {
            this.name = Checks.name(name);
            return this;
        }

        /**
         * The most attempts, the first included; {@code >= 1} (1 means no retry). Default 3. With a
         * {@link #deadline deadline} and {@code Integer.MAX_VALUE} attempts, only the deadline limits.
         *
         * @param maxAttempts the most attempts, {@code >= 1}
         * @return this builder
         */
        public Builder maxAttempts(int maxAttempts) {
            this.maxAttempts = Checks.atLeast("maxAttempts", maxAttempts, 1);
            return this;
        }

        /**
         * The overall limit, from the start of the first attempt; {@code > 0}. No wait ends after it and no attempt
         * starts after it. Default: none.
         *
         * @param deadline the limit, {@code > 0}
         * @return this builder
         */
        public Builder deadline(Duration deadline) {
            this.deadline = Nanos.positive("deadline", deadline);
            return this;
        }

        /**
         * The delay before each retry. Default: exponential from 100 ms, times 2, up to 10 s, with full jitter.
         *
         * @param backoff the delay before each retry
         * @return this builder
         */
        public Builder backoff(Backoff backoff) {
            this.backoff = Objects.requireNonNull(backoff, "backoff");
            return this;
        }

        /**
         * A delay chosen from the failed attempt (e.g. {@code Retry-After}); when it returns empty the backoff decides.
         *
         * @param delayFunction the delay function
         * @return this builder
         */
        public Builder delayFunction(DelayFunction delayFunction) {
            this.delayFunction = Objects.requireNonNull(delayFunction, "delayFunction");
            return this;
        }

        /** The default of {@code retryOn}: every {@link Exception} but {@link CallNotPermittedException}. */
        private static boolean retriedByDefault(Throwable failure) {
            return failure instanceof Exception && !(failure instanceof CallNotPermittedException);
        }

        /** The default of {@code abortOn}: no exception aborts. */
        private static boolean abortsNone(Throwable failure) {
            return false;
        }

        /**
         * Retries only exceptions of these types (and their subtypes); replaces the default.
         *
         * @param types the exception types, at least one
         * @return this builder
         */
        @SafeVarargs
        @SuppressWarnings("varargs")
        public final Builder retryOn(Class<? extends Throwable>... types) {
            this.retryOn = Checks.anyOf("retryOn", types);
            return this;
        }

        /**
         * Retries only exceptions this predicate accepts; replaces the default. {@link Error}s are never retried.
         *
         * @param predicate the predicate
         * @return this builder
         */
        public Builder retryOn(Predicate<? super Throwable> predicate) {
            this.retryOn = Objects.requireNonNull(predicate, "predicate");
            return this;
        }

        /**
         * Stops at once, without retrying, on exceptions of these types. Default: none.
         *
         * @param types the exception types, at least one
         * @return this builder
         */
        @SafeVarargs
        @SuppressWarnings("varargs")
        public final Builder abortOn(Class<? extends Throwable>... types) {
            this.abortOn = Checks.anyOf("abortOn", types);
            return this;
        }

        /**
         * Stops at once, without retrying, on exceptions this predicate accepts. Default: none.
         *
         * @param predicate the predicate
         * @return this builder
         */
        public Builder abortOn(Predicate<? super Throwable> predicate) {
            this.abortOn = Objects.requireNonNull(predicate, "predicate");
            return this;
        }

        /**
         * Treats results this predicate accepts as failures to retry. Default: every result is accepted.
         *
         * @param predicate the predicate
         * @return this builder
         */
        public Builder retryOnResult(Predicate<Object> predicate) {
            this.retryOnResult = Objects.requireNonNull(predicate, "predicate");
            return this;
        }

        /**
         * Stops at once on a rejected result this predicate accepts, returning it. Default: none.
         *
         * @param predicate the predicate
         * @return this builder
         */
        public Builder abortOnResult(Predicate<Object> predicate) {
            this.abortOnResult = Objects.requireNonNull(predicate, "predicate");
            return this;
        }

        /**
         * A budget shared with other policies: every retry needs its tokens, every success refunds. Default: none.
         *
         * @param budget the shared budget
         * @return this builder
         */
        public Builder budget(RetryBudget budget) {
            this.budget = Objects.requireNonNull(budget, "budget");
            return this;
        }

        /**
         * Hears retries, successes after retries and give-ups. Default: none.
         *
         * @param listener the listener
         * @return this builder
         */
        public Builder listener(RetryListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * How many earlier attempts' exceptions the rethrown one carries as suppressed; {@code >= 0}. Default 10.
         *
         * @param maxSuppressed the most suppressed exceptions, {@code >= 0}
         * @return this builder
         */
        public Builder maxSuppressed(int maxSuppressed) {
            this.maxSuppressed = Checks.atLeast("maxSuppressed", maxSuppressed, 0);
            return this;
        }

        /**
         * Monotonic nanoseconds, read only when a deadline is set. Default {@code System::nanoTime}.
         *
         * @param ticker monotonic nanoseconds
         * @return this builder
         */
        public Builder ticker(LongSupplier ticker) {
            this.ticker = Objects.requireNonNull(ticker, "ticker");
            return this;
        }

        /**
         * How the synchronous methods wait. Default {@link Sleeper#THREAD_SLEEP}.
         *
         * @param sleeper the sleeper
         * @return this builder
         */
        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        /**
         * Builds the policy.
         *
         * @return the policy
         */
        public Retry build() {
            return new DefaultRetry(new RetryConfig(name, maxAttempts, Optional.ofNullable(deadline), backoff,
                    delayFunction, retryOn, abortOn, retryOnResult, abortOnResult, Optional.ofNullable(budget),
                    listener, maxSuppressed, ticker, sleeper));
        }
    }
}
