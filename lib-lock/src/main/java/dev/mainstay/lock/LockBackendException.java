package dev.mainstay.lock;

import dev.mainstay.lock.internal.Nullable;

/**
 * The lock's backend failed: a connection was refused or lost, a statement or script failed, a call timed out.
 * {@link #getCause()} is the client's or driver's exception, and {@link #operation()} names what was being done.
 * Nothing is retried inside the module; whether the lock was taken, extended or released is unknown to the caller
 * (a lease that was taken expires on its own).
 */
public final class LockBackendException extends LockException {

    private static final long serialVersionUID = 1L;

    private final String operation;

    /**
     * A backend failure.
     *
     * @param operation what was being done: {@code "acquire"}, {@code "extend"}, {@code "release"}, ...
     * @param lockName  the lock's name
     * @param backend   the backend, e.g. {@code "Redis"} or {@code "PostgreSQL"}
     * @param cause     the backend's exception
     */
    public LockBackendException(String operation, String lockName, String backend, @Nullable Throwable cause) {
        super(lockName, operation + " of lock '" + lockName + "' failed on " + backend + ": " + cause, cause);
        this.operation = operation;
    }

    /**
     * What was being done: {@code "acquire"}, {@code "extend"}, {@code "release"}, {@code "renew"} or
     * {@code "createSchema"}.
     *
     * @return the operation
     */
    public String operation() {
        return operation;
    }
}
