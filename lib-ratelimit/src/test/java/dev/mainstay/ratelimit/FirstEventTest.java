package dev.mainstay.ratelimit;

import dev.mainstay.testkit.FreshJvm;
import org.junit.jupiter.api.Test;

/**
 * A JVM's first JFR event class costs 200–300 ms of JFR set-up, recording or not. A rate limiter's first refusal, and
 * a concurrency limiter's, must not pay it when no recording runs, so a fresh JVM that does it must load no JFR event
 * class at all.
 */
class FirstEventTest {

    /**
     * Run in a fresh JVM by the test: a rate limiter's first refusal, and a concurrency limiter's, with no recording.
     */
    public static void main(String[] args) throws Exception {
        RateLimiter limiter = RateLimiter.builder(RateLimit.tokenBucket(1, 1, java.time.Duration.ofHours(1))).build();
        if (!limiter.tryAcquire() || limiter.tryAcquire()) {
            throw new AssertionError("expected one admission, then a refusal");
        }
        ConcurrencyLimiter calls = ConcurrencyLimiter.builder(ConcurrencyLimit.fixed(1)).build();
        try (Permit held = calls.tryAcquire(); Permit refused = calls.tryAcquire()) {
            if (!held.isGranted() || refused.isGranted()) {
                throw new AssertionError("expected one permit, then a refusal");
            }
        }
        System.out.println("done");
    }

    @Test
    void noJfrEventClassIsLoadedWithoutARecording() throws Exception {
        FreshJvm.assertNoJfrEventClassLoaded(FirstEventTest.class, RateLimiter.class);
    }
}
