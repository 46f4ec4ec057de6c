package dev.mainstay.lock;

import dev.mainstay.lock.internal.Nullable;

/**
 * A handle no longer holds its lock: its lease ended (no extend or renewal came in time, or the backend forgot it,
 * e.g. a Redis restart without persistence) and the lock may since have been granted to another owner. Thrown by
 * {@link LockHandle#extend} and by the first {@link LockHandle#close()} of such a handle, handed to the renewal
 * callback, and thrown by {@link FencedResource} when a write comes with a token lower than one it has seen.
 */
public final class LockLostException extends LockException {

    private static final long serialVersionUID = 1L;

    private final long token;

    /**
     * A lost lock.
     *
     * @param lockName the lock's name
     * @param token    the fencing token of the grant that was lost
     * @param what     what found it lost, e.g. {@code "release"}
     * @param cause    the backend failure that kept a renewal from coming in time, or {@code null}
     */
    public LockLostException(String lockName, long token, String what, @Nullable Throwable cause) {
        super(lockName, what + ": lock '" + lockName + "' (token " + token + ") is no longer held: its lease ended"
                + " or another owner took it" + (cause == null ? "" : " (renewal failed: " + cause + ")"), cause);
        this.token = token;
    }

    /**
     * The fencing token of the grant that was lost.
     *
     * @return the token
     */
    public long token() {
        return token;
    }
}
