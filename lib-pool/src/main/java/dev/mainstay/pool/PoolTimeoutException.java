package dev.mainstay.pool;

import dev.mainstay.pool.internal.Nullable;
import java.time.Duration;
import java.util.Objects;

/**
 * A borrower waited as long as it was allowed to and got no object, or was interrupted while waiting.
 *
 * <p>The message is a diagnosis: the pool's name, how many objects are in use, idle and allowed at most, how many
 * borrowers are waiting, whether a creation is running, the last creation failure and, when leak detection is on,
 * the borrowers that have held their objects longest with the stack where they borrowed. The last creation failure
 * (if any happened since the last success) is also the {@link #getCause() cause}; when the wait was interrupted,
 * the cause is the {@link InterruptedException} and the thread's interrupt flag is set again.
 *
 * <pre>{@code
 * try (Lease<Socket> lease = pool.borrow(Duration.ofMillis(200))) {
 *     use(lease.get());
 * } catch (PoolTimeoutException e) {
 *     log.warn(e.getMessage());   // "pool 'orders' timed out after 200 ms: 10 in use, 0 idle, max 10, 3 waiting, ..."
 * }
 * }</pre>
 */
public final class PoolTimeoutException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The pool's name. */
    private final String poolName;

    /** How long the borrower waited, in nanoseconds. */
    private final long waitedNanos;

    /**
     * Makes the exception.
     *
     * @param poolName the pool's name
     * @param waited how long the borrower waited
     * @param message the full diagnosis
     * @param cause the last creation failure, the interruption, or {@code null}
     */
    public PoolTimeoutException(String poolName, Duration waited, String message, @Nullable Throwable cause) {
        super(message, cause);
        this.poolName = Objects.requireNonNull(poolName, "poolName");
        this.waitedNanos = Objects.requireNonNull(waited, "waited").toNanos();
    }

    /**
     * The name of the pool that had no object to lend.
     *
     * @return the pool's name
     */
    public String poolName() {
        return poolName;
    }

    /**
     * How long the borrower waited before giving up.
     *
     * @return the wait
     */
    public Duration waited() {
        return Duration.ofNanos(waitedNanos);
    }
}
