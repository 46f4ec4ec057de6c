package dev.mainstay.ratelimit.internal;

import dev.mainstay.ratelimit.RateLimitBackendException;
import dev.mainstay.ratelimit.RateLimiterConfig;
import dev.mainstay.ratelimit.RateLimiterListener;

/**
 * Tells a rate limiter's listener and JFR what it decided, for the limiter with keys and the one without alike.
 * A limiter built without a listener calls none (one null check). A listener that throws is caught and handed to
 * {@link ListenerFailures}: the decision, already made, stands.
 */
public final class RateReporter {

    private final String name;
    private final @Nullable RateLimiterListener listener; // null when there is none: no call at all
    private final ListenerFailures failures;     // null when there is no listener

    /**
     * The reporter of a limiter with these settings.
     *
     * @param config the settings
     */
    public RateReporter(RateLimiterConfig config) {
        this.name = config.name();
        if (config.listener() == RateLimiterConfig.NO_LISTENER) {
            this.listener = null;
            this.failures = new ListenerFailures("rate limiter '" + name + "'", config.listener());
        } else {
            this.listener = config.listener();
            this.failures = new ListenerFailures("rate limiter '" + name + "'", listener);
        }
    }

    /**
     * Reports a non-blocking decision.
     *
     * @param key     the key (the limiter's name for a limiter without keys)
     * @param permits the permits asked for
     * @param result  {@code >= 0} when taken; {@code -nanosToWait} when refused
     * @return {@code 0} when taken, else the nanoseconds to wait
     */
    public long decided(Object key, long permits, long result) {
        if (result >= 0) {
            if (listener != null) {
                permitted(key, permits);
            }
            return 0;
        }
        rejected(key, permits, -result);
        return -result;
    }

    /**
     * Reports the end of a blocking or asynchronous acquisition.
     *
     * @param key     the key (the limiter's name for a limiter without keys)
     * @param permits the permits asked for
     * @param result  as {@link Waiting#acquire} answers: the nanoseconds waited, or {@code -nanosToWait}
     * @return whether the permits were taken
     */
    public boolean waited(Object key, long permits, long result) {
        if (result < 0) {
            rejected(key, permits, -result);
            return false;
        }
        if (listener != null) {
            if (result > 0) {
                try {
                    listener.onWaited(name, key, permits, result);
                } catch (RuntimeException thrown) {
                    failures.threw(thrown);
                }
            } else {
                permitted(key, permits);
            }
        }
        return true;
    }

    private void permitted(Object key, long permits) {
        RateLimiterListener listener = this.listener;
        if (listener == null) {
            return;
        }
        try {
            listener.onPermitted(name, key, permits);
        } catch (RuntimeException thrown) {
            failures.threw(thrown);
        }
    }

    /**
     * Reports a refusal to the listener and JFR.
     *
     * @param key         the key
     * @param permits     the permits asked for
     * @param nanosToWait the wait told
     */
    public void rejected(Object key, long permits, long nanosToWait) {
        if (listener != null) {
            try {
                listener.onRejected(name, key, permits, nanosToWait);
            } catch (RuntimeException thrown) {
                failures.threw(thrown);
            }
        }
        Events.rejected(name, key, permits, nanosToWait);
    }

    /**
     * Reports a backend failure to the listener.
     *
     * @param key       the key
     * @param failure   the failure
     * @param permitted whether the request was let through anyway
     */
    public void backendFailure(Object key, RateLimitBackendException failure, boolean permitted) {
        if (listener != null) {
            try {
                listener.onBackendFailure(name, key, failure, permitted);
            } catch (RuntimeException thrown) {
                failures.threw(thrown);
            }
        }
    }
}
