package dev.mainstay.ratelimit;

import java.time.Duration;

/**
 * Permits could not be had: refused by the limit ({@link #getCause()} is null, {@link #nanosToWait()} tells how
 * long to wait), or the limiter's backend failed under {@link FailurePolicy#THROW} (the cause is the backend's
 * exception).
 *
 * <pre>{@code
 * try {
 *     limiter.acquireOrThrow(1);
 * } catch (RateLimitedException e) {
 *     response.status(429).header("Retry-After", e.retryAfter().toSeconds() + 1);
 * }
 * }</pre>
 */
public class RateLimitedException extends RuntimeException {

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
        super("rate limiter '" + limiter + "' refused " + permits + " permit(s); retry after " + nanosToWait + " ns");
        this.permits = permits;
        this.nanosToWait = nanosToWait;
    }

    /**
     * A refusal described by a subclass.
     *
     * @param message what was refused, and why
     * @param permits the permits asked for
     */
    protected RateLimitedException(String message, long permits) {
        super(message);
        this.permits = permits;
        this.nanosToWait = 0;
    }

    /**
     * A failure of the limiter's backend.
     *
     * @param message   what was being done
     * @param permits   the permits asked for
     * @param cause     the backend's failure
     */
    public RateLimitedException(String message, long permits, Throwable cause) {
        super(message, cause);
        this.permits = permits;
        this.nanosToWait = 0;
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
     * Nanoseconds until the permits could be taken; {@code 0} for a backend failure.
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
