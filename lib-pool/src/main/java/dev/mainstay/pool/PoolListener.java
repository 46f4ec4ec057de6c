package dev.mainstay.pool;

import java.time.Duration;

/**
 * Hears what a {@link Pool} does, for metrics and logs. Every method has a no-op default; implement the ones you
 * need. The pool calls them on its slow paths only (a borrow that had to wait, creation, destruction, timeouts,
 * leaks), never on a borrow that found an idle object, so a listener costs nothing on the hot path.
 *
 * <p>Methods are called on the thread where the event happened (a borrower or a pool thread) and should be quick.
 * A listener that throws is caught and logged once through {@code System.Logger}, with the listener's class; it never changes the outcome and never propagates.
 * (Logger {@code dev.mainstay.pool}: the first failure at WARNING with its stack trace, later ones at DEBUG.)
 *
 * <pre>{@code
 * PoolListener listener = new PoolListener() {
 *     @Override public void onBorrowTimedOut(String pool, Duration waited) { timeouts.increment(); }
 * };
 * Pool<Socket> pool = Pool.builder(sockets).listener(listener).build();
 * }</pre>
 */
public interface PoolListener {

    /**
     * An object was created.
     *
     * @param pool the pool's name
     * @param took how long {@link Lifecycle#create()} ran
     */
    default void onCreated(String pool, Duration took) {}

    /**
     * {@link Lifecycle#create()} failed; the pool will try again after a back-off.
     *
     * @param pool the pool's name
     * @param failure what {@code create} threw
     * @param consecutiveFailures failures in a row, including this one
     */
    default void onCreateFailed(String pool, Throwable failure, int consecutiveFailures) {}

    /**
     * An object was destroyed.
     *
     * @param pool the pool's name
     * @param reason why: {@code "evicted"}, {@code "invalid"}, {@code "expired"}, {@code "idle"}, {@code "reset failed"},
     *     {@code "resized"}, {@code "leaked"}, {@code "closed"}
     */
    default void onDestroyed(String pool, String reason) {}

    /**
     * A borrower found no idle object and had to wait, and then got one.
     *
     * @param pool the pool's name
     * @param waited how long it waited
     */
    default void onBorrowWaited(String pool, Duration waited) {}

    /**
     * A borrower gave up: its {@link PoolTimeoutException} is about to be thrown.
     *
     * @param pool the pool's name
     * @param waited how long it waited
     */
    default void onBorrowTimedOut(String pool, Duration waited) {}

    /**
     * An object has been held longer than the leak-detection threshold. Reported once per borrow.
     *
     * @param pool the pool's name
     * @param heldFor how long it has been held so far
     * @param borrowedAt where it was borrowed (a stack trace captured at the borrow)
     */
    default void onLeakSuspected(String pool, Duration heldFor, Throwable borrowedAt) {}
}
