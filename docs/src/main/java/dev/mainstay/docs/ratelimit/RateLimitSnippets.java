package dev.mainstay.docs.ratelimit;

import dev.mainstay.ratelimit.ConcurrencyLimit;
import dev.mainstay.ratelimit.ConcurrencyLimiter;
import dev.mainstay.ratelimit.Decision;
import dev.mainstay.ratelimit.KeyedRateLimiter;
import dev.mainstay.ratelimit.RateLimit;
import dev.mainstay.ratelimit.Permit;
import dev.mainstay.ratelimit.RateLimiter;
import dev.mainstay.retry.Retry;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/** The code of {@code docs/ratelimit.md}, compiled and run by {@code RateLimitSnippetsTest}. */
public final class RateLimitSnippets {

    private RateLimitSnippets() {}

    /**
     * The quick start.
     *
     * @return whether the request was let through
     */
    public static boolean quickStart() {
        // quick start
        RateLimiter limiter = RateLimiter.of(RateLimit.tokenBucket(100, 10, Duration.ofSeconds(1)));
        if (limiter.tryAcquire()) {
            return true;   // handle the request
        }
        return false;      // refuse it
        // end
    }

    /**
     * A Retry-After value.
     *
     * @param limiter a limiter
     * @return the seconds to put in Retry-After, or 0 when permitted
     */
    public static long retryAfter(RateLimiter limiter) {
        // retry after
        long waitNanos = limiter.tryAcquireOrWaitNanos(1);      // 0: taken; otherwise how long until it would be
        if (waitNanos > 0) {
            Decision decision = limiter.tryAcquireDecision(1);  // allocates: remaining, wait, time to full
            return decision.retryAfterSeconds();
        }
        return 0;
        // end
    }

    /**
     * The four algorithms.
     *
     * @return the limits
     */
    public static RateLimit[] algorithms() {
        // algorithms
        RateLimit api = RateLimit.tokenBucket(100, 10, Duration.ofSeconds(1));      // bursts of 100, 10/s after
        RateLimit batch = RateLimit.tokenBucket(1000, 1000, Duration.ofMinutes(1))
                .withIntervalRefill();                                               // 1000 at each minute
        RateLimit login = RateLimit.fixedWindow(5, Duration.ofMinutes(1));           // 5 per clock minute
        RateLimit search = RateLimit.slidingWindow(600, Duration.ofMinutes(1));      // ~600 in any minute
        RateLimit smooth = RateLimit.gcra(50, Duration.ofSeconds(1), 5);             // 50/s, bursts of 5
        // end
        return new RateLimit[] {api, batch, login, search, smooth};
    }

    /**
     * Per-key limits, waiting, and reconfiguration.
     *
     * @param scheduler where asynchronous retries run
     * @return whether user-42 got a permit within 100 ms
     * @throws InterruptedException if interrupted while waiting
     */
    public static boolean keyedAndWaiting(ScheduledExecutorService scheduler) throws InterruptedException {
        // keyed
        KeyedRateLimiter<String> perUser = KeyedRateLimiter.<String>builder(
                        RateLimit.tokenBucket(20, 5, Duration.ofSeconds(1)))
                .maxKeys(100_000)                  // hard cap on tracked users; full buckets are dropped
                .build();
        boolean now = perUser.tryAcquire("user-42", 1);
        boolean soon = perUser.acquire("user-42", 1, Duration.ofMillis(100));    // waits, never past 100 ms
        perUser.acquireAsync("user-7", 1, Duration.ofSeconds(1), scheduler)      // parks no thread
                .thenAccept(granted -> System.out.println("user-7 " + (granted ? "served" : "refused")));
        perUser.reconfigure(RateLimit.tokenBucket(40, 10, Duration.ofSeconds(1))); // available permits carry over
        // end
        return now && soon;
    }

    /**
     * A bulkhead around a call.
     *
     * @param inventory the call
     * @return its answer
     */
    public static String bulkhead(Supplier<String> inventory) {
        // bulkhead
        ConcurrencyLimiter bulkhead = ConcurrencyLimiter.builder(ConcurrencyLimit.fixed(10))
                .name("inventory")
                .build();
        return bulkhead.get(inventory);   // ConcurrencyLimitedException when 10 calls are in flight
        // end
    }

    /**
     * A permit by hand, reporting a timeout as overload.
     *
     * @param limiter a limiter
     * @param backend the call
     * @return the HTTP status to answer
     * @throws Exception what the call threw, other than a timeout
     */
    public static int permit(ConcurrencyLimiter limiter, Callable<String> backend) throws Exception {
        // permit
        try (Permit permit = limiter.tryAcquire()) {
            if (!permit.isGranted()) {
                return 429;               // refused at once; a refusal allocates nothing
            }
            try {
                backend.call();
                return 200;               // close() releases the slot as a success
            } catch (TimeoutException e) {
                permit.dropped();         // overload seen: an adaptive limit shrinks
                return 504;
            }
        }
        // end
    }

    /**
     * An adaptive limit with partitions, under a retry.
     *
     * @param fetch the call
     * @param reindex the batch work
     * @return the limit learned so far
     */
    public static int adaptive(Supplier<String> fetch, Runnable reindex) {
        // adaptive
        ConcurrencyLimiter limiter = ConcurrencyLimiter.builder(ConcurrencyLimit.gradient())
                .name("orders-db")
                .partition("live", 0.7)           // 70% of the limit kept for live traffic
                .partition("batch", 0.3)
                .build();
        limiter.partition("batch").run(reindex);
        Retry retry = Retry.builder().maxAttempts(3).build();
        String body = retry.get(() -> limiter.partition("live").get(fetch));
        int learned = limiter.limit();            // export it as a gauge (or hear onLimitChanged)
        // end
        return body.isEmpty() ? -1 : learned;
    }
}
