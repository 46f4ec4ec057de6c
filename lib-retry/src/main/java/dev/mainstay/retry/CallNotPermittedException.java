package dev.mainstay.retry;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link CircuitBreaker} refused a call: it is open (or forced open, or its half-open probes are all taken).
 * The module's domain exception. {@link Retry} policies do not retry it unless told to.
 *
 * <pre>{@code
 * try {
 *     return breaker.get(() -> client.fetch());
 * } catch (CallNotPermittedException e) {
 *     return cached(); // e.breakerName(), e.state(), e.retryAfter() say why and for how long
 * }
 * }</pre>
 *
 * <p>It carries no stack trace (it is thrown on the fast path of an outage, and where it is thrown says nothing
 * the message does not).
 */
public final class CallNotPermittedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The name of the breaker that refused. */
    private final String breakerName;
    /** Its state when it refused. */
    private final CircuitBreaker.State state;
    /** Nanoseconds until a probe, or -1 if unknown. */
    private final long retryAfterNanos;

    /**
     * Creates the exception.
     *
     * @param breakerName the breaker's name
     * @param state the breaker's state when it refused
     * @param retryAfterNanos time until the breaker lets a probe through, or -1 if unknown (forced open, or
     *                        half-open with every probe taken)
     */
    public CallNotPermittedException(String breakerName, CircuitBreaker.State state, long retryAfterNanos) {
        super(message(Objects.requireNonNull(breakerName, "breakerName"), Objects.requireNonNull(state, "state"),
                retryAfterNanos), null, false, false);
        this.breakerName = breakerName;
        this.state = state;
        this.retryAfterNanos = retryAfterNanos;
    }

    private static String message(String name, CircuitBreaker.State state, long retryAfterNanos) {
        String base = "circuit breaker '" + name + "' is " + state + " and does not permit calls";
        if (retryAfterNanos >= 0) {
            return base + "; next probe in " + Duration.ofNanos(retryAfterNanos);
        }
        return state == CircuitBreaker.State.HALF_OPEN ? base + "; all probes are in flight" : base;
    }

    /**
     * The name of the breaker that refused.
     *
     * @return the breaker's name
     */
    public String breakerName() {
        return breakerName;
    }

    /**
     * The breaker's state when it refused.
     *
     * @return the state that refused
     */
    public CircuitBreaker.State state() {
        return state;
    }

    /**
     * How long until the breaker lets a probe through, when known (state OPEN).
     *
     * @return the time until the next probe, if known
     */
    public Optional<Duration> retryAfter() {
        return retryAfterNanos < 0 ? Optional.empty() : Optional.of(Duration.ofNanos(retryAfterNanos));
    }
}
