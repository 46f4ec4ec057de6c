package dev.mainstay.retry;

import dev.mainstay.retry.internal.Checks;
import dev.mainstay.retry.internal.DefaultTimeout;
import dev.mainstay.retry.internal.Nanos;
import dev.mainstay.retry.internal.Nullable;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.function.Supplier;

/**
 * A time limit on a call: when the call has not finished after {@link Builder#timeout timeout}, the caller gets a
 * {@link TimeoutExceededException} and the work is cancelled. Resilience4j calls this a {@code TimeLimiter},
 * Failsafe a {@code Timeout}.
 *
 * <pre>{@code
 * Timeout timeout = Timeout.builder()
 *         .name("inventory")
 *         .timeout(Duration.ofMillis(300))
 *         .executor(executor)        // runs the synchronous calls; on JDK 21+ Executors.newVirtualThreadPerTaskExecutor()
 *         .build();
 * Stock stock = timeout.call(() -> inventory.stock(sku));               // blocks the caller at most 300 ms
 * CompletableFuture<Stock> later = timeout.getAsync(() -> inventory.stockAsync(sku));
 * }</pre>
 *
 * <p><b>Asynchronous calls</b> ({@link #getAsync}): the returned future completes exceptionally with
 * {@link TimeoutExceededException} at the deadline, counted from when the supplier returned its stage, and that
 * stage is cancelled ({@code toCompletableFuture().cancel(true)}; a stage that cannot be converted is left alone).
 * No thread waits: one timer task per call sits on the policy's scheduler and is removed from it as soon as the call
 * completes, so no timer task outlives its call. Cancelling the returned future cancels the stage and the timer.
 *
 * <p><b>Synchronous calls</b> ({@link #get}, {@link #call}, {@link #run}): the work runs on the
 * {@link Builder#executor executor} you give (for example a virtual thread per task on JDK 21), while the calling
 * thread waits at most the timeout for it; no timer is involved. At the deadline the work is cancelled with an
 * interrupt ({@link Builder#interruptOnTimeout}) and the caller gets {@link TimeoutExceededException}. If the work
 * finished in the instant between the deadline and the cancel, its outcome is returned instead.
 *
 * <p><b>Work that ignores interruption</b> is not stopped: the caller still returns at the deadline, but the work
 * keeps its thread (an executor thread, never the caller's) until it ends by itself, and its outcome is dropped.
 * Such work can therefore fill a bounded executor; give it an executor sized for it, or one thread per task. The
 * same holds for an asynchronous stage that ignores cancellation: the future you hold completes at the deadline,
 * whatever the stage then does.
 *
 * <p><b>Threads.</b> One scheduler per policy: the one you give, or, when you give none, one daemon thread
 * ({@code mainstay-retry-timeout}) started by the first asynchronous call and stopped by {@link #close()}; that one
 * also holds a periodic no-op task due before any new timer (every half timeout, at least 10 ms), so scheduling a
 * timer does not wake its thread; {@link #pendingTimers()} leaves it out. If you give
 * a {@link ScheduledThreadPoolExecutor}, turn on {@code setRemoveOnCancelPolicy(true)}, or cancelled timers stay in
 * its queue until their time comes.
 *
 * <p>Immutable in configuration and thread-safe. An asynchronous call that completes in time costs the returned
 * future, one scheduled task and one cancel (each an O(log n) step of the scheduler's queue under its lock).
 */
public interface Timeout extends AutoCloseable {

    /**
     * A builder; {@link Builder#timeout timeout} must be set.
     *
     * @return a new builder
     */
    static Builder builder() {
        return new Builder();
    }

    /**
     * A policy with this limit and the other defaults (asynchronous calls only: no executor).
     *
     * @param timeout the limit, {@code > 0}
     * @return a policy with this limit
     */
    static Timeout of(Duration timeout) {
        return builder().timeout(timeout).build();
    }

    /**
     * The name.
     *
     * @return the name
     */
    String name();

    /**
     * The settings.
     *
     * @return the settings
     */
    TimeoutConfig config();

    /**
     * Runs {@code supplier} on the executor and waits for it at most the timeout.
     *
     * @param <T> the type of the result
     * @param supplier the call
     * @return the call's result
     * @throws TimeoutExceededException if it did not finish in time (it was cancelled)
     * @throws java.util.concurrent.CancellationException if the calling thread was interrupted while waiting (the
     *         work is cancelled, the interrupt flag set again, and the {@link InterruptedException} is the cause)
     * @throws IllegalStateException if the policy has no executor
     */
    <T> T get(Supplier<? extends T> supplier);

    /**
     * Runs {@code callable} on the executor and waits for it at most the timeout; its own exception is rethrown as
     * is.
     *
     * @param <T> the type of the result
     * @param callable the call
     * @return the call's result
     * @throws TimeoutExceededException if it did not finish in time (it was cancelled)
     * @throws InterruptedException if the calling thread was interrupted while waiting (the work is cancelled)
     * @throws IllegalStateException if the policy has no executor
     */
    <T> T call(Callable<? extends T> callable) throws Exception;

    /**
     * Runs {@code runnable} on the executor and waits for it at most the timeout, like {@link #get}.
     *
     * @param runnable the call
     */
    void run(Runnable runnable);

    /**
     * Starts the asynchronous call; the returned future completes with its outcome, or exceptionally with
     * {@link TimeoutExceededException} at the deadline (then the stage is cancelled). If the scheduler refuses the
     * timer (it was closed), the future fails with the {@link java.util.concurrent.RejectedExecutionException}.
     *
     * @param supplier starts the call; if it throws, the future fails with that exception
     * @param <T> the type of the result
     * @return a future of the call's outcome, or of the timeout
     */
    <T> CompletableFuture<T> getAsync(Supplier<? extends CompletionStage<? extends T>> supplier);

    /**
     * Timer tasks now in the queue of the policy's own scheduler: calls in flight, never calls that completed.
     * {@code -1} when the policy was given a scheduler (ask that scheduler).
     *
     * @return the queued timer tasks, or {@code -1}
     */
    int pendingTimers();

    /** Stops the scheduler the policy started, if any; a scheduler you gave is left running. Idempotent. */
    @Override
    void close();

    /**
     * Builds a {@link Timeout}; each setting is checked when set. Not thread-safe.
     *
     * <pre>{@code
     * Timeout timeout = Timeout.builder().timeout(Duration.ofSeconds(2)).interruptOnTimeout(false).build();
     * }</pre>
     */
    final class Builder {
        private String name = "timeout";
        private @Nullable Duration timeout;
        private @Nullable Executor executor;
        private @Nullable ScheduledExecutorService scheduler;
        private boolean interruptOnTimeout = true;

        private Builder() {}

        /**
         * The name, in exceptions. Default {@code "timeout"}.
         *
         * @param name the name, not blank
         * @return this builder
         */
        public Builder name(String name) {
            this.name = Checks.name(name);
            return this;
        }

        /**
         * The limit; {@code > 0}. Required.
         *
         * @param timeout the limit, {@code > 0}
         * @return this builder
         */
        public Builder timeout(Duration timeout) {
            this.timeout = Nanos.positive("timeout", timeout);
            return this;
        }

        /**
         * Runs the synchronous calls, one task per call. Default: none (then only {@link #getAsync} works).
         *
         * @param executor runs the calls
         * @return this builder
         */
        public Builder executor(Executor executor) {
            this.executor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /**
         * Holds the asynchronous calls' timers. Default: one daemon thread of the policy's own, started lazily.
         *
         * @param scheduler holds the timers
         * @return this builder
         */
        public Builder scheduler(ScheduledExecutorService scheduler) {
            this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
            return this;
        }

        /**
         * Whether a synchronous call's thread is interrupted at the deadline. Default {@code true}.
         *
         * @param interrupt whether to interrupt
         * @return this builder
         */
        public Builder interruptOnTimeout(boolean interrupt) {
            this.interruptOnTimeout = interrupt;
            return this;
        }

        /**
         * Builds the policy.
         *
         * @return the policy
         * @throws IllegalStateException if no timeout was set
         */
        public Timeout build() {
            if (timeout == null) {
                throw new IllegalStateException("timeout must be set");
            }
            return new DefaultTimeout(new TimeoutConfig(name, timeout, Optional.ofNullable(executor),
                    Optional.ofNullable(scheduler), interruptOnTimeout));
        }
    }
}
