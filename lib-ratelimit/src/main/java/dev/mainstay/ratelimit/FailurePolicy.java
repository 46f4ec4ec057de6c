package dev.mainstay.ratelimit;

/**
 * What a limiter on a distributed backend (Redis, JDBC) decides when the backend call fails (the connection, the
 * script or statement, a timeout). Either way the failure is reported to {@link RateLimiterListener#onBackendFailure};
 * nothing is retried. The policy covers the backend call only: a reply that makes no sense is a bug and throws
 * {@link IllegalStateException} under every policy, never letting the request through.
 *
 * <pre>{@code
 * RedisRateLimiter.builder(scripting, RateLimit.tokenBucket(100, 10, Duration.ofSeconds(1)))
 *         .failurePolicy(FailurePolicy.FAIL_OPEN)   // an outage must not take the API down with it
 *         .build();
 * }</pre>
 */
public enum FailurePolicy {
    /** Let the request through: availability over protection. */
    FAIL_OPEN,
    /** Refuse the request: protection over availability. */
    FAIL_CLOSED,
    /** Throw {@link RateLimitBackendException} with the backend's failure as its cause (answer 503, not 429). */
    THROW
}
