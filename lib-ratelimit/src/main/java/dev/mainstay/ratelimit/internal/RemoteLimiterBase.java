package dev.mainstay.ratelimit.internal;

import dev.mainstay.ratelimit.Decision;
import dev.mainstay.ratelimit.FailurePolicy;
import dev.mainstay.ratelimit.RateLimitBackendException;
import dev.mainstay.ratelimit.RateLimiterConfig;
import java.util.Objects;

/**
 * What the Redis and JDBC limiters share: one backend call per decision, and the {@link FailurePolicy} applied to
 * that call alone. A subclass runs the call in {@link #query}, wraps what the client or driver threw in
 * {@link Unavailable}, and decodes the reply outside of that wrapping: a reply that makes no sense is an
 * {@link IllegalStateException}, a bug that surfaces whatever the policy (it is never let through as an outage).
 *
 * @param <K> the key type
 */
public abstract class RemoteLimiterBase<K> extends KeyedLimiterBase<K> {

    private final FailurePolicy failurePolicy;
    private final String backend;

    /**
     * Takes the common settings.
     *
     * @param config        the settings
     * @param failurePolicy what a decision does when the backend call fails
     * @param backend       the backend's name for messages, e.g. {@code "Redis"}
     */
    protected RemoteLimiterBase(RateLimiterConfig config, FailurePolicy failurePolicy, String backend) {
        super(config);
        this.failurePolicy = Objects.requireNonNull(failurePolicy, "failurePolicy");
        this.backend = backend;
    }

    /**
     * One decision on the backend.
     *
     * @param key     the key, non-null
     * @param permits the permits, {@code 0} to only look
     * @return the decoded reply
     * @throws Unavailable wrapping what the backend call itself threw; anything else thrown is a bug
     */
    protected abstract Reply query(K key, long permits) throws Unavailable;

    /**
     * A backend's decision, decoded.
     *
     * @param result      {@code >= 0}: taken, this many permits left; {@code < 0}: refused, {@code -nanosToWait}
     * @param available   the permits available after the decision
     * @param nanosToFull the nanoseconds until the limit is full again
     */
    public record Reply(long result, long available, long nanosToFull) {
        /**
         * Checks that the numbers make sense.
         *
         * @throws IllegalStateException if {@code available} or {@code nanosToFull} is negative
         */
        public Reply {
            if (available < 0 || nanosToFull < 0) {
                throw new IllegalStateException("a backend reply that makes no sense: available " + available
                        + ", nanos to full " + nanosToFull);
            }
        }
    }

    /** What the backend call threw (the cause): the one failure the {@link FailurePolicy} covers. */
    public static final class Unavailable extends Exception {
        private static final long serialVersionUID = 1L;

        /**
         * Wraps a backend failure.
         *
         * @param cause what the client or driver threw
         */
        public Unavailable(Exception cause) {
            super(null, cause, false, false);
        }
    }

    @Override
    protected final long attempt(K key, long permits, boolean wantRemaining) {
        Reply reply;
        try {
            reply = query(key, permits);
        } catch (Unavailable e) {
            return backendFailure(key, e) ? 0 : -limit().periodNanos();
        }
        return reply.result() >= 0 && !wantRemaining ? 0 : reply.result();
    }

    @Override
    protected final Decision decide(K key, long permits) {
        Reply reply;
        try {
            reply = query(key, permits);
        } catch (Unavailable e) {
            boolean permitted = backendFailure(key, e);
            return new Decision(permitted, permits, 0, permitted ? 0 : limit().periodNanos(), 0);
        }
        return reply.result() >= 0
                ? new Decision(true, permits, reply.result(), 0, reply.nanosToFull())
                : new Decision(false, permits, reply.available(), -reply.result(), reply.nanosToFull());
    }

    @Override
    public final long availablePermits(K key) {
        Objects.requireNonNull(key, "key");
        try {
            return query(key, 0).available();
        } catch (Unavailable e) {
            RateLimitBackendException failure = failure("availablePermits", key, e);
            reportBackendFailure(key, failure, false);
            throw failure;
        }
    }

    /**
     * The module's exception for a failed backend call.
     *
     * @param operation what was being done
     * @param key       the key, or null
     * @param e         the wrapped failure
     * @return the exception, not thrown
     */
    protected final RateLimitBackendException failure(String operation, @Nullable Object key, Unavailable e) {
        return new RateLimitBackendException(operation, name, key, backend, e.getCause());
    }

    /** Applies the policy: tells the listener, then lets through, refuses, or throws. */
    private boolean backendFailure(K key, Unavailable e) {
        boolean permitted = failurePolicy == FailurePolicy.FAIL_OPEN;
        RateLimitBackendException failure = failure("acquire", key, e);
        reportBackendFailure(key, failure, permitted);
        if (failurePolicy == FailurePolicy.THROW) {
            throw failure;
        }
        return permitted;
    }
}
