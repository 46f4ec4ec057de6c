package dev.mainstay.retry;

/**
 * Hears a {@link CircuitBreaker}'s state transitions and refused calls. Methods default to doing nothing. They run
 * on the thread that caused the event. Calls that are permitted raise no event, so a listener costs nothing on the
 * success path. A listener that throws is caught and logged once through {@code System.Logger}, with the listener's class; it never changes the outcome and never propagates.
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

    /**
     * The breaker moved from {@code from} to {@code to}. Called once per transition, by the thread that made it.
     *
     * @param name the breaker's name
     * @param from the state it left
     * @param to the state it entered
     */
    default void onStateTransition(String name, CircuitBreaker.State from, CircuitBreaker.State to) {}

    /**
     * The breaker refused a call while in {@code state}.
     *
     * @param name the breaker's name
     * @param state the state that refused it
     */
    default void onCallNotPermitted(String name, CircuitBreaker.State state) {}
}
