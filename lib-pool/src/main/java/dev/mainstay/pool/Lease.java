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
 * <p>A lease is valid from {@link Pool#borrow()} until the first {@link #close()} or {@link #evict()}, and it
 * stands for that one borrow only: every borrow gets its own lease, tied to the borrow by a claim stamp. Once the
 * lease is returned, it can never touch the object again, whoever holds the object next, also when the calls race:
 * <ul>
 *   <li>a second {@code close()} or {@code evict()} (from any thread, also racing the first) is a no-op, so closing
 *       in a {@code finally} block and by try-with-resources is harmless;</li>
 *   <li>{@link #get()} after the return throws {@link IllegalStateException}.</li>
 * </ul>
 * Exactly one {@code close()} or {@code evict()} of a lease takes effect. A lease may be returned from any thread:
 * ownership is the lease, not the thread.
 *
 * @param <T> the type of the pooled object
 */
public interface Lease<T> extends AutoCloseable {

    /**
     * The borrowed object.
     *
     * @return the object, never {@code null}
     * @throws IllegalStateException if this lease has been returned already
     */
    T get();

    /**
     * Gives the object back: the pool resets it ({@link Lifecycle#reset(Object)}) and hands it to the longest
     * waiting borrower or keeps it idle. A no-op if this lease has been returned already.
     */
    @Override
    void close();

    /**
     * Gives the object back as broken: the pool destroys it instead of lending it again, and makes a replacement
     * if borrowers need one. A no-op if this lease has been returned already: a stale lease never evicts the object
     * from its next holder.
     */
    void evict();
}
