package dev.mainstay.retry;

import dev.mainstay.retry.internal.Checks;
import dev.mainstay.retry.internal.DefaultHedge;
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
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Hedged calls ("The Tail at Scale", gRPC's hedging policy, Polly's hedging strategy): when the first attempt has
 * not answered after a delay, a second one is started, and so on up to {@link Builder#maxHedges maxHedges} extra
 * attempts; the first success wins and the attempts still running are cancelled.
 *
 * <pre>{@code
 * Hedge hedge = Hedge.builder()
 *         .maxHedges(1)
 *         .delayPercentile(90, Duration.ofMillis(50))    // hedge calls slower than 90 % of recent ones
 *         .budget(catalogBudget)                          // hedges and retries share one budget
 *         .build();
 * CompletableFuture<Product> product = hedge.getAsync(Hedge.idempotentAsync(() -> catalog.productAsync(id)));
 * }</pre>
 *
 * <p><b>Only idempotent calls.</b> Every attempt may reach the server, so a hedged call must be safe to run twice.
 * The methods take a call marked with {@link #idempotent} or {@link #idempotentAsync}, so that hedging is always a
 * visible decision. Make a write idempotent before hedging it, for example with an idempotency key that the server
 * remembers (the retry guide shows one).
 *
 * <p><b>When a hedge starts.</b> After {@link Builder#delay delay} from the start of the previous attempt, or, with
 * {@link Builder#delayPercentile delayPercentile}, after the given percentile of the latencies observed for first
 * attempts (a small histogram on the ticker that never allocates, keeping about the last 1,000 samples; a first
 * attempt overtaken by a hedge is recorded with the time it had run when cancelled, a lower bound, so the tail stays
 * visible). An attempt that fails starts the next hedge at once, if one is left. The call fails when every attempt
 * started has failed and no more may start; it rethrows the last failure with the others suppressed.
 *
 * <p><b>Load.</b> Every hedge takes a retry's cost from the {@link Builder#budget budget}, and every successful call
 * refunds one success, as a {@link Retry} does: with a budget of cost 10 and refund 1, hedges add at most about
 * 10 % to the load however slow the dependency becomes, because when it slows for everyone, the budget empties and
 * hedging stops. A refused hedge is counted in {@link Metrics#budgetRefusals()}. (A budget shared with a retry that
 * wraps this hedge sees two refunds per success; give the two their own budgets, or account for it.)
 *
 * <p><b>Threads.</b> Asynchronous calls block no thread; the delays are timers on one scheduler per policy (yours,
 * or one daemon thread {@code mainstay-retry-hedge} of the policy's own, stopped by {@link #close()}), and a call's
 * timer is removed as soon as the call completes. A hedge's supplier is called on the timer thread (or on the thread
 * completing a failed attempt), so it should only start the work, as {@code HttpClient.sendAsync} does. Synchronous
 * calls run every attempt on the
 * {@link Builder#executor executor} you give; losers are cancelled with an interrupt. If you give a
 * {@link ScheduledThreadPoolExecutor}, turn on {@code setRemoveOnCancelPolicy(true)}.
 *
 * <p>Immutable in configuration and thread-safe.
 */
public interface Hedge extends AutoCloseable {

    /**
     * A builder; {@link Builder#delay delay} or {@link Builder#delayPercentile delayPercentile} must be set.
     *
     * @return a new builder
     */
    static Builder builder() {
        return new Builder();
    }

    /**
     * Marks a synchronous call as safe to run more than once.
     *
     * @param <T> the type of the result
     * @param callable one attempt
     * @return the marked call
     */
    static <T> IdempotentCall<T> idempotent(Callable<? extends T> callable) {
        return new IdempotentCall<>(Objects.requireNonNull(callable, "callable"));
    }

    /**
     * Marks an asynchronous call as safe to start more than once.
     *
     * @param <T> the type of the result
     * @param supplier starts one attempt and returns its stage
     * @return the marked call
     */
    static <T> IdempotentStage<T> idempotentAsync(Supplier<? extends CompletionStage<? extends T>> supplier) {
        return new IdempotentStage<>(Objects.requireNonNull(supplier, "supplier"));
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
    HedgeConfig config();

    /**
     * Runs the call's attempts on the executor and returns the first success; the caller waits.
     *
     * @param <T> the type of the result
     * @param call the call, marked idempotent
     * @return the first successful attempt's result
     * @throws InterruptedException if the caller is interrupted while waiting (every attempt is cancelled)
     * @throws IllegalStateException if the policy has no executor
     */
    <T> T call(IdempotentCall<T> call) throws Exception;

    /**
     * Starts the call's attempts; the future completes with the first success, or the last failure.
     *
     * @param <T> the type of the result
     * @param call the call, marked idempotent
     * @return a future of the first success, or of the last failure
     */
    <T> CompletableFuture<T> getAsync(IdempotentStage<T> call);

    /**
     * The delay before the next hedge now, in nanoseconds (fixed, or the observed percentile).
     *
     * @return the delay in nanoseconds
     */
    long currentDelayNanos();

    /**
     * Counts since the policy was built. A call's losers are cancelled and counted by the winner's thread just after
     * the result is handed to the caller, so a read right after a call may not include them yet.
     *
     * @return the counts
     */
    Metrics metrics();

    /**
     * Timer tasks now queued on the policy's own scheduler; {@code -1} when the policy was given a scheduler.
     *
     * @return the queued timer tasks, or {@code -1}
     */
    int pendingTimers();

    /** Stops the scheduler the policy started, if any. Idempotent. */
    @Override
    void close();

    /**
     * Counts of a hedge policy, since it was built.
     *
     * <pre>{@code
     * Hedge.Metrics m = hedge.metrics();
     * double extraLoad = (double) m.hedges() / m.calls();
     * }</pre>
     *
     * @param calls hedged calls started
     * @param hedges extra attempts started (attempts beyond the first)
     * @param hedgesWon calls whose result came from an extra attempt
     * @param cancelled attempts cancelled because another one won (or the call was cancelled)
     * @param budgetRefusals hedges not started because the budget had no tokens
     */
    record Metrics(long calls, long hedges, long hedgesWon, long cancelled, long budgetRefusals) {}

    /**
     * A synchronous call marked as safe to run more than once; made by {@link Hedge#idempotent}.
     *
     * @param <T> the type of the result
     */
    final class IdempotentCall<T> {
        private final Callable<? extends T> callable;

        private IdempotentCall(Callable<? extends T> callable) {
            this.callable = callable;
        }

        /**
         * The call.
         *
         * @return the call
         */
        public Callable<? extends T> callable() {
            return callable;
        }
    }

    /**
     * An asynchronous call marked as safe to start more than once; made by {@link Hedge#idempotentAsync}.
     *
     * @param <T> the type of the result
     */
    final class IdempotentStage<T> {
        private final Supplier<? extends CompletionStage<? extends T>> supplier;

        private IdempotentStage(Supplier<? extends CompletionStage<? extends T>> supplier) {
            this.supplier = supplier;
        }

        /**
         * Starts one attempt.
         *
         * @return the supplier
         */
        public Supplier<? extends CompletionStage<? extends T>> supplier() {
            return supplier;
        }
    }

    /**
     * Builds a {@link Hedge}; each setting is checked when set. Not thread-safe.
     *
     * <pre>{@code
     * Hedge hedge = Hedge.builder().maxHedges(2).delay(Duration.ofMillis(40)).build();
     * }</pre>
     */
    final class Builder {
        private String name = "hedge";
        private int maxHedges = 1;
        private @Nullable Duration delay;
        private double percentile = Double.NaN;
        private @Nullable RetryBudget budget;
        private @Nullable Executor executor;
        private @Nullable ScheduledExecutorService scheduler;
        private LongSupplier ticker = RetryConfig.SYSTEM_TICKER;

        private Builder() {}

        /**
         * The name. Default {@code "hedge"}.
         *
         * @param name the name, not blank
         * @return this builder
         */
        public Builder name(String name) {
            this.name = Checks.name(name);
            return this;
        }

        /**
         * The most extra attempts, in [1, 16]. Default 1.
         *
         * @param maxHedges the most extra attempts, in [1, 16]
         * @return this builder
         */
        public Builder maxHedges(int maxHedges) {
            this.maxHedges = Checks.inRange("maxHedges", maxHedges, 1, HedgeConfig.MAX_HEDGES);
            return this;
        }

        /**
         * A fixed delay before each hedge, {@code >= 0}; replaces a percentile.
         *
         * @param delay the delay, {@code >= 0}
         * @return this builder
         */
        public Builder delay(Duration delay) {
            this.delay = Nanos.notNegative("delay", delay);
            this.percentile = Double.NaN;
            return this;
        }

        /**
         * The delay before each hedge is this percentile of the observed first-attempt latencies; until 100 have
         * been observed, it is {@code initialDelay}.
         *
         * @param percentile in (0, 100), e.g. 90 or 95
         * @param initialDelay {@code >= 0}
         * @return this builder
         */
        public Builder delayPercentile(double percentile, Duration initialDelay) {
            HedgeConfig.checkPercentile("delayPercentile", percentile);
            this.delay = Nanos.notNegative("initialDelay", initialDelay);
            this.percentile = percentile;
            return this;
        }

        /**
         * Every hedge takes a retry's cost from this budget; every successful call refunds. Default: none.
         *
         * @param budget the shared budget
         * @return this builder
         */
        public Builder budget(RetryBudget budget) {
            this.budget = Objects.requireNonNull(budget, "budget");
            return this;
        }

        /**
         * Runs the attempts of synchronous calls. Default: none (then only {@link #getAsync} works).
         *
         * @param executor runs the calls
         * @return this builder
         */
        public Builder executor(Executor executor) {
            this.executor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /**
         * Holds the hedge timers. Default: one daemon thread of the policy's own, started lazily.
         *
         * @param scheduler holds the timers
         * @return this builder
         */
        public Builder scheduler(ScheduledExecutorService scheduler) {
            this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
            return this;
        }

        /**
         * Monotonic nanoseconds, for the observed latencies. Default {@code System::nanoTime}.
         *
         * @param ticker monotonic nanoseconds
         * @return this builder
         */
        public Builder ticker(LongSupplier ticker) {
            this.ticker = Objects.requireNonNull(ticker, "ticker");
            return this;
        }

        /**
         * Builds the policy.
         *
         * @return the policy
         * @throws IllegalStateException if neither a delay nor a percentile was set
         */
        public Hedge build() {
            if (delay == null) {
                throw new IllegalStateException("delay or delayPercentile must be set");
            }
            return new DefaultHedge(new HedgeConfig(name, maxHedges, delay,
                    Double.isNaN(percentile) ? Optional.empty() : Optional.of(percentile), Optional.ofNullable(budget),
                    Optional.ofNullable(executor), Optional.ofNullable(scheduler), ticker));
        }
    }
}
