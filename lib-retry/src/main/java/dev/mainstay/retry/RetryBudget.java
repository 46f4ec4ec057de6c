package dev.mainstay.retry;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A retry budget shared by many {@link Retry} policies (and threads): a token bucket in the style of the AWS SDK v2
 * retry token bucket and gRPC retry throttling. Every retry costs {@code retryCost} tokens; every successful call
 * refunds {@code successRefund} tokens, up to {@code capacity}. A retry that finds too few tokens is not made: the
 * policy gives up with {@link RetriesExhaustedException.Reason#BUDGET}. First attempts never need tokens.
 *
 * <h2>Defaults and maths</h2>
 * Defaults are the AWS SDK v2 ones: {@code capacity = 500}, {@code retryCost = 5}, {@code successRefund = 1}.
 * <ul>
 *   <li>Burst: from a full bucket, a dependency that fails every call receives at most
 *       {@code capacity / retryCost} = 100 retries in total before retries stop.</li>
 *   <li>Steady state: while the bucket is empty, retries are paid only by successes, so over any period
 *       {@code retries <= (successRefund / retryCost) * successes + capacity / retryCost}: with the defaults at most
 *       one retry per five successful calls (20 % extra load), however many callers share the budget.</li>
 *   <li>Healthy dependency: successes keep the bucket full, so isolated failures are always retried.</li>
 * </ul>
 *
 * <pre>{@code
 * RetryBudget budget = RetryBudget.ofDefaults();           // one per dependency, shared by all its callers
 * Retry retry = Retry.builder().maxAttempts(4).budget(budget).build();
 * }</pre>
 *
 * <p>Thread-safe and lock-free: one {@link AtomicLong} updated by compare-and-set, so the token count is never
 * negative and never above the capacity, under any concurrency. A success on a full bucket costs one volatile read.
 */
public final class RetryBudget {

    private final int capacity;
    private final int retryCost;
    private final int successRefund;
    private final AtomicLong tokens;

    private RetryBudget(Builder builder) {
        this.capacity = builder.capacity;
        this.retryCost = builder.retryCost;
        this.successRefund = builder.successRefund;
        this.tokens = new AtomicLong(capacity);
    }

    /**
     * A builder with the defaults (capacity 500, retry cost 5, success refund 1).
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A budget with the defaults (capacity 500, retry cost 5, success refund 1).
     *
     * @return a budget with the defaults
     */
    public static RetryBudget ofDefaults() {
        return builder().build();
    }

    /**
     * Takes the cost of one retry if the bucket holds it; returns whether the retry may be made.
     *
     * @return whether the retry may go ahead
     */
    public boolean tryAcquireRetry() {
        for (;;) {
            long current = tokens.get();
            if (current < retryCost) {
                return false;
            }
            if (tokens.compareAndSet(current, current - retryCost)) {
                return true;
            }
        }
    }

    /** Refunds {@code successRefund} tokens for a successful call, up to the capacity. */
    public void onSuccess() {
        for (;;) {
            long current = tokens.get();
            if (current >= capacity) {
                return;
            }
            if (tokens.compareAndSet(current, Math.min(capacity, current + successRefund))) {
                return;
            }
        }
    }

    /**
     * The tokens in the bucket now, in {@code [0, capacity]}.
     *
     * @return the tokens now in the bucket
     */
    public long availableTokens() {
        return tokens.get();
    }

    /**
     * The bucket's capacity.
     *
     * @return the most tokens
     */
    public int capacity() {
        return capacity;
    }

    /**
     * The tokens one retry costs.
     *
     * @return the tokens one retry takes
     */
    public int retryCost() {
        return retryCost;
    }

    /**
     * The tokens a success refunds.
     *
     * @return the tokens one success gives back
     */
    public int successRefund() {
        return successRefund;
    }

    @Override
    public String toString() {
        return "RetryBudget[tokens=" + tokens.get() + "/" + capacity + ", retryCost=" + retryCost
                + ", successRefund=" + successRefund + "]";
    }

    /**
     * Builds a {@link RetryBudget}; each setting is checked when set. Not thread-safe.
     *
     * <pre>{@code
     * RetryBudget budget = RetryBudget.builder().capacity(100).retryCost(10).successRefund(1).build(); // 10 % extra
     * }</pre>
     */
    public static final class Builder {
        private int capacity = 500;
        private int retryCost = 5;
        private int successRefund = 1;

        private Builder() {}

        /**
         * Tokens the bucket holds when full, and at start; {@code >= 1}. Default 500.
         *
         * @param capacity the tokens, {@code >= 1}
         * @return this builder
         */
        public Builder capacity(int capacity) {
            if (capacity < 1) {
                throw new IllegalArgumentException("capacity must be >= 1 but was " + capacity);
            }
            this.capacity = capacity;
            return this;
        }

        /**
         * Tokens one retry costs; {@code >= 1}. Default 5.
         *
         * @param retryCost the tokens, {@code >= 1}
         * @return this builder
         */
        public Builder retryCost(int retryCost) {
            if (retryCost < 1) {
                throw new IllegalArgumentException("retryCost must be >= 1 but was " + retryCost);
            }
            this.retryCost = retryCost;
            return this;
        }

        /**
         * Tokens a successful call gives back; {@code >= 1}. Default 1.
         *
         * @param successRefund the tokens, {@code >= 1}
         * @return this builder
         */
        public Builder successRefund(int successRefund) {
            if (successRefund < 1) {
                throw new IllegalArgumentException("successRefund must be >= 1 but was " + successRefund);
            }
            this.successRefund = successRefund;
            return this;
        }

        /**
         * Builds the budget.
         *
         * @return the budget
         * @throws IllegalArgumentException if {@code retryCost} exceeds {@code capacity} (no retry could ever be paid)
         */
        public RetryBudget build() {
            if (retryCost > capacity) {
                throw new IllegalArgumentException(
                        "retryCost must be <= capacity (" + capacity + ") but was " + retryCost);
            }
            return new RetryBudget(this);
        }
    }
}
