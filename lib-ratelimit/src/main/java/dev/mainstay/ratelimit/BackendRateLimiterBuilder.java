package dev.mainstay.ratelimit;

import java.util.Objects;

/**
 * The settings every builder of a limiter on a distributed backend (Redis, JDBC) shares, on top of
 * {@link RateLimiterBuilder}'s. Each is checked when set.
 *
 * <pre>{@code
 * RedisRateLimiter.builder(scripting, RateLimit.fixedWindow(100, Duration.ofMinutes(1)))
 *         .failurePolicy(FailurePolicy.FAIL_CLOSED)
 *         .build();
 * }</pre>
 *
 * @param <B> the concrete builder
 */
public abstract class BackendRateLimiterBuilder<B extends BackendRateLimiterBuilder<B>> extends RateLimiterBuilder<B> {

    private FailurePolicy failurePolicy = FailurePolicy.THROW;

    /**
     * A builder for a limiter enforcing {@code limit} on each key.
     *
     * @param limit the limit of each key
     * @throws NullPointerException if {@code limit} is null
     */
    protected BackendRateLimiterBuilder(RateLimit limit) {
        super(limit);
    }

    /**
     * What a decision does when the backend call fails (the connection, the script or statement, a timeout).
     * Default {@link FailurePolicy#THROW}: a {@link RateLimitBackendException}.
     *
     * @param failurePolicy the policy
     * @return this builder
     */
    public B failurePolicy(FailurePolicy failurePolicy) {
        this.failurePolicy = Objects.requireNonNull(failurePolicy, "failurePolicy");
        return self();
    }

    /**
     * The failure policy set so far.
     *
     * @return the policy
     */
    protected FailurePolicy failurePolicy() {
        return failurePolicy;
    }
}
