package dev.mainstay.ratelimit;

/**
 * Hears what a {@link ConcurrencyLimiter} does. Every method has a no-op default; implement the ones you need.
 * Calls are made on the thread that acquired or released, so keep them short.
 * A listener that throws is caught and logged once through {@code System.Logger}, with the listener's class; it never changes the outcome and never propagates.
 *
 * <pre>{@code
 * AtomicInteger limit = new AtomicInteger();
 * ConcurrencyLimiter limiter = ConcurrencyLimiter.builder(ConcurrencyLimit.vegas())
 *         .listener(new ConcurrencyLimiterListener() {
 *             @Override public void onLimitChanged(String limiter, int oldLimit, int newLimit) {
 *                 limit.set(newLimit);                 // a gauge
 *             }
 *         })
 *         .build();
 * }</pre>
 *
 * <p>A limiter built without a listener does not call one at all: it costs nothing on the hot path.
 */
public interface ConcurrencyLimiterListener {

    /**
     * A slot was granted.
     *
     * @param limiter     the limiter's name
     * @param partition   the partition's name, or the limiter's name when none was asked for
     * @param inFlight    the calls in flight, this one included
     * @param waitedNanos how long the caller waited, on the ticker ({@code 0} for a first-try grant)
     */
    default void onAcquired(String limiter, String partition, int inFlight, long waitedNanos) {}

    /**
     * A call was refused (at once, or when its wait timed out).
     *
     * @param limiter   the limiter's name
     * @param partition the partition's name, or the limiter's name when none was asked for
     * @param inFlight  the calls in flight
     * @param limit     the limit in force
     */
    default void onRejected(String limiter, String partition, int inFlight, int limit) {}

    /**
     * A slot was released.
     *
     * @param limiter   the limiter's name
     * @param partition the partition's name, or the limiter's name when none was asked for
     * @param outcome   how the call ended
     * @param rttNanos  the round trip from grant to release, on the ticker
     */
    default void onReleased(String limiter, String partition, Outcome outcome, long rttNanos) {}

    /**
     * An adaptive limit moved.
     *
     * @param limiter  the limiter's name
     * @param oldLimit the limit before
     * @param newLimit the limit now
     */
    default void onLimitChanged(String limiter, int oldLimit, int newLimit) {}

    /** How a call held by a {@link Permit} ended. */
    enum Outcome {
        /** It succeeded; its round trip was a sample. */
        SUCCESS,
        /** It saw overload (a timeout, a 503). */
        DROPPED,
        /** It taught nothing. */
        IGNORED
    }
}
