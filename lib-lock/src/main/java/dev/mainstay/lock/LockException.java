package dev.mainstay.lock;

import dev.mainstay.lock.internal.Nullable;

/**
 * Something went wrong with a lock. Three kinds, each final, so that a caller can answer each its own way:
 * <ul>
 *   <li>{@link LockTimeoutException}: the lock stayed held by another owner for the whole wait (a refusal: 409 or
 *       "try later");</li>
 *   <li>{@link LockLostException}: a handle's lease had ended, or another owner took the lock, before an
 *       {@code extend} or {@code close} (work done under the handle may have overlapped with another holder's);</li>
 *   <li>{@link LockBackendException}: the backend (Redis, the database) failed; the cause is its exception
 *       (503: the lock service is unavailable).</li>
 * </ul>
 *
 * <pre>{@code
 * try (LockHandle lock = locks.acquire("nightly-report", Duration.ofMinutes(1), Duration.ofSeconds(5))) {
 *     writeReport(lock.token());
 * } catch (LockTimeoutException e) {
 *     // somebody else is writing it
 * } catch (LockBackendException e) {
 *     // the lock service is down: e.getCause() says why
 * }
 * }</pre>
 */
public abstract sealed class LockException extends RuntimeException
        permits LockBackendException, LockLostException, LockTimeoutException {

    private static final long serialVersionUID = 1L;

    private final String lockName;

    LockException(String lockName, String message, @Nullable Throwable cause) {
        super(message, cause);
        this.lockName = lockName;
    }

    /**
     * The name of the lock concerned.
     *
     * @return the lock's name
     */
    public String lockName() {
        return lockName;
    }
}
