package dev.mainstay.lock;

import java.time.Duration;

/**
 * {@link DistributedLock#acquire} waited as long as it was allowed and the lock stayed held by another owner.
 * A refusal, not a failure: nothing is wrong with the backend.
 */
public final class LockTimeoutException extends LockException {

    private static final long serialVersionUID = 1L;

    private final Duration waited;

    /**
     * A wait that ran out.
     *
     * @param lockName the lock's name
     * @param waited   how long it waited
     */
    public LockTimeoutException(String lockName, Duration waited) {
        super(lockName, "lock '" + lockName + "' stayed held by another owner for " + waited, null);
        this.waited = waited;
    }

    /**
     * How long the caller waited.
     *
     * @return the wait
     */
    public Duration waited() {
        return waited;
    }
}
