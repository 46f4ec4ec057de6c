package dev.mainstay.retry;

import dev.mainstay.retry.internal.Checks;
import dev.mainstay.retry.internal.DefaultCircuitBreaker;
import dev.mainstay.retry.internal.Nanos;
import dev.mainstay.retry.internal.Nullable;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A circuit breaker: stops calling a dependency that keeps failing (or answering slowly), then lets a fixed
 * number of probe calls through to see if it has recovered.
 *
 * <pre>{@code
 * CircuitBreaker breaker = CircuitBreaker.builder()
 *         .name("inventory")
 *         .failureRateThreshold(50)            // open when half the calls in the window fail
 *         .countBasedWindow(100)
 *         .minimumCalls(20)
 *         .waitInOpen(Duration.ofSeconds(30))
 *         .permittedCallsInHalfOpen(5)
 *         .build();
 * Stock stock = breaker.get(() -> inventory.stock(sku));   // throws CallNotPermittedException while open
 * }</pre>
 *
 * <p><b>States.</b> {@code CLOSED}: calls go through and their outcomes fill the sliding window; a failed or slow
 * call that brings the failure rate (or the slow-call rate) to its threshold, with at least
 * {@link Builder#minimumCalls minimumCalls} in the window, opens the breaker. {@code OPEN}: calls are refused with
 * {@link CallNotPermittedException} for the {@link Builder#waitInOpen wait in open}; the first call after it moves
 * the breaker to {@code HALF_OPEN}, where exactly {@link Builder#permittedCallsInHalfOpen permittedCallsInHalfOpen}
 * calls are let through, under any concurrency. When all of them have finished, their failure and slow-call rates
 * decide: {@code CLOSED} with an empty window, or {@code OPEN} again (the wait may grow with a {@link Backoff}). If
 * the probes have not all finished {@link Builder#maxWaitInHalfOpen maxWaitInHalfOpen} after entering half-open, the
 * next refused call opens the breaker again, so a hung probe cannot wedge it. {@code FORCED_OPEN} refuses everything
 * and {@code DISABLED} permits everything, until a manual transition.
 *
 * <p><b>Two ways to use it.</b> Decorate a call ({@link #get}, {@link #call}, {@link #run}, {@link #getAsync}), or,
 * for code that cannot be put in a lambda, the manual protocol: {@link #tryAcquirePermission()} returns a
 * {@link Permit}, tied to the phase that granted it, which is then settled once with its outcome.
 *
 * <p><b>Cost.</b> Closed, a successful call costs one volatile read to permit it and, to record it in the
 * count-based window, one read of the window's totals when every call in the window succeeded (the healthy steady
 * state: nothing shared is written, so threads do not contend), else one atomic increment plus one plain read
 * (three atomics when the outcome replaces a different one). It reads no clock unless slow calls are detected (two
 * reads around a decorated call) or the window is time-based (one read). Nothing on these paths allocates.
 *
 * <p>Thread-safe; its configuration is immutable.
 */
public interface CircuitBreaker {

    /**
     * The states of a breaker.
     *
     * <pre>{@code
     * if (breaker.state() == CircuitBreaker.State.OPEN) { serveFromCache(); }
     * }</pre>
     */
    enum State {
        /** Calls go through; outcomes are recorded. */
        CLOSED,
        /** Calls are refused until the wait in open has passed. */
        OPEN,
        /** A fixed number of probe calls go through; their outcomes decide between closed and open. */
        HALF_OPEN,
        /** Every call is refused until a manual transition. */
        FORCED_OPEN,
        /** Every call goes through and nothing is recorded, until a manual transition. */
        DISABLED
    }

    /**
     * The kinds of sliding window, as reported by {@link CircuitBreakerConfig#windowType()}.
     *
     * <pre>{@code
     * assert CircuitBreaker.ofDefaults("x").config().windowType() == CircuitBreaker.WindowType.COUNT_BASED;
     * }</pre>
     */
    enum WindowType {
        /** The last N calls. */
        COUNT_BASED,
        /** The calls of the last period, kept in buckets. */
        TIME_BASED
    }

    /**
     * A snapshot of the breaker's state and window.
     *
     * <pre>{@code
     * CircuitBreaker.Metrics m = breaker.metrics();
     * log.info("{}: {} failures of {} calls ({} %), {} refused", breaker.name(), m.failedCalls(), m.calls(),
     *         m.failureRate(), m.notPermittedCalls());
     * }</pre>
     *
     * @param state the state
     * @param calls the calls in the window (in half-open: the probes finished; while open: the calls of the window
     *              or probes that opened it, as they were when it opened)
     * @param failedCalls the failed calls among them
     * @param slowCalls the slow calls among them
     * @param failureRate percentage of failed calls, or -1 while the window holds fewer than the minimum calls
     * @param slowCallRate percentage of slow calls, or -1 while the window holds fewer than the minimum calls
     * @param notPermittedCalls calls refused since the breaker was built
     */
    record Metrics(State state, long calls, long failedCalls, long slowCalls, float failureRate, float slowCallRate,
            long notPermittedCalls) {}

    /**
     * One permission of the manual protocol, from {@link #tryAcquirePermission()}: the call's place in the breaker,
     * tied to the phase that granted it (one closed period, or one half-open period with its probe count).
     *
     * <pre>{@code
     * CircuitBreaker.Permit permit = breaker.tryAcquirePermission();
     * if (permit.isGranted()) {
     *     connection.sendAsync(request, (reply, failure) -> {        // settled later, on another thread
     *         if (failure == null) {
     *             permit.onSuccess(elapsed());
     *         } else {
     *             permit.onError(elapsed(), failure);
     *         }
     *     });
     * }
     * }</pre>
     *
     * <p><b>One grant, one settlement.</b> The first of {@link #onSuccess}, {@link #onError}, {@link #onResult},
     * {@link #release()} or {@link #close()} settles the permit and returns {@code true}; every later one, from any
     * thread and in any order, is a no-op that returns {@code false}. A refused permit is settled from the start.
     *
     * <p><b>Stale permits.</b> The outcome is recorded against the phase that granted the permit, never against a
     * later one. A permit granted while closed and settled after the breaker opened (a straggler) is recorded in the
     * window of the period that granted it, so it can never be taken for a half-open probe, and it never reaches
     * the window of a later closed period. A permit granted in a half-open period that has ended (the breaker
     * reopened after {@code maxWaitInHalfOpen}) changes nothing in the new phase; releasing it never lets an extra
     * probe into a later half-open period. Only a probe settled in its own half-open period counts towards the
     * decision, so a half-open period lets exactly {@code permittedCallsInHalfOpen} probes decide it.
     *
     * <p>Ownership is the permit, never the thread: any thread may settle it. A permit costs one small object; the
     * decorated methods ({@link CircuitBreaker#get get}, {@link CircuitBreaker#call call}, ...) use none.
     */
    interface Permit extends AutoCloseable {

        /**
         * Whether the breaker permitted the call.
         *
         * @return {@code true} for a granted permit, {@code false} for a refusal
         */
        boolean isGranted();

        /**
         * Settles a permitted call that succeeded after {@code durationNanos}.
         *
         * @param durationNanos how long the call took, for slow-call detection
         * @return whether this settled the permit ({@code false} when it was settled already, or refused)
         */
        boolean onSuccess(long durationNanos);

        /**
         * Settles a permitted call that threw {@code failure} after {@code durationNanos}. It counts as a failure if
         * the record predicate accepts it, as nothing (and gives a half-open permission back) if the ignore predicate
         * accepts it, else as a success.
         *
         * @param durationNanos how long the call took, for slow-call detection
         * @param failure what it threw
         * @return whether this settled the permit ({@code false} when it was settled already, or refused)
         */
        boolean onError(long durationNanos, Throwable failure);

        /**
         * Settles a permitted call that returned {@code result} after {@code durationNanos}; the result predicate
         * decides whether it counts as a failure.
         *
         * @param durationNanos how long the call took, for slow-call detection
         * @param result what it returned (nullable)
         * @return whether this settled the permit ({@code false} when it was settled already, or refused)
         */
        boolean onResult(long durationNanos, @Nullable Object result);

        /**
         * Gives the permission back without recording anything (e.g. the call was cancelled before it started). In
         * the half-open period that granted it, that lets another probe through.
         *
         * @return whether this settled the permit ({@code false} when it was settled already, or refused)
         */
        boolean release();

        /** Releases the permission unless the permit was settled already; never throws. */
        @Override
        void close();
    }

    /**
     * A builder with the defaults listed on each setting.
     *
     * @return a new builder
     */
    static Builder builder() {
        return new Builder();
    }

    /**
     * A breaker with all defaults and this name.
     *
     * @param name the breaker's name, not blank
     * @return a breaker with the defaults
     */
    static CircuitBreaker ofDefaults(String name) {
        return builder().name(name).build();
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
    CircuitBreakerConfig config();

    /**
     * The current state.
     *
     * @return the current state
     */
    State state();

    /**
     * A snapshot of the state and window.
     *
     * @return a snapshot
     */
    Metrics metrics();

    /**
     * Asks to make a call, for code that cannot be put in a lambda. A granted permit must be settled exactly once:
     * {@link Permit#onSuccess}, {@link Permit#onError}, {@link Permit#onResult} or {@link Permit#release()} (which
     * {@link Permit#close()} does if nothing else did). A refusal is counted and heard by the listener, as on the
     * decorated path, and returns a permit whose {@link Permit#isGranted()} is {@code false}.
     *
     * <pre>{@code
     * try (CircuitBreaker.Permit permit = breaker.tryAcquirePermission()) {
     *     if (!permit.isGranted()) {
     *         return cached();
     *     }
     *     long start = System.nanoTime();
     *     Stock stock = inventory.stock(sku);
     *     permit.onSuccess(System.nanoTime() - start);
     *     return stock;
     * }
     * }</pre>
     *
     * @return a granted permit tied to the breaker's current phase, or a refused one
     */
    Permit tryAcquirePermission();

    /**
     * Like {@link #tryAcquirePermission()}, but throws when refused.
     *
     * @return a granted permit
     * @throws CallNotPermittedException if the call is refused
     */
    Permit acquirePermission();

    /**
     * Calls {@code supplier} if permitted and records its outcome.
     *
     * @param <T> the type of the result
     * @param supplier the call
     * @return the call's result
     * @throws CallNotPermittedException if the call is refused
     */
    <T> T get(Supplier<? extends T> supplier);

    /**
     * Calls {@code callable} if permitted and records its outcome.
     *
     * @param <T> the type of the result
     * @param callable the call
     * @return the call's result
     * @throws Exception what the call throws
     * @throws CallNotPermittedException if the call is refused
     */
    <T> T call(Callable<? extends T> callable) throws Exception;

    /**
     * Runs {@code runnable} if permitted and records its outcome.
     *
     * @param runnable the call
     * @throws CallNotPermittedException if the call is refused
     */
    void run(Runnable runnable);

    /**
     * Starts the asynchronous call if permitted and records its outcome when its stage completes. A refusal
     * is returned as a future failed with {@link CallNotPermittedException}.
     *
     * @param <T> the type of the result
     * @param supplier starts the call and returns its stage; it may throw, which counts as a failure
     * @return a future completed with the call's outcome, or failed with the refusal
     */
    <T> CompletableFuture<T> getAsync(Supplier<? extends CompletionStage<? extends T>> supplier);

    /** Moves to {@code CLOSED} with an empty window. */
    void transitionToClosed();

    /** Opens the breaker now, for the wait in open. */
    void transitionToOpen();

    /** Refuses every call until another manual transition. */
    void transitionToForcedOpen();

    /** Permits every call and records nothing until another manual transition. */
    void transitionToDisabled();

    /**
     * Builds a {@link CircuitBreaker}; each setting is checked when set. Not thread-safe.
     *
     * <pre>{@code
     * CircuitBreaker breaker = CircuitBreaker.builder()
     *         .timeBasedWindow(Duration.ofSeconds(60), 12)       // five-second buckets
     *         .slowCallRateThreshold(80).slowCallDuration(Duration.ofMillis(500))
     *         .build();
     * }</pre>
     */
    final class Builder {
        private String name = "circuit-breaker";
        private float failureRateThreshold = 50f;
        private @Nullable Float slowCallRateThreshold;
        private Duration slowCallDuration = Duration.ofSeconds(60);
        private int minimumCalls = 100;
        private WindowType windowType = WindowType.COUNT_BASED;
        private int windowSize = 100;
        private Duration windowLength = Duration.ZERO;
        private Backoff waitInOpen = Backoff.fixed(Duration.ofSeconds(60));
        private int permittedCallsInHalfOpen = 10;
        private Duration maxWaitInHalfOpen = Duration.ofSeconds(60);
        private Predicate<? super Throwable> recordException = DefaultCircuitBreaker.ALL_FAILURES;
        private Predicate<? super Throwable> ignoreException = DefaultCircuitBreaker.NO_FAILURE;
        private Predicate<Object> recordResult = DefaultCircuitBreaker.NO_RESULT;
        private CircuitBreakerListener listener = CircuitBreakerConfig.NO_LISTENER;
        private LongSupplier ticker = RetryConfig.SYSTEM_TICKER;

        private Builder() {}

        /**
         * The name, in exceptions, listeners and JFR events. Default {@code "circuit-breaker"}.
         *
         * @param name the name, not blank
         * @return this builder
         */
        public Builder name(String name) {
            this.name = Checks.name(name);
            return this;
        }

        /**
         * Percentage of failed calls that opens the breaker, in (0, 100]. Default 50.
         *
         * @param percent a percentage in (0, 100]
         * @return this builder
         */
        public Builder failureRateThreshold(float percent) {
            this.failureRateThreshold = Checks.percentage("failureRateThreshold", percent);
            return this;
        }

        /**
         * Turns slow-call detection on: the percentage of slow calls that opens the breaker, in (0, 100].
         * Default: off (no clock is read on the success path).
         *
         * @param percent a percentage in (0, 100]
         * @return this builder
         */
        public Builder slowCallRateThreshold(float percent) {
            this.slowCallRateThreshold = Checks.percentage("slowCallRateThreshold", percent);
            return this;
        }

        /**
         * Calls lasting at least this long are slow; {@code > 0}. Default 60 s.
         *
         * @param duration the duration, {@code > 0}
         * @return this builder
         */
        public Builder slowCallDuration(Duration duration) {
            this.slowCallDuration = Nanos.positive("slowCallDuration", duration);
            return this;
        }

        /**
         * Calls the window must hold before its rates can open the breaker; {@code >= 1}. Default 100. For a
         * count-based window, a minimum above the window size means the window size.
         *
         * @param minimumCalls the minimum, {@code >= 1}
         * @return this builder
         */
        public Builder minimumCalls(int minimumCalls) {
            this.minimumCalls = Checks.atLeast("minimumCalls", minimumCalls, 1);
            return this;
        }

        /**
         * A window of the last {@code calls} calls, in [1, 1000000]. The default, with 100 calls.
         *
         * @param calls the window's size in calls, in [1, 1000000]
         * @return this builder
         */
        public Builder countBasedWindow(int calls) {
            this.windowSize = Checks.inRange("countBasedWindow", calls, 1, CircuitBreakerConfig.MAX_WINDOW_CALLS);
            this.windowType = WindowType.COUNT_BASED;
            this.windowLength = Duration.ZERO;
            return this;
        }

        /**
         * A window of the calls of the last {@code length}, kept in {@code buckets} buckets of
         * {@code length / buckets} each (the window slides one bucket at a time).
         *
         * @param length {@code > 0}
         * @param buckets in [1, 10000], and {@code length} must be at least {@code buckets} nanoseconds
         * @return this builder
         */
        public Builder timeBasedWindow(Duration length, int buckets) {
            CircuitBreakerConfig.checkTimeWindow("timeBasedWindow length", length, "timeBasedWindow buckets",
                    buckets);
            this.windowType = WindowType.TIME_BASED;
            this.windowSize = buckets;
            this.windowLength = length;
            return this;
        }

        /**
         * How long the breaker stays open before probing; {@code > 0}. Default 60 s.
         *
         * @param wait the wait, {@code > 0}
         * @return this builder
         */
        public Builder waitInOpen(Duration wait) {
            Nanos.positive("waitInOpen", wait);
            this.waitInOpen = Backoff.fixed(wait);
            return this;
        }

        /**
         * How long the breaker stays open, growing with the number of consecutive openings (retry 1 for the first),
         * e.g. {@code Backoff.exponential(Duration.ofSeconds(5), 2, Duration.ofMinutes(5))}. The count restarts when
         * the breaker closes.
         *
         * @param backoff the wait by consecutive openings
         * @return this builder
         */
        public Builder waitInOpen(Backoff backoff) {
            this.waitInOpen = Objects.requireNonNull(backoff, "backoff");
            return this;
        }

        /**
         * The probe calls let through in half-open, in [1, 32767]. Default 10.
         *
         * @param calls the probes, in [1, 32767]
         * @return this builder
         */
        public Builder permittedCallsInHalfOpen(int calls) {
            this.permittedCallsInHalfOpen = Checks.inRange("permittedCallsInHalfOpen", calls, 1,
                    CircuitBreakerConfig.MAX_PROBES);
            return this;
        }

        /**
         * After this long in half-open with probes unfinished, the breaker opens again; {@code > 0}. Default 60 s.
         *
         * @param wait the wait, {@code > 0}
         * @return this builder
         */
        public Builder maxWaitInHalfOpen(Duration wait) {
            this.maxWaitInHalfOpen = Nanos.positive("maxWaitInHalfOpen", wait);
            return this;
        }

        /**
         * Only exceptions of these types count as failures (others as successes). Default: every exception.
         *
         * @param types the exception types, at least one
         * @return this builder
         */
        @SafeVarargs
        @SuppressWarnings("varargs")
        public final Builder recordExceptions(Class<? extends Throwable>... types) {
            this.recordException = Checks.anyOf("recordExceptions", types);
            return this;
        }

        /**
         * Only exceptions this predicate accepts count as failures (others as successes). Default: every one.
         *
         * @param predicate the predicate
         * @return this builder
         */
        public Builder recordException(Predicate<? super Throwable> predicate) {
            this.recordException = Objects.requireNonNull(predicate, "predicate");
            return this;
        }

        /**
         * Exceptions of these types count as nothing (and give their half-open permission back). Default: none.
         *
         * @param types the exception types, at least one
         * @return this builder
         */
        @SafeVarargs
        @SuppressWarnings("varargs")
        public final Builder ignoreExceptions(Class<? extends Throwable>... types) {
            this.ignoreException = Checks.anyOf("ignoreExceptions", types);
            return this;
        }

        /**
         * Exceptions this predicate accepts count as nothing. Default: none.
         *
         * @param predicate the predicate
         * @return this builder
         */
        public Builder ignoreException(Predicate<? super Throwable> predicate) {
            this.ignoreException = Objects.requireNonNull(predicate, "predicate");
            return this;
        }

        /**
         * Results this predicate accepts count as failures (the result is still returned). Default: none.
         *
         * @param predicate the predicate
         * @return this builder
         */
        public Builder recordResult(Predicate<Object> predicate) {
            this.recordResult = Objects.requireNonNull(predicate, "predicate");
            return this;
        }

        /**
         * Hears transitions and refusals. Default: none.
         *
         * @param listener the listener
         * @return this builder
         */
        public Builder listener(CircuitBreakerListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * Monotonic nanoseconds. Default {@code System::nanoTime}.
         *
         * @param ticker monotonic nanoseconds
         * @return this builder
         */
        public Builder ticker(LongSupplier ticker) {
            this.ticker = Objects.requireNonNull(ticker, "ticker");
            return this;
        }

        /**
         * Builds the breaker, {@code CLOSED}.
         *
         * @return the breaker
         */
        public CircuitBreaker build() {
            return new DefaultCircuitBreaker(new CircuitBreakerConfig(name, failureRateThreshold,
                    Optional.ofNullable(slowCallRateThreshold), slowCallDuration, minimumCalls, windowType, windowSize,
                    windowLength, waitInOpen, permittedCallsInHalfOpen, maxWaitInHalfOpen, recordException,
                    ignoreException, recordResult, listener, ticker));
        }
    }
}
