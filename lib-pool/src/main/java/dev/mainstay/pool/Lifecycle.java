package dev.mainstay.pool;

/**
 * What a {@link Pool} needs to know about the objects it holds: how to make one, how to tell whether one still
 * works, how to clean one up when a borrower gives it back, and how to dispose of one.
 *
 * <p>Only {@link #create()} is required. The pool calls {@code create} and {@code destroy} on its own background
 * threads (never on a borrower's thread), {@code validate} on the borrowing thread (only when the object has been
 * idle longer than {@link Pool.Builder#validateAfterIdle(java.time.Duration)}) and on the background thread for
 * keepalive, and {@code reset} on the thread that returns the object. An exception thrown by {@code validate} or
 * {@code reset} counts as "this object is broken": the pool destroys it and never hands it out again.
 *
 * <pre>{@code
 * Lifecycle<Socket> sockets = new Lifecycle<>() {
 *     public Socket create() throws IOException { return new Socket("localhost", 7000); }
 *     public boolean validate(Socket s) { return s.isConnected() && !s.isClosed(); }
 *     public void destroy(Socket s) throws IOException { s.close(); }
 * };
 * }</pre>
 *
 * @param <T> the type of the pooled objects
 */
public interface Lifecycle<T> {

    /**
     * Makes a new object. Called on the pool's creator thread; may block (connect to a server) for as long as it
     * needs: borrowers wait on their own deadline, not on this call.
     *
     * @return a new object, never {@code null}
     * @throws Exception if no object could be made; the pool backs off and tries again, and the failure becomes the
     *     cause of the {@link PoolTimeoutException} of any borrower that gives up meanwhile
     */
    T create() throws Exception;

    /**
     * Tells whether {@code object} still works. The default returns {@code true}.
     *
     * @param object an object of this pool, held exclusively by the caller
     * @return {@code false} if the object must be destroyed
     * @throws Exception treated as {@code false}
     */
    default boolean validate(T object) throws Exception {
        return true;
    }

    /**
     * Undoes what a borrower may have changed, before the object becomes available again. The default does
     * nothing.
     *
     * @param object the object being returned, still held exclusively by the caller
     * @throws Exception if the object cannot be reset; it is then destroyed
     */
    default void reset(T object) throws Exception {}

    /**
     * Releases what {@code object} holds. Called once per created object, on a pool thread. The default does
     * nothing.
     *
     * @param object an object that this pool will never hand out again
     * @throws Exception logged and otherwise ignored
     */
    default void destroy(T object) throws Exception {}
}
