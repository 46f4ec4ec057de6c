package dev.mainstay.ratelimit;

import dev.mainstay.ratelimit.internal.Nullable;

/**
 * The backend of a Redis or JDBC limiter failed: a connection was refused or lost, a statement or script failed, a
 * call timed out. {@link #getCause()} is the client's or driver's exception, and {@link #operation()} names what was
 * being done. Thrown by a decision only under {@link FailurePolicy#THROW} (the other policies let the request
 * through or refuse it, and tell the listener); always thrown by {@code availablePermits},
 * {@code deleteExpired} and {@code createSchemaIfMissing}. Nothing is retried inside the module. Answer it with
 * HTTP 503: the limit could not be checked, which says nothing about the caller.
 */
public final class RateLimitBackendException extends RateLimitException {

    private static final long serialVersionUID = 1L;

    private final String operation;

    /**
     * A backend failure.
     *
     * @param operation what was being done: {@code "acquire"}, {@code "availablePermits"}, ...
     * @param limiter   the limiter's name
     * @param key       the key concerned, or {@code null} for an operation on no one key
     * @param backend   the backend, e.g. {@code "Redis"} or {@code "the database"}
     * @param cause     the backend's exception
     */
    public RateLimitBackendException(String operation, String limiter, @Nullable Object key, String backend,
            @Nullable Throwable cause) {
        super(limiter, operation + " of rate limiter '" + limiter + "'" + (key == null ? "" : " for key '" + key
                + "'") + " failed on " + backend + ": " + cause, cause);
        this.operation = operation;
    }

    /**
     * What was being done: {@code "acquire"}, {@code "availablePermits"}, {@code "deleteExpired"} or
     * {@code "createSchema"}.
     *
     * @return the operation
     */
    public String operation() {
        return operation;
    }
}
