package dev.mainstay.lock;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * One grant of a lock: the proof of holding it, with its fencing token and lease. Ownership is the handle, never
 * the thread: any thread may extend, check or release it. Not reentrant: a second {@code acquire} of the same name
 * waits like any other owner, even on the same thread.
 *
 * <pre>{@code
 * try (LockHandle lock = locks.acquire("invoice:42", Duration.ofSeconds(30), Duration.ofSeconds(2))) {
 *     storage.write(invoice, lock.token());      // the storage rejects tokens lower than one it has seen
 * }                                              // release: throws LockLostException if the lease had ended
 * }</pre>
 *
 * <p><b>Stale use is safe.</b> Every remote operation is compare-and-act on this grant's owner id and token, so a
 * handle whose lease ended can never extend or release a later grant of the same name. A second {@link #release()}
 * or {@link #close()} is a no-op with no round trip (it returns {@code false}, it does not throw), from any thread.
 * {@link #extend} after release throws {@link IllegalStateException}.
 */
public interface LockHandle extends AutoCloseable {

    /**
     * The lock's name.
     *
     * @return the name
     */
    String name();

    /**
     * The fencing token: strictly greater than the token of every earlier grant of the same name, on every backend
     * (see each backend's note for what survives a server's loss of data). Hand it to whatever the lock guards,
     * and let that reject lower tokens ({@link FencedResource}).
     *
     * @return the token, {@code > 0}
     */
    long token();

    /**
     * Whether the lease is safely this handle's still: not released, not found lost, and the local deadline (the
     * lease measured from before the request was sent, minus the safety margin) not yet passed. Costs one ticker
     * read and no round trip. {@code true} means no other owner can have been granted the lock, unless clocks drift
     * by more than the margin or the backend lost data; {@code false} means stop touching the guarded resource.
     *
     * @return whether it is still safe to act as the holder
     */
    boolean isHeld();

    /**
     * What is left of the lease by the local deadline; {@link Duration#ZERO} once {@link #isHeld()} is false.
     *
     * @return the time left
     */
    Duration remaining();

    /**
     * Extends the lease to {@code lease} from now (by the backend's clock). One round trip.
     *
     * @param lease the new lease, {@code > 0}
     * @throws LockLostException     if the lease had already ended or another owner holds the lock
     * @throws LockBackendException  if the backend failed (the lease is unchanged or extended; it is unknown)
     * @throws IllegalStateException if this handle was released
     */
    void extend(Duration lease);

    /**
     * Keeps the lease alive until release: a watchdog extends it by the lease it was granted with, every third of
     * that lease, on the lock's scheduler (renewals due together go to the backend together where it can batch
     * them). If a renewal finds the lock lost, or the backend keeps failing until the local deadline passes,
     * renewal stops and {@code onLost} runs once on the scheduler's thread; stop the guarded work then. Renewal
     * stops the moment the handle is released, before the release is sent. Calling it again replaces the callback.
     *
     * @param onLost called once, with a {@link LockLostException}, when the lock is lost while renewing
     * @return this handle
     * @throws IllegalStateException if this handle was released
     */
    LockHandle renewAutomatically(Consumer<? super LockLostException> onLost);

    /**
     * Releases the lock: compare-and-delete on this grant's owner and token, one round trip. Stops renewal first.
     *
     * @return {@code true} if this call released a lock still held; {@code false} if the lease had ended (or
     *         another owner held the lock) before it, or if the handle was released before. In memory, where one
     *         clock rules, a lease that ended with nobody taking the lock since still counts as held: no other
     *         grant was made in between.
     * @throws LockBackendException if the backend failed (the lease then ends on its own)
     */
    boolean release();

    /**
     * {@link #release()}, for try-with-resources, saying loudly when the lock had been lost: work done under it may
     * have overlapped with another holder's. A second close does nothing.
     *
     * @throws LockLostException    if the first release found the lease had ended
     * @throws LockBackendException if the backend failed
     */
    @Override
    void close();
}
