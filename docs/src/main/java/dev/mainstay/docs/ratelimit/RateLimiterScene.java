package dev.mainstay.docs.ratelimit;

import dev.mainstay.docs.Scene;
import dev.mainstay.ratelimit.Decision;
import dev.mainstay.ratelimit.KeyedRateLimiter;
import dev.mainstay.ratelimit.RateLimit;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** The tour's rate limiter scene: a per-user API limit, on a simulated clock so the story is the same each time. */
public final class RateLimiterScene implements Scene {

    @Override
    public String module() {
        return "mainstay-ratelimit";
    }

    @Override
    public String title() {
        return "a per-user API limit: bursts of 5, then 2 per second";
    }

    @Override
    public void play(PrintStream out) {
        AtomicLong clock = new AtomicLong(Long.MAX_VALUE - 1_000_000_000L); // nanoseconds, about to wrap
        KeyedRateLimiter<String> limiter = KeyedRateLimiter.<String>builder(
                        RateLimit.tokenBucket(5, 2, Duration.ofSeconds(1)))
                .ticker(clock::get)
                .build();
        int served = 0;
        Decision refused = null;
        for (int request = 1; request <= 7; request++) {
            Decision decision = limiter.tryAcquireDecision("alice", 1);
            if (decision.permitted()) {
                served++;
            } else if (refused == null) {
                refused = decision;
            }
        }
        out.println("alice sends 7 requests at once: " + served + " served, " + (7 - served)
                + " refused with HTTP 429.");
        out.println("The refusal says: retry after " + refused.retryAfter().toMillis() + " ms ("
                + refused.retryAfterSeconds() + " s in Retry-After), full again in "
                + Duration.ofNanos(refused.nanosToFull()).toMillis() + " ms.");
        out.println("bob is limited separately: his first request is "
                + (limiter.tryAcquire("bob") ? "served" : "refused") + ".");
        clock.addAndGet(1_500_000_000L);
        out.println("1.5 s later (the clock wrapped past Long.MAX_VALUE meanwhile) alice has "
                + limiter.availablePermits("alice") + " permits again: 2 per second, exactly.");
        limiter.reconfigure(RateLimit.tokenBucket(50, 20, Duration.ofSeconds(1)));
        out.println("The limit is raised to 50 at 20/s at run time; alice keeps her "
                + limiter.availablePermits("alice") + " permits (carried over, not topped up).");
    }
}
