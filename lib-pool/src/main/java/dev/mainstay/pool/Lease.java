package dev.mainstay.pool;

/**
 * One borrowed object: exclusive use of {@link #get()} until {@link #close()} gives it back.
 *
 * <pre>{@code
 * try (Lease<Socket> lease = pool.borrow()) {
 *     lease.get().getOutputStream().write(request);
 * }
 * }</pre>
 *
 * <p>A lease is valid from {@link Pool#borrow()} until the first {@link #close()} or {@link #evict()}; using it
 * afterwards is a bug. The pool recycles lease objects (that is how a borrow allocates nothing), so a stale lease
 * can refer to an object that someone else holds by now: the pool detects a second {@code close()} when it can
 * and throws {@link IllegalStateException}, but cannot promise to.
 *
 * @param <T> the type of the pooled object
 */
public interface Lease<T> extends AutoCloseable {

    /**
     * The borrowed object.
     *
     * @return the object, never {@code null}
     * @throws IllegalStateException if this lease has been returned already (detected when not raced)
     */
    T get();

    /**
     * Gives the object back: the pool resets it ({@link Lifecycle#reset(Object)}) and hands it to the longest
     * waiting borrower or keeps it idle.
     *
     * @throws IllegalStateException if this lease has been returned already (detected when not raced)
     */
    @Override
    void close();

    /**
     * Gives the object back as broken: the pool destroys it instead of lending it again, and makes a replacement
     * if borrowers need one.
     *
     * @throws IllegalStateException if this lease has been returned already (detected when not raced)
     */
    void evict();
}
