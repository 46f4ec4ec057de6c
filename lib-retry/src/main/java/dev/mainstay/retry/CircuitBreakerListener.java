package dev.mainstay.retry;

/**
 * Hears a {@link CircuitBreaker}'s state transitions and refused calls. Methods default to doing nothing. They run
 * on the thread that caused the event; an exception a listener throws is caught and ignored. Calls that are
 * permitted raise no event, so a listener costs nothing on the success path.
 *
 * <pre>{@code
 * CircuitBreaker breaker = CircuitBreaker.builder()
 *         .listener(new CircuitBreakerListener() {
 *             @Override public void onStateTransition(String name, CircuitBreaker.State from, CircuitBreaker.State to) {
 *                 log.warn("breaker {}: {} -> {}", name, from, to);
 *             }
 *         })
 *         .build();
 * }</pre>
 */
public interface CircuitBreakerListener {

    /** The breaker moved from {@code from} to {@code to}. Called once per transition, by the thread that made it. */
    default void onStateTransition(String name, CircuitBreaker.State from, CircuitBreaker.State to) {}

    /** The breaker refused a call while in {@code state}. */
    default void onCallNotPermitted(String name, CircuitBreaker.State state) {}
}
