package dev.mainstay.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Bad input: every setting of every limit and builder, each refused with its name and value. */
class RateLimitTest {

    private static final Duration SECOND = Duration.ofSeconds(1);

    private static void refused(String message, Executable executable) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, executable);
        assertEquals(message, e.getMessage());
    }

    @Test
    void capacityMustBePositive() {
        refused("capacity must be > 0 but was 0", () -> RateLimit.tokenBucket(0, 1, SECOND));
        refused("capacity must be > 0 but was -3", () -> RateLimit.tokenBucket(-3, 1, SECOND));
    }

    @Test
    void refillPermitsMustBePositive() {
        refused("refillPermits must be > 0 but was 0", () -> RateLimit.tokenBucket(5, 0, SECOND));
    }

    @Test
    void periodMustBePositive() {
        refused("period must be > 0 but was PT0S", () -> RateLimit.tokenBucket(5, 1, Duration.ZERO));
        refused("period must be > 0 but was PT-1S", () -> RateLimit.fixedWindow(5, Duration.ofSeconds(-1)));
        refused("period must be < 292 years but was PT2562047788015215H",
                () -> RateLimit.gcra(1, Duration.ofHours(2562047788015215L), 1));
        assertThrows(NullPointerException.class, () -> RateLimit.tokenBucket(5, 1, null));
    }

    @Test
    void limitMustBePositive() {
        refused("limit must be > 0 but was 0", () -> RateLimit.fixedWindow(0, SECOND));
        refused("limit must be > 0 but was -1", () -> RateLimit.slidingWindow(-1, SECOND));
        refused("limit must be <= 16777215 for a sliding window but was 16777216",
                () -> RateLimit.slidingWindow(1 << 24, SECOND));
    }

    @Test
    void gcraSettingsMustBePositive() {
        refused("permitsPerPeriod must be > 0 but was 0", () -> RateLimit.gcra(0, SECOND, 1));
        refused("burst must be > 0 but was 0", () -> RateLimit.gcra(10, SECOND, 0));
    }

    @Test
    void initialPermitsMustFitTheCapacity() {
        RateLimit limit = RateLimit.tokenBucket(10, 1, SECOND);
        refused("initialPermits must be between 0 and capacity 10 but was 11", () -> limit.withInitialPermits(11));
        refused("initialPermits must be between 0 and capacity 10 but was -1", () -> limit.withInitialPermits(-1));
        assertEquals(0, limit.withInitialPermits(0).initialPermits());
    }

    @Test
    void windowsRefillTheirWholeLimit() {
        refused("refillPermits must equal the window limit 5 for FIXED_WINDOW but was 4",
                () -> new RateLimit(RateLimit.Algorithm.FIXED_WINDOW, 5, 4, SECOND, 5));
        assertThrows(IllegalStateException.class, () -> RateLimit.fixedWindow(5, SECOND).withIntervalRefill());
    }

    @Test
    void limitsTooLargeForExactArithmeticAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> RateLimit.tokenBucket(Long.MAX_VALUE / 2, 1, Duration.ofDays(1)));
        // 2^31 permits refilled 2^31-1 per 2^32 ns: the exact tick would need 63 bits
        assertThrows(IllegalArgumentException.class,
                () -> RateLimit.tokenBucket(1L << 31, (1L << 31) - 1, Duration.ofNanos(1L << 32)));
        assertEquals(1_000_000, RateLimit.tokenBucket(1_000_000, 1000, Duration.ofDays(1)).capacity());
    }

    @Test
    void builderSettingsAreChecked() {
        RateLimit limit = RateLimit.tokenBucket(5, 1, SECOND);
        refused("name must not be blank but was ' '", () -> RateLimiter.builder(limit).name(" "));
        assertThrows(NullPointerException.class, () -> RateLimiter.builder(limit).name(null));
        assertThrows(NullPointerException.class, () -> RateLimiter.builder(limit).ticker(null));
        assertThrows(NullPointerException.class, () -> RateLimiter.builder(limit).listener(null));
        assertThrows(NullPointerException.class, () -> RateLimiter.builder(null));
        refused("maxKeys must be >= 1 but was 0", () -> KeyedRateLimiter.builder(limit).maxKeys(0));
        refused("name must not be blank but was ''", () -> KeyedRateLimiter.builder(limit).name(""));
        assertThrows(NullPointerException.class, () -> KeyedRateLimiter.builder(limit).ticker(null));
        assertThrows(NullPointerException.class, () -> KeyedRateLimiter.builder(limit).listener(null));
    }

    @Test
    void permitsMustBeBetweenOneAndTheCapacity() {
        RateLimiter limiter = RateLimiter.of(RateLimit.tokenBucket(10, 1, SECOND));
        refused("permits must be between 1 and capacity 10 but was 11", () -> limiter.tryAcquire(11));
        refused("permits must be between 1 and capacity 10 but was 0", () -> limiter.tryAcquireOrWaitNanos(0));
        refused("permits must be between 1 and capacity 10 but was -1", () -> limiter.tryAcquireDecision(-1));
        refused("permits must be between 1 and capacity 10 but was 11", () -> limiter.acquire(11, SECOND));
        refused("permits must be between 1 and capacity 10 but was 11", () -> limiter.acquireOrThrow(11));
        assertEquals(10, limiter.availablePermits(), "nothing was taken by refused calls");
    }

    @Test
    void timeoutsMustNotBeNegative() {
        RateLimiter limiter = RateLimiter.of(RateLimit.tokenBucket(10, 1, SECOND));
        refused("timeout must be >= 0 but was PT-0.001S", () -> limiter.acquire(1, Duration.ofMillis(-1)));
        assertThrows(NullPointerException.class, () -> limiter.acquire(1, null));
        assertThrows(NullPointerException.class, () -> limiter.acquireAsync(1, SECOND, null));
    }

    @Test
    void keysMustNotBeNull() {
        KeyedRateLimiter<String> limiter = KeyedRateLimiter.<String>builder(RateLimit.tokenBucket(10, 1, SECOND)).build();
        NullPointerException e = assertThrows(NullPointerException.class, () -> limiter.tryAcquire(null, 1));
        assertEquals("key", e.getMessage());
        assertThrows(NullPointerException.class, () -> limiter.availablePermits(null));
        refused("permits must be between 1 and capacity 10 but was 11", () -> limiter.tryAcquire("k", 11));
    }
}
