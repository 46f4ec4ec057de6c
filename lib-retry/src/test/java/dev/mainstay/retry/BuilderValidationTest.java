package dev.mainstay.retry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Every builder setting rejects bad values with a message naming the setting and the value. */
class BuilderValidationTest {

    @SuppressWarnings("unchecked")
    private static final Class<? extends Throwable>[] NONE = new Class[0];

    private static void rejects(String message, Executable setting) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, setting);
        assertEquals(message, e.getMessage());
    }

    private static void rejectsNull(String name, Executable setting) {
        NullPointerException e = assertThrows(NullPointerException.class, setting);
        assertEquals(name, e.getMessage());
    }

    @Test
    void retry() {
        Retry.Builder b = Retry.builder();
        rejects("maxAttempts must be >= 1 but was 0", () -> b.maxAttempts(0));
        rejects("deadline must be > 0 but was PT-1S", () -> b.deadline(Duration.ofSeconds(-1)));
        rejects("deadline must be > 0 but was PT0S", () -> b.deadline(Duration.ZERO));
        rejects("maxSuppressed must be >= 0 but was -1", () -> b.maxSuppressed(-1));
        rejects("retryOn must name at least one type but was empty", () -> b.retryOn(NONE));
        rejects("abortOn must name at least one type but was empty", () -> b.abortOn(NONE));
        rejectsNull("name", () -> b.name(null));
        rejectsNull("deadline", () -> b.deadline(null));
        rejectsNull("backoff", () -> b.backoff(null));
        rejectsNull("delayFunction", () -> b.delayFunction(null));
        rejectsNull("predicate", () -> b.retryOn((java.util.function.Predicate<Throwable>) null));
        rejectsNull("retryOn", () -> b.retryOn(java.io.IOException.class, null));
        rejectsNull("predicate", () -> b.abortOn((java.util.function.Predicate<Throwable>) null));
        rejectsNull("predicate", () -> b.retryOnResult(null));
        rejectsNull("predicate", () -> b.abortOnResult(null));
        rejectsNull("budget", () -> b.budget(null));
        rejectsNull("listener", () -> b.listener(null));
        rejectsNull("ticker", () -> b.ticker(null));
        rejectsNull("sleeper", () -> b.sleeper(null));
        assertEquals(3, b.build().config().maxAttempts(), "rejected values left the defaults");
    }

    @Test
    void backoff() {
        rejects("delay must be >= 0 but was PT-0.001S", () -> Backoff.fixed(Duration.ofMillis(-1)));
        rejects("initial must be >= 0 but was PT-1S",
                () -> Backoff.exponential(Duration.ofSeconds(-1), 2, Duration.ofSeconds(1)));
        rejects("multiplier must be >= 1 and finite but was 0.5",
                () -> Backoff.exponential(Duration.ofSeconds(1), 0.5, Duration.ofSeconds(1)));
        rejects("multiplier must be >= 1 and finite but was NaN",
                () -> Backoff.exponential(Duration.ofSeconds(1), Double.NaN, Duration.ofSeconds(1)));
        rejects("cap must be >= initial (PT2S) but was PT1S",
                () -> Backoff.exponential(Duration.ofSeconds(2), 2, Duration.ofSeconds(1)));
        rejects("base must be > 0 but was PT0S", () -> Backoff.decorrelatedJitter(Duration.ZERO, Duration.ofSeconds(1)));
        rejects("cap must be >= base (PT2S) but was PT1S",
                () -> Backoff.decorrelatedJitter(Duration.ofSeconds(2), Duration.ofSeconds(1)));
        rejects("retry must be >= 1 but was 0", () -> Backoff.none().delayNanos(0, 0));
        rejects("u must be in [0, 1) but was 1.0", () -> Backoff.none().delayNanos(1, 0, 1.0));
        assertThrows(IllegalStateException.class,
                () -> Backoff.decorrelatedJitter(Duration.ofSeconds(1), Duration.ofSeconds(2)).withFullJitter());
        rejectsNull("delay", () -> Backoff.fixed(null));
    }

    @Test
    void budget() {
        RetryBudget.Builder b = RetryBudget.builder();
        rejects("capacity must be >= 1 but was 0", () -> b.capacity(0));
        rejects("retryCost must be >= 1 but was -5", () -> b.retryCost(-5));
        rejects("successRefund must be >= 1 but was 0", () -> b.successRefund(0));
        rejects("retryCost must be <= capacity (10) but was 11", () -> RetryBudget.builder().capacity(10)
                .retryCost(11).build());
    }

    @Test
    void circuitBreaker() {
        CircuitBreaker.Builder b = CircuitBreaker.builder();
        rejects("failureRateThreshold must be in (0, 100] but was 0.0", () -> b.failureRateThreshold(0));
        rejects("failureRateThreshold must be in (0, 100] but was 100.5", () -> b.failureRateThreshold(100.5f));
        rejects("failureRateThreshold must be in (0, 100] but was NaN", () -> b.failureRateThreshold(Float.NaN));
        rejects("slowCallRateThreshold must be in (0, 100] but was -1.0", () -> b.slowCallRateThreshold(-1));
        rejects("slowCallDuration must be > 0 but was PT0S", () -> b.slowCallDuration(Duration.ZERO));
        rejects("minimumCalls must be >= 1 but was 0", () -> b.minimumCalls(0));
        rejects("countBasedWindow must be in [1, 1000000] but was 0", () -> b.countBasedWindow(0));
        rejects("countBasedWindow must be in [1, 1000000] but was 1000001", () -> b.countBasedWindow(1_000_001));
        rejects("timeBasedWindow length must be > 0 but was PT-1S", () -> b.timeBasedWindow(Duration.ofSeconds(-1), 10));
        rejects("timeBasedWindow buckets must be in [1, 10000] but was 0",
                () -> b.timeBasedWindow(Duration.ofSeconds(1), 0));
        rejects("timeBasedWindow length must be >= 10 ns but was PT0.000000005S",
                () -> b.timeBasedWindow(Duration.ofNanos(5), 10));
        rejects("waitInOpen must be > 0 but was PT-1S", () -> b.waitInOpen(Duration.ofSeconds(-1)));
        rejects("permittedCallsInHalfOpen must be in [1, 32767] but was 0", () -> b.permittedCallsInHalfOpen(0));
        rejects("permittedCallsInHalfOpen must be in [1, 32767] but was 32768",
                () -> b.permittedCallsInHalfOpen(32_768));
        rejects("maxWaitInHalfOpen must be > 0 but was PT0S", () -> b.maxWaitInHalfOpen(Duration.ZERO));
        rejects("recordExceptions must name at least one type but was empty", () -> b.recordExceptions(NONE));
        rejects("ignoreExceptions must name at least one type but was empty", () -> b.ignoreExceptions(NONE));
        rejectsNull("name", () -> b.name(null));
        rejectsNull("backoff", () -> b.waitInOpen((Backoff) null));
        rejectsNull("waitInOpen", () -> b.waitInOpen((Duration) null));
        rejectsNull("predicate", () -> b.recordException(null));
        rejectsNull("predicate", () -> b.ignoreException(null));
        rejectsNull("predicate", () -> b.recordResult(null));
        rejectsNull("listener", () -> b.listener(null));
        rejectsNull("ticker", () -> b.ticker(null));
        CircuitBreakerConfig config = b.build().config();
        assertEquals(50f, config.failureRateThreshold(), "rejected values left the defaults");
        assertEquals(100, config.windowSize());
    }

    @Test
    void timeout() {
        Timeout.Builder b = Timeout.builder();
        rejects("timeout must be > 0 but was PT0S", () -> b.timeout(Duration.ZERO));
        rejects("timeout must be > 0 but was PT-0.001S", () -> b.timeout(Duration.ofMillis(-1)));
        rejectsNull("timeout", () -> b.timeout(null));
        rejectsNull("name", () -> b.name(null));
        rejectsNull("executor", () -> b.executor(null));
        rejectsNull("scheduler", () -> b.scheduler(null));
        IllegalStateException e = assertThrows(IllegalStateException.class, b::build);
        assertEquals("timeout must be set", e.getMessage());
    }

    @Test
    void hedge() {
        Hedge.Builder b = Hedge.builder();
        rejects("maxHedges must be in [1, 16] but was 0", () -> b.maxHedges(0));
        rejects("maxHedges must be in [1, 16] but was 17", () -> b.maxHedges(17));
        rejects("delay must be >= 0 but was PT-0.001S", () -> b.delay(Duration.ofMillis(-1)));
        rejects("delayPercentile must be in (0, 100) but was 100.0", () -> b.delayPercentile(100, Duration.ZERO));
        rejects("delayPercentile must be in (0, 100) but was 0.0", () -> b.delayPercentile(0, Duration.ZERO));
        rejects("delayPercentile must be in (0, 100) but was NaN", () -> b.delayPercentile(Double.NaN, Duration.ZERO));
        rejects("initialDelay must be >= 0 but was PT-1S", () -> b.delayPercentile(90, Duration.ofSeconds(-1)));
        rejectsNull("delay", () -> b.delay(null));
        rejectsNull("budget", () -> b.budget(null));
        rejectsNull("executor", () -> b.executor(null));
        rejectsNull("scheduler", () -> b.scheduler(null));
        rejectsNull("ticker", () -> b.ticker(null));
        rejectsNull("callable", () -> Hedge.idempotent(null));
        rejectsNull("supplier", () -> Hedge.idempotentAsync(null));
        IllegalStateException e = assertThrows(IllegalStateException.class, b::build);
        assertEquals("delay or delayPercentile must be set", e.getMessage());
        assertEquals(1, b.delay(Duration.ZERO).build().config().maxHedges(), "rejected values left the defaults");
    }

    @Test
    void fallback() {
        Fallback.Builder<String> b = Fallback.builder((result, failure) -> "x");
        rejects("fallbackOn must name at least one type but was empty", () -> b.fallbackOn(NONE));
        rejectsNull("fallbackOn", () -> b.fallbackOn(java.io.IOException.class, null));
        rejectsNull("predicate", () -> b.fallbackOn((java.util.function.Predicate<Throwable>) null));
        rejectsNull("predicate", () -> b.fallbackOnResult(null));
        rejectsNull("name", () -> b.name(null));
        rejectsNull("function", () -> Fallback.builder(null));
    }

    @Test
    void namesAreNonBlankEverywhere() {
        rejects("name must not be blank but was ''", () -> Retry.builder().name(""));
        rejects("name must not be blank but was ' '", () -> CircuitBreaker.builder().name(" "));
        rejects("name must not be blank but was '\t'", () -> Timeout.builder().name("\t"));
        rejects("name must not be blank but was ''", () -> Hedge.builder().name(""));
        rejects("name must not be blank but was ''", () -> Fallback.builder((result, failure) -> "x").name(""));
        rejectsNull("name", () -> Hedge.builder().name(null));
        rejectsNull("name", () -> Timeout.builder().name(null));
        rejectsNull("name", () -> Fallback.builder((result, failure) -> "x").name(null));
        rejects("name must not be blank but was ''", () -> CircuitBreaker.ofDefaults(""));
    }

    /** The config records check their components too (they do not rely on the builders), as lib-lock's do. */
    @Test
    void configRecordsCheckEveryComponent() {
        RetryConfig retry = Retry.ofDefaults().config();
        rejects("name must not be blank but was ''", () -> new RetryConfig("", 3, retry.deadline(), retry.backoff(),
                retry.delayFunction(), retry.retryOn(), retry.abortOn(), retry.retryOnResult(), retry.abortOnResult(),
                retry.budget(), retry.listener(), retry.maxSuppressed(), retry.ticker(), retry.sleeper()));
        rejects("maxAttempts must be >= 1 but was 0", () -> new RetryConfig("r", 0, retry.deadline(),
                retry.backoff(), retry.delayFunction(), retry.retryOn(), retry.abortOn(), retry.retryOnResult(),
                retry.abortOnResult(), retry.budget(), retry.listener(), retry.maxSuppressed(), retry.ticker(),
                retry.sleeper()));
        rejects("deadline must be > 0 but was PT0S", () -> new RetryConfig("r", 3,
                java.util.Optional.of(Duration.ZERO), retry.backoff(), retry.delayFunction(), retry.retryOn(),
                retry.abortOn(), retry.retryOnResult(), retry.abortOnResult(), retry.budget(), retry.listener(),
                retry.maxSuppressed(), retry.ticker(), retry.sleeper()));
        rejectsNull("listener", () -> new RetryConfig("r", 3, retry.deadline(), retry.backoff(),
                retry.delayFunction(), retry.retryOn(), retry.abortOn(), retry.retryOnResult(), retry.abortOnResult(),
                retry.budget(), null, retry.maxSuppressed(), retry.ticker(), retry.sleeper()));
        assertEquals(retry, new RetryConfig(retry.name(), retry.maxAttempts(), retry.deadline(), retry.backoff(),
                retry.delayFunction(), retry.retryOn(), retry.abortOn(), retry.retryOnResult(), retry.abortOnResult(),
                retry.budget(), retry.listener(), retry.maxSuppressed(), retry.ticker(), retry.sleeper()));
        assertEquals(RetryConfig.NO_LISTENER, retry.listener());
        assertEquals(RetryConfig.SYSTEM_TICKER, retry.ticker());

        CircuitBreakerConfig b = CircuitBreaker.ofDefaults("b").config();
        assertEquals(CircuitBreakerConfig.NO_LISTENER, b.listener());
        assertEquals(RetryConfig.SYSTEM_TICKER, b.ticker());
        rejects("failureRateThreshold must be in (0, 100] but was 0.0", () -> new CircuitBreakerConfig("b", 0f,
                b.slowCallRateThreshold(), b.slowCallDuration(), b.minimumCalls(), b.windowType(), b.windowSize(),
                b.windowLength(), b.waitInOpen(), b.permittedCallsInHalfOpen(), b.maxWaitInHalfOpen(),
                b.recordException(), b.ignoreException(), b.recordResult(), b.listener(), b.ticker()));
        rejects("windowSize must be in [1, 1000000] but was 0", () -> new CircuitBreakerConfig("b", 50f,
                b.slowCallRateThreshold(), b.slowCallDuration(), b.minimumCalls(), b.windowType(), 0,
                b.windowLength(), b.waitInOpen(), b.permittedCallsInHalfOpen(), b.maxWaitInHalfOpen(),
                b.recordException(), b.ignoreException(), b.recordResult(), b.listener(), b.ticker()));
        rejects("windowLength must be zero for a count-based window but was PT1S", () -> new CircuitBreakerConfig(
                "b", 50f, b.slowCallRateThreshold(), b.slowCallDuration(), b.minimumCalls(), b.windowType(),
                b.windowSize(), Duration.ofSeconds(1), b.waitInOpen(), b.permittedCallsInHalfOpen(),
                b.maxWaitInHalfOpen(), b.recordException(), b.ignoreException(), b.recordResult(), b.listener(),
                b.ticker()));
        rejects("windowLength must be >= 10 ns but was PT0.000000005S", () -> new CircuitBreakerConfig("b", 50f,
                b.slowCallRateThreshold(), b.slowCallDuration(), b.minimumCalls(), CircuitBreaker.WindowType.TIME_BASED,
                10, Duration.ofNanos(5), b.waitInOpen(), b.permittedCallsInHalfOpen(), b.maxWaitInHalfOpen(),
                b.recordException(), b.ignoreException(), b.recordResult(), b.listener(), b.ticker()));
        rejects("permittedCallsInHalfOpen must be in [1, 32767] but was 0", () -> new CircuitBreakerConfig("b",
                50f, b.slowCallRateThreshold(), b.slowCallDuration(), b.minimumCalls(), b.windowType(),
                b.windowSize(), b.windowLength(), b.waitInOpen(), 0, b.maxWaitInHalfOpen(), b.recordException(),
                b.ignoreException(), b.recordResult(), b.listener(), b.ticker()));
        rejectsNull("ticker", () -> new CircuitBreakerConfig("b", 50f, b.slowCallRateThreshold(),
                b.slowCallDuration(), b.minimumCalls(), b.windowType(), b.windowSize(), b.windowLength(),
                b.waitInOpen(), b.permittedCallsInHalfOpen(), b.maxWaitInHalfOpen(), b.recordException(),
                b.ignoreException(), b.recordResult(), b.listener(), null));

        HedgeConfig h = Hedge.builder().delay(Duration.ofMillis(1)).build().config();
        rejects("maxHedges must be in [1, 16] but was 17", () -> new HedgeConfig("h", 17, h.delay(),
                h.percentile(), h.budget(), h.executor(), h.scheduler(), h.ticker()));
        rejects("percentile must be in (0, 100) but was 100.0", () -> new HedgeConfig("h", 1, h.delay(),
                java.util.Optional.of(100.0), h.budget(), h.executor(), h.scheduler(), h.ticker()));
        rejects("delay must be >= 0 but was PT-1S", () -> new HedgeConfig("h", 1, Duration.ofSeconds(-1),
                h.percentile(), h.budget(), h.executor(), h.scheduler(), h.ticker()));

        TimeoutConfig t = Timeout.of(Duration.ofSeconds(1)).config();
        rejects("timeout must be > 0 but was PT0S", () -> new TimeoutConfig("t", Duration.ZERO, t.executor(),
                t.scheduler(), true));
        rejects("name must not be blank but was ''", () -> new TimeoutConfig("", t.timeout(), t.executor(),
                t.scheduler(), true));
    }
}
