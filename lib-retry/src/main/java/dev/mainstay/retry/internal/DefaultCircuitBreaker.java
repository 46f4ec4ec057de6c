package dev.mainstay.retry.internal;

import dev.mainstay.retry.Backoff;
import dev.mainstay.retry.CallNotPermittedException;
import dev.mainstay.retry.CircuitBreaker;
import dev.mainstay.retry.CircuitBreakerConfig;
import dev.mainstay.retry.CircuitBreakerListener;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The {@link CircuitBreaker} implementation: an immutable {@link Phase} per state period, swapped by
 * compare-and-set. A phase owns what its state needs (the closed window, the half-open probe counter), so a call
 * that started in an earlier phase can only touch that phase's objects. Allocation happens on transitions only.
 */
public final class DefaultCircuitBreaker implements CircuitBreaker {

    /** Builder default: every exception is a failure. */
    public static final Predicate<Throwable> ALL_FAILURES = t -> true;
    /** Builder default: no exception is ignored. */
    public static final Predicate<Throwable> NO_FAILURE = t -> false;
    /** Builder default: no result is a failure. */
    public static final Predicate<Object> NO_RESULT = r -> false;

    private static final VarHandle PHASE;

    static {
        try {
            PHASE = MethodHandles.lookup().findVarHandle(DefaultCircuitBreaker.class, "phase", Phase.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    // half-open probe counter: issued | finished << 16 | failed << 32 | slow << 48
    private static final long ISSUED = 1L;
    private static final long FINISHED = 1L << 16;
    private static final long FAILED = 1L << 32;
    private static final long SLOW = 1L << 48;
    private static final long FIELD = 0xFFFFL;

    /** One period in one state. Immutable but for the counters it owns. */
    private static final class Phase {
        final State state;
        final long since;
        final long openUntil;
        final int openings;
        final long lastWait;
        /** A closed phase's window; null in every other state. */
        final @Nullable Window window;
        /** A half-open phase's probe counter; null in every other state. */
        final @Nullable AtomicLong probes;
        /** An open phase's counts: those of the window or probes that opened it, as they were then; else null. */
        final @Nullable Metrics frozen;

        Phase(State state, long since, long openUntil, int openings, long lastWait, @Nullable Window window,
                @Nullable AtomicLong probes, @Nullable Metrics frozen) {
            this.state = state;
            this.since = since;
            this.openUntil = openUntil;
            this.openings = openings;
            this.lastWait = lastWait;
            this.window = window;
            this.probes = probes;
            this.frozen = frozen;
        }

        /** The window of this phase, which is closed. */
        Window closedWindow() {
            return Objects.requireNonNull(window, "only a closed phase has a window");
        }

        /** The probe counter of this phase, which is half-open. */
        AtomicLong halfOpenProbes() {
            return Objects.requireNonNull(probes, "only a half-open phase has probes");
        }
    }

    private final CircuitBreakerConfig config;
    private final String name;
    private final LongSupplier ticker;
    private final boolean slowDetection;
    private final long slowNanos;
    private final float failureRate;
    private final float slowRate;
    private final boolean timeWindow;
    private final Backoff waitInOpen;
    private final int permitted;
    private final long maxWaitInHalfOpen;
    private final Predicate<? super Throwable> recordException;
    private final Predicate<? super Throwable> ignoreException;
    private final boolean checksResults;
    private final Predicate<Object> recordResult;
    private final CircuitBreakerListener listener;
    private final ListenerFailures listenerFailures;
    private final LongAdder notPermitted = new LongAdder();

    @SuppressWarnings("unused") // accessed through PHASE
    private volatile Phase phase;

    public DefaultCircuitBreaker(CircuitBreakerConfig config) {
        this.config = config;
        this.name = config.name();
        this.ticker = config.ticker();
        this.slowDetection = config.slowCallRateThreshold().isPresent();
        this.slowNanos = Nanos.saturated(config.slowCallDuration());
        this.failureRate = config.failureRateThreshold();
        this.slowRate = config.slowCallRateThreshold().orElse(Float.POSITIVE_INFINITY);
        this.timeWindow = config.windowType() == WindowType.TIME_BASED;
        this.waitInOpen = config.waitInOpen();
        this.permitted = config.permittedCallsInHalfOpen();
        this.maxWaitInHalfOpen = Math.min(Nanos.MAX_WAIT, Nanos.saturated(config.maxWaitInHalfOpen()));
        this.recordException = config.recordException();
        this.ignoreException = config.ignoreException();
        this.recordResult = config.recordResult();
        this.checksResults = recordResult != NO_RESULT;
        this.listener = config.listener();
        this.listenerFailures = new ListenerFailures("circuit breaker '" + name + "'", listener);
        this.phase = closed(ticker.getAsLong());
    }

    private Phase closed(long now) {
        Window window = timeWindow
                ? new TimeWindow(now, Nanos.saturated(config.windowLength()), config.windowSize(),
                        config.minimumCalls(), failureRate, slowRate)
                : new CountWindow(config.windowSize(), config.minimumCalls(), failureRate, slowRate);
        return new Phase(State.CLOSED, now, 0, 0, 0, window, null, null);
    }

    /**
     * An open phase. It keeps the counts of the window or probes that opened it, as they were then, for
     * {@link #metrics()} only: a straggler settling later changes nothing the open phase shows.
     */
    private Phase open(long now, int openings, Phase cause) {
        long wait = Math.min(Nanos.MAX_WAIT,
                Math.max(1, waitInOpen.delayNanos(Math.max(1, openings), cause.lastWait)));
        return new Phase(State.OPEN, now, now + wait, openings, wait, null, null, counts(cause, now));
    }

    private static Phase simple(State state, long now) {
        return new Phase(state, now, 0, 0, 0, null, null, null);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public CircuitBreakerConfig config() {
        return config;
    }

    @Override
    public State state() {
        return phase.state;
    }

    @Override
    public Metrics metrics() {
        Phase p = phase;
        Metrics m = counts(p, p.window != null && p.window.needsClock() ? ticker.getAsLong() : 0L);
        return new Metrics(p.state, m.calls(), m.failedCalls(), m.slowCalls(), m.failureRate(), m.slowCallRate(),
                notPermitted.sum());
    }

    /** The counts and rates of phase {@code p} at {@code now}; its state, and 0 refused calls. */
    private static Metrics counts(Phase p, long now) {
        if (p.frozen != null) {
            return p.frozen;
        }
        long calls = 0;
        long failures = 0;
        long slow = 0;
        float failureRateNow = -1f;
        float slowRateNow = -1f;
        if (p.window != null) {
            long[] counts = p.window.counts(now);
            calls = counts[0];
            failures = counts[1];
            slow = counts[2];
            failureRateNow = p.window.rate(failures, calls);
            slowRateNow = p.window.rate(slow, calls);
        } else if (p.probes != null) {
            long v = p.probes.get();
            calls = (v >>> 16) & FIELD;
            failures = (v >>> 32) & FIELD;
            slow = (v >>> 48) & FIELD;
            if (calls > 0) {
                failureRateNow = (float) (failures * 100.0 / calls);
                slowRateNow = (float) (slow * 100.0 / calls);
            }
        }
        return new Metrics(p.state, calls, failures, slow, failureRateNow, slowRateNow, 0);
    }

    // ---------------------------------------------------------------- permission

    @Override
    public Permit tryAcquirePermission() {
        Phase p = permit(false);
        return p == null ? REFUSED : new Grant(this, p);
    }

    /**
     * The phase that granted a permission; outcomes are recorded against it. A refusal is counted and heard, then
     * returns {@code null}, or with {@code orThrow} throws the exception made from the phase that refused (never
     * from a later one, which may permit calls).
     */
    private @Nullable Phase permit(boolean orThrow) {
        Phase first = phase;
        if (first.state == State.CLOSED) {
            return first;
        }
        for (;;) {
            Phase p = phase;
            switch (p.state) {
                case CLOSED:
                case DISABLED:
                    return p;
                case OPEN: {
                    long now = ticker.getAsLong();
                    if (now - p.openUntil >= 0) {
                        transition(p, new Phase(State.HALF_OPEN, now, 0, p.openings, p.lastWait, null,
                                new AtomicLong(), null));
                        continue;
                    }
                    refused(p, now, orThrow);
                    return null;
                }
                case HALF_OPEN: {
                    AtomicLong probes = p.halfOpenProbes();
                    long v = probes.get();
                    if ((v & FIELD) < permitted) {
                        if (probes.compareAndSet(v, v + ISSUED)) {
                            return p;
                        }
                        continue;
                    }
                    long now = ticker.getAsLong();
                    if (now - p.since >= maxWaitInHalfOpen) {
                        transition(p, open(now, p.openings + 1, p));
                        continue;
                    }
                    refused(p, now, orThrow);
                    return null;
                }
                default:
                    refused(p, 0L, orThrow);
                    return null;
            }
        }
    }

    /** Counts and reports a refusal by phase {@code p} at {@code now}; with {@code orThrow} throws it. */
    private void refused(Phase p, long now, boolean orThrow) {
        notPermitted.increment();
        if (listener != CircuitBreakerConfig.NO_LISTENER) {
            try {
                listener.onCallNotPermitted(name, p.state);
            } catch (RuntimeException thrown) {
                listenerFailures.threw("onCallNotPermitted", thrown);
            }
        }
        if (orThrow) {
            throw new CallNotPermittedException(name, p.state,
                    p.state == State.OPEN ? Math.max(0, p.openUntil - now) : -1);
        }
    }

    @Override
    public Permit acquirePermission() {
        return new Grant(this, permitOrThrow());
    }

    /** {@link #permit} that throws on a refusal, so it never returns null. */
    private Phase permitOrThrow() {
        return Objects.requireNonNull(permit(true), "a refused permit(true) throws");
    }

    private static void release(Phase p) {
        if (p.state != State.HALF_OPEN) {
            return;
        }
        AtomicLong probes = p.halfOpenProbes();
        for (;;) {
            long v = probes.get();
            long issued = v & FIELD;
            if (issued <= ((v >>> 16) & FIELD)) {
                return;
            }
            if (probes.compareAndSet(v, v - ISSUED)) {
                return;
            }
        }
    }

    // ---------------------------------------------------------------- outcomes

    private void onSuccess(Phase p, long durationNanos, long now) {
        record(p, slowDetection && durationNanos >= slowNanos ? Window.SLOW_SUCCESS : Window.SUCCESS, now);
    }

    private void onError(Phase p, long durationNanos, Throwable failure, long now) {
        if (ignoreException.test(failure)) {
            release(p);
            return;
        }
        boolean failed = recordException.test(failure);
        boolean slow = slowDetection && durationNanos >= slowNanos;
        record(p, failed ? (slow ? Window.SLOW_FAILURE : Window.FAILURE)
                : (slow ? Window.SLOW_SUCCESS : Window.SUCCESS), now);
    }

    private void onResult(Phase p, long durationNanos, @Nullable Object result, long now) {
        boolean failed = checksResults && recordResult.test(result);
        boolean slow = slowDetection && durationNanos >= slowNanos;
        record(p, failed ? (slow ? Window.SLOW_FAILURE : Window.FAILURE)
                : (slow ? Window.SLOW_SUCCESS : Window.SUCCESS), now);
    }

    /** Records an outcome against the phase that permitted the call (a later phase never sees it). */
    private void record(Phase p, int outcome, long now) {
        if (p.state == State.CLOSED) {
            if (p.closedWindow().record(outcome, now)) {
                transition(p, open(ticker.getAsLong(), 1, p));
            }
        } else if (p.state == State.HALF_OPEN) {
            recordProbe(p, outcome);
        }
    }

    private void recordProbe(Phase p, int outcome) {
        long add = FINISHED + (Window.isFailure(outcome) ? FAILED : 0) + (Window.isSlow(outcome) ? SLOW : 0);
        AtomicLong probes = p.halfOpenProbes();
        for (;;) {
            long v = probes.get();
            long finished = (v >>> 16) & FIELD;
            if (finished >= (v & FIELD)) {
                return; // a call permitted before this phase: not a probe
            }
            long next = v + add;
            if (probes.compareAndSet(v, next)) {
                if (finished + 1 == permitted) {
                    long failed = (next >>> 32) & FIELD;
                    long slow = (next >>> 48) & FIELD;
                    long now = ticker.getAsLong();
                    boolean reopen = failed * 100.0 >= failureRate * permitted
                            || slow * 100.0 >= slowRate * permitted;
                    transition(p, reopen ? open(now, p.openings + 1, p) : closed(now));
                }
                return;
            }
        }
    }

    // ---------------------------------------------------------------- transitions

    private boolean transition(Phase from, Phase to) {
        if (!PHASE.compareAndSet(this, from, to)) {
            return false;
        }
        Events.transition(name, from.state, to.state);
        if (listener != CircuitBreakerConfig.NO_LISTENER) {
            try {
                listener.onStateTransition(name, from.state, to.state);
            } catch (RuntimeException thrown) {
                listenerFailures.threw("onStateTransition", thrown);
            }
        }
        return true;
    }

    private void transitionTo(State state) {
        for (;;) {
            Phase p = phase;
            long now = ticker.getAsLong();
            Phase next = switch (state) {
                case CLOSED -> closed(now);
                case OPEN -> open(now, p.openings + 1, p);
                default -> simple(state, now);
            };
            if (transition(p, next)) {
                return;
            }
        }
    }

    @Override
    public void transitionToClosed() {
        transitionTo(State.CLOSED);
    }

    @Override
    public void transitionToOpen() {
        transitionTo(State.OPEN);
    }

    @Override
    public void transitionToForcedOpen() {
        transitionTo(State.FORCED_OPEN);
    }

    @Override
    public void transitionToDisabled() {
        transitionTo(State.DISABLED);
    }

    // ---------------------------------------------------------------- decorated calls

    /** A decorated {@link Runnable}: it has no result, so it is recorded as a success, never by the result predicate. */
    private static final Object NO_VALUE = new Object();
    private static final Step SUPPLIER = argument -> ((Supplier<?>) argument).get();
    private static final Step RUNNABLE = argument -> {
        ((Runnable) argument).run();
        return NO_VALUE;
    };

    @Override
    public <T> T get(Supplier<? extends T> supplier) {
        Objects.requireNonNull(supplier, "supplier");
        return Step.typed(unchecked(SUPPLIER, supplier));
    }

    @Override
    public <T> T call(Callable<? extends T> callable) throws Exception {
        Objects.requireNonNull(callable, "callable");
        return Step.typed(call(Step.CALLABLE, callable));
    }

    @Override
    public void run(Runnable runnable) {
        Objects.requireNonNull(runnable, "runnable");
        unchecked(RUNNABLE, runnable);
    }

    /** {@link #call(Step, Object)} for a step that throws no checked exception. */
    private @Nullable Object unchecked(Step step, Object argument) {
        try {
            return call(step, argument);
        } catch (Exception failure) {
            throw Schedulers.sneaky(failure); // only unchecked ones reach here
        }
    }

    /**
     * Calls {@code step} with {@code argument} if permitted and records its outcome against the phase that permitted
     * it: every decorated call, and a pipeline's stage.
     */
    public @Nullable Object call(Step step, Object argument) throws Exception {
        Phase p = permitOrThrow();
        long start = slowDetection ? ticker.getAsLong() : 0L;
        Object result;
        try {
            result = step.call(argument);
        } catch (Throwable failure) {
            long end = slowDetection || timeWindow ? ticker.getAsLong() : 0L;
            onError(p, end - start, failure, end);
            throw failure;
        }
        long end = slowDetection || timeWindow ? ticker.getAsLong() : 0L;
        if (result == NO_VALUE) {
            onSuccess(p, end - start, end);
            return null;
        }
        onResult(p, end - start, result, end);
        return result;
    }

    @Override
    public <T> CompletableFuture<T> getAsync(Supplier<? extends CompletionStage<? extends T>> supplier) {
        Objects.requireNonNull(supplier, "supplier");
        CompletableFuture<T> future = new CompletableFuture<>();
        Phase p;
        try {
            p = permitOrThrow();
        } catch (CallNotPermittedException refused) {
            future.completeExceptionally(refused);
            return future;
        }
        long start = slowDetection ? ticker.getAsLong() : 0L;
        CompletionStage<? extends T> stage;
        try {
            stage = Objects.requireNonNull(supplier.get(), "the supplier returned a null stage");
        } catch (Throwable failure) {
            long end = slowDetection || timeWindow ? ticker.getAsLong() : 0L;
            onError(p, end - start, failure, end);
            future.completeExceptionally(failure);
            return future;
        }
        stage.whenComplete((result, thrown) -> {
            long end = slowDetection || timeWindow ? ticker.getAsLong() : 0L;
            if (thrown == null) {
                onResult(p, end - start, result, end);
                future.complete(result);
            } else {
                Throwable failure = thrown instanceof CompletionException && thrown.getCause() != null
                        ? thrown.getCause() : thrown;
                onError(p, end - start, failure, end);
                future.completeExceptionally(failure);
            }
        });
        return future;
    }

    // ---------------------------------------------------------------- the manual protocol

    /** The one refused permit: settled from the start. */
    private static final Permit REFUSED = new Permit() {
        @Override
        public boolean isGranted() {
            return false;
        }

        @Override
        public boolean onSuccess(long durationNanos) {
            return false;
        }

        @Override
        public boolean onError(long durationNanos, Throwable failure) {
            Objects.requireNonNull(failure, "failure");
            return false;
        }

        @Override
        public boolean onResult(long durationNanos, @Nullable Object result) {
            return false;
        }

        @Override
        public boolean release() {
            return false;
        }

        @Override
        public void close() {}

        @Override
        public String toString() {
            return "CircuitBreaker.Permit[refused]";
        }
    };

    /**
     * A granted permit: the phase that granted it, and whether it has been settled. The first settlement wins a
     * compare-and-set and acts on that phase only; a phase that is no longer current is a dead end (its window or
     * probe counter is seen by nobody: the open phase it caused keeps a copy of its counts).
     */
    private static final class Grant implements Permit {
        private static final VarHandle SETTLED;

        static {
            try {
                SETTLED = MethodHandles.lookup().findVarHandle(Grant.class, "settled", boolean.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        private final DefaultCircuitBreaker breaker;
        private final Phase phase;
        @SuppressWarnings("unused") // accessed through SETTLED
        private volatile boolean settled;

        Grant(DefaultCircuitBreaker breaker, Phase phase) {
            this.breaker = breaker;
            this.phase = phase;
        }

        private boolean settle() {
            return !settled && SETTLED.compareAndSet(this, false, true);
        }

        @Override
        public boolean isGranted() {
            return true;
        }

        @Override
        public boolean onSuccess(long durationNanos) {
            if (!settle()) {
                return false;
            }
            breaker.onSuccess(phase, durationNanos, breaker.timeWindow ? breaker.ticker.getAsLong() : 0L);
            return true;
        }

        @Override
        public boolean onError(long durationNanos, Throwable failure) {
            Objects.requireNonNull(failure, "failure");
            if (!settle()) {
                return false;
            }
            breaker.onError(phase, durationNanos, failure, breaker.timeWindow ? breaker.ticker.getAsLong() : 0L);
            return true;
        }

        @Override
        public boolean onResult(long durationNanos, @Nullable Object result) {
            if (!settle()) {
                return false;
            }
            breaker.onResult(phase, durationNanos, result, breaker.timeWindow ? breaker.ticker.getAsLong() : 0L);
            return true;
        }

        @Override
        public boolean release() {
            if (!settle()) {
                return false;
            }
            DefaultCircuitBreaker.release(phase);
            return true;
        }

        @Override
        public void close() {
            release();
        }

        @Override
        public String toString() {
            return "CircuitBreaker.Permit[" + breaker.name + ", " + phase.state + (settled ? ", settled]" : "]");
        }
    }

    @Override
    public String toString() {
        return "CircuitBreaker[" + name + ", " + phase.state + "]";
    }
}
