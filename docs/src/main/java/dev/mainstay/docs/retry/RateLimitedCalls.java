package dev.mainstay.docs.retry;

import dev.mainstay.ratelimit.RateLimiter;
import java.util.concurrent.Callable;

/**
 * A lib-ratelimit limiter in the {@code <T> T call(Callable<T>)} shape, so that a retry {@code Pipeline} takes it by
 * method reference; neither module depends on the other.
 */
public final class RateLimitedCalls {

    private final RateLimiter limiter;

    /** Calls through {@code limiter}, one permit per call. */
    public RateLimitedCalls(RateLimiter limiter) {
        this.limiter = limiter;
    }

    // snippet: limiter-shape
    /** Takes a permit (or throws {@code RateLimitedException}), then calls. */
    public <T> T call(Callable<T> callable) throws Exception {
        limiter.acquireOrThrow(1);
        return callable.call();
    }
    // end snippet
}
