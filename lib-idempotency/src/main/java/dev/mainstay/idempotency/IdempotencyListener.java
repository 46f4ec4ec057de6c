package dev.mainstay.idempotency;

/**
 * Hears what an {@link Idempotency} executor does. Every method has a no-op default; implement the ones you need.
 * Calls are made on the executing thread, after the fact.
 * A listener that throws is caught and logged once through {@code System.Logger}, with the listener's class; it never changes the outcome and never propagates.
 *
 * <pre>{@code
 * LongAdder staleCompletions = new LongAdder();
 * Idempotency idempotency = Idempotency.builder(store)
 *         .listener(new IdempotencyListener() {
 *             @Override public void onLeaseLost(String scope, String key, long attempt) {
 *                 staleCompletions.increment();
 *             }
 *         })
 *         .build();
 * }</pre>
 */
public interface IdempotencyListener {

    /**
     * An execution completed and its response was stored.
     *
     * @param scope   the scope
     * @param key     the key
     * @param attempt the attempt number
     */
    default void onExecuted(String scope, String key, long attempt) {}

    /**
     * A stored response was replayed.
     *
     * @param scope the scope
     * @param key   the key
     */
    default void onReplayed(String scope, String key) {}

    /**
     * A duplicate found the key in progress and gave up ({@link IdempotencyInProgressException}).
     *
     * @param scope the scope
     * @param key   the key
     */
    default void onInProgress(String scope, String key) {}

    /**
     * The key was reused with another fingerprint ({@link IdempotencyKeyReuseException}).
     *
     * @param scope the scope
     * @param key   the key
     */
    default void onKeyReuse(String scope, String key) {}

    /**
     * An execution failed and the key was given back for a retry.
     *
     * @param scope   the scope
     * @param key     the key
     * @param attempt the attempt number
     * @param failure what the execution threw
     */
    default void onReleased(String scope, String key, long attempt, Throwable failure) {}

    /**
     * A stale attempt's completion or recovery point was refused ({@link IdempotencyLeaseLostException}).
     *
     * @param scope   the scope
     * @param key     the key
     * @param attempt the stale attempt number
     */
    default void onLeaseLost(String scope, String key, long attempt) {}

    /**
     * The store failed ({@link IdempotencyBackendException}).
     *
     * @param failure the exception, naming the operation and backend
     */
    default void onBackendFailure(IdempotencyBackendException failure) {}
}
