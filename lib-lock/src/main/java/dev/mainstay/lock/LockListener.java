package dev.mainstay.lock;

/**
 * Hears what a lock does. Every method has a no-op default; implement the ones you need.
 * A listener that throws is caught and logged once through {@code System.Logger}, with the listener's class; it never changes the outcome and never propagates.
 *
 * <pre>{@code
 * LongAdder lost = new LongAdder();
 * DistributedLock locks = DistributedLock.builder()
 *         .listener(new LockListener() {
 *             @Override public void onLost(String lock, String name, long token, LockLostException cause) {
 *                 lost.increment();
 *             }
 *         })
 *         .build();
 * }</pre>
 */
public interface LockListener {

    /**
     * A lock was granted.
     *
     * @param lock        the lock service's name
     * @param name        the lock's name
     * @param token       the grant's fencing token
     * @param waitedNanos how long the caller waited, on the ticker ({@code 0} for a first-try grant)
     */
    default void onAcquired(String lock, String name, long token, long waitedNanos) {}

    /**
     * An acquire with a timeout gave up: the lock stayed held by someone else for the whole wait, and the caller
     * gets a {@link LockTimeoutException}. A {@code tryAcquire} without a wait that finds the lock held is not a
     * timeout and is not reported.
     *
     * @param lock        the lock service's name
     * @param name        the lock's name
     * @param waitedNanos how long the caller waited, on the ticker
     */
    default void onAcquireTimedOut(String lock, String name, long waitedNanos) {}

    /**
     * A grant was released while still held.
     *
     * @param lock  the lock service's name
     * @param name  the lock's name
     * @param token the grant's fencing token
     */
    default void onReleased(String lock, String name, long token) {}

    /**
     * A handle found its lock lost: on extend, renewal or release.
     *
     * @param lock  the lock service's name
     * @param name  the lock's name
     * @param token the lost grant's fencing token
     * @param cause the exception that reports it
     */
    default void onLost(String lock, String name, long token, LockLostException cause) {}

    /**
     * The backend failed.
     *
     * @param lock    the lock service's name
     * @param name    the lock's name
     * @param failure the module's exception, whose cause is the backend's
     */
    default void onBackendFailure(String lock, String name, LockBackendException failure) {}
}
