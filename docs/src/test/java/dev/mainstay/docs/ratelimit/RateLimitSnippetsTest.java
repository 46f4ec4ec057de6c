package dev.mainstay.docs.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mainstay.docs.GuideCheck;
import dev.mainstay.ratelimit.ConcurrencyLimit;
import dev.mainstay.ratelimit.ConcurrencyLimiter;
import dev.mainstay.ratelimit.Permit;
import dev.mainstay.ratelimit.RateLimit;
import dev.mainstay.ratelimit.RateLimiter;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RateLimitSnippetsTest {

    @Test
    void snippetsRun() throws Exception {
        assertTrue(RateLimitSnippets.quickStart());
        RateLimiter one = RateLimiter.of(RateLimit.fixedWindow(1, Duration.ofHours(1)));
        assertEquals(0, RateLimitSnippets.retryAfter(one));
        assertTrue(RateLimitSnippets.retryAfter(one) > 0);
        assertEquals(5, RateLimitSnippets.algorithms().length);
        assertEquals("in stock", RateLimitSnippets.bulkhead(() -> "in stock"));
        ConcurrencyLimiter limiter = ConcurrencyLimiter.of(ConcurrencyLimit.fixed(1));
        assertEquals(200, RateLimitSnippets.permit(limiter, () -> "ok"));
        assertEquals(504, RateLimitSnippets.permit(limiter, () -> {
            throw new TimeoutException("slow");
        }));
        try (Permit held = limiter.tryAcquire()) {
            assertTrue(held.isGranted());
            assertEquals(429, RateLimitSnippets.permit(limiter, () -> "never"));
        }
        assertEquals(0, limiter.inFlight());
        AtomicInteger reindexed = new AtomicInteger();
        int learned = RateLimitSnippets.adaptive(() -> "body", reindexed::incrementAndGet);
        assertTrue(learned >= 1, "the limit learned: " + learned);
        assertEquals(1, reindexed.get());
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        try {
            assertTrue(RateLimitSnippets.keyedAndWaiting(scheduler));
        } finally {
            scheduler.shutdown();
        }
    }

    /** Every fenced block of the guide marked with a snippet name is the compiled code, line for line. */
    @Test
    void theGuideShowsTheCompiledCode() throws IOException {
        GuideCheck.assertGuideShowsTheCompiledCode("ratelimit.md", 7, "ratelimit/RateLimitSnippets.java");
    }
}
