package dev.mainstay.ratelimit;

import java.time.Duration;

/**
 * A rate limit refused permits: they are not available now, and {@link #nanosToWait()} tells how long until they
 * would be. A refusal, never a failure: nothing is wrong with the limiter or its backend (that is
 * {@link RateLimitBackendException}).
 *
 * <pre>{@code
 * try {
 *     limiter.acquireOrThrow(1);
 * } catch (RateLimitedException e) {
 *     response.status(429).header("Retry-After", e.retryAfter().toSeconds() + 1);
 * }
 * }</pre>
 */
public final class RateLimitedException extends RateLimitException {

    private static final long serialVersionUID = 1L;

    private final long permits;
    private final long nanosToWait;

    /**
     * A refusal by the limit.
     *
     * @param limiter     the limiter's name
     * @param permits     the permits asked for
     * @param nanosToWait the nanoseconds until they could be taken
     */
    public RateLimitedException(String limiter, long permits, long nanosToWait) {
        super(limiter, "rate limiter '" + limiter + "' refused " + permits + " permit(s); retry after "
                + nanosToWait + " ns", null);
        this.permits = permits;
        this.nanosToWait = nanosToWait;
    }

    /**
     * The permits asked for.
     *
     * @return the permits
     */
    public long permits() {
        return permits;
    }

    /**
     * Nanoseconds until the permits could be taken.
     *
     * @return the wait in nanoseconds
     */
    public long nanosToWait() {
        return nanosToWait;
    }

    /**
     * The wait as a duration.
     *
     * @return {@link #nanosToWait()} as a {@code Duration}
     */
    public Duration retryAfter() {
        return Duration.ofNanos(nanosToWait);
    }
}
