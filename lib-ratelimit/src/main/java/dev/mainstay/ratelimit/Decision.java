package dev.mainstay.ratelimit;

import java.time.Duration;

/**
 * The full answer to one request for permits: what an HTTP server needs for {@code 429 Too Many Requests},
 * {@code Retry-After} and the {@code RateLimit} header fields.
 *
 * <pre>{@code
 * Decision decision = limiter.tryAcquireDecision(1);
 * if (!decision.permitted()) {
 *     response.setHeader("Retry-After", Long.toString(decision.retryAfterSeconds()));
 * }
 * }</pre>
 *
 * <p>Obtaining a {@code Decision} allocates it; the allocation-free forms are {@link RateLimiter#tryAcquire(long)}
 * and {@link RateLimiter#tryAcquireOrWaitNanos(long)}.
 *
 * @param permitted     whether the permits were taken
 * @param permits       the permits asked for
 * @param remaining     permits still available right after this decision, {@code >= 0}
 * @param nanosToWait   {@code 0} when permitted, otherwise the nanoseconds until the permits could be taken
 *                      (if nobody else takes them first)
 * @param nanosToFull   the nanoseconds until the limiter is back to its full capacity (0 if it is full)
 */
public record Decision(boolean permitted, long permits, long remaining, long nanosToWait, long nanosToFull) {

    /**
     * The wait as a duration.
     *
     * @return {@link #nanosToWait()} as a {@code Duration}
     */
    public Duration retryAfter() {
        return Duration.ofNanos(nanosToWait);
    }

    /**
     * The wait in whole seconds, rounded up, as the {@code Retry-After} header field wants it.
     *
     * @return the seconds to wait; {@code 0} when permitted
     */
    public long retryAfterSeconds() {
        return seconds(nanosToWait);
    }

    /**
     * The time until full capacity in whole seconds, rounded up (the {@code RateLimit} field's {@code t}).
     *
     * @return the seconds until the limiter is full again
     */
    public long fullAfterSeconds() {
        return seconds(nanosToFull);
    }

    private static long seconds(long nanos) {
        long seconds = nanos / 1_000_000_000L;
        return seconds * 1_000_000_000L == nanos ? seconds : seconds + 1;
    }
}
