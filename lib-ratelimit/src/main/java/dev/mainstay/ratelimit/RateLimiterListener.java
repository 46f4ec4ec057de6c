package dev.mainstay.ratelimit;

/**
 * Hears what a limiter decides. Every method has a no-op default; implement the ones you need. Calls are made on
 * the thread that asked for permits, after the decision, so keep them short.
 * A listener that throws is caught and logged once through {@code System.Logger}, with the listener's class; it never changes the outcome and never propagates.
 *
 * <pre>{@code
 * LongAdder rejected = new LongAdder();
 * RateLimiter limiter = RateLimiter.builder(RateLimit.tokenBucket(10, 10, Duration.ofSeconds(1)))
 *         .listener(new RateLimiterListener() {
 *             @Override public void onRejected(String limiter, Object key, long permits, long nanosToWait) {
 *                 rejected.increment();
 *             }
 *         })
 *         .build();
 * }</pre>
 *
 * <p>A limiter built without a listener does not call one at all: it costs nothing on the hot path.
 */
public interface RateLimiterListener {

    /**
     * Permits were taken.
     *
     * @param limiter the limiter's name
     * @param key     the key (the limiter's name for a limiter without keys)
     * @param permits the permits taken
     */
    default void onPermitted(String limiter, Object key, long permits) {}

    /**
     * A request was refused.
     *
     * @param limiter     the limiter's name
     * @param key         the key (the limiter's name for a limiter without keys)
     * @param permits     the permits asked for
     * @param nanosToWait the nanoseconds until they could be taken
     */
    default void onRejected(String limiter, Object key, long permits, long nanosToWait) {}

    /**
     * A blocking or asynchronous acquisition got its permits after waiting.
     *
     * @param limiter     the limiter's name
     * @param key         the key (the limiter's name for a limiter without keys)
     * @param permits     the permits taken
     * @param waitedNanos how long it waited, on the limiter's ticker
     */
    default void onWaited(String limiter, Object key, long permits, long waitedNanos) {}

    /**
     * A distributed backend failed; a decision followed the limiter's {@link FailurePolicy}, and
     * {@code availablePermits} threw.
     *
     * @param limiter   the limiter's name
     * @param key       the key (the limiter's name for a limiter without keys)
     * @param failure   the failure, with the client's or driver's exception as its cause (the same object that is
     *                  thrown under {@link FailurePolicy#THROW})
     * @param permitted whether the request was let through anyway (fail open)
     */
    default void onBackendFailure(String limiter, Object key, RateLimitBackendException failure, boolean permitted) {}
}
