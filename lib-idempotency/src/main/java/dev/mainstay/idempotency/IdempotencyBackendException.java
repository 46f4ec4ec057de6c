package dev.mainstay.idempotency;

import dev.mainstay.idempotency.internal.Nullable;

/**
 * The store failed: the database or Redis could not be reached, timed out or refused the statement (HTTP 503).
 * The cause is the driver's or client's exception. Nothing is retried inside the module.
 *
 * <pre>{@code
 * try {
 *     idempotency.execute("user:42", key, fingerprint, claim -> charge(body));
 * } catch (IdempotencyBackendException e) {
 *     log.error(e.operation() + " on " + e.backend() + " failed", e.getCause());
 * }
 * }</pre>
 */
public final class IdempotencyBackendException extends IdempotencyException {

    private static final long serialVersionUID = 1L;

    private final String operation;
    private final String backend;

    /**
     * An exception for a failed operation.
     *
     * @param operation the operation, e.g. {@code "claim"}, {@code "complete"}
     * @param backend   the backend, e.g. {@code "PostgreSQL"}, {@code "Redis"}
     * @param scope     the key's scope, or null
     * @param key       the key, or null
     * @param cause     the driver's or client's exception, or null when the store itself refused (e.g. full)
     * @param detail    what happened, or null to use the cause's message
     */
    public IdempotencyBackendException(String operation, String backend, @Nullable String scope, @Nullable String key,
            @Nullable Throwable cause, @Nullable String detail) {
        super("idempotency " + operation + " on " + backend + " failed"
                + (key != null ? " for key '" + key + "' of scope '" + scope + "'" : "") + ": "
                + (detail != null ? detail : cause != null ? cause.toString() : "unknown"), scope, key, cause);
        this.operation = operation;
        this.backend = backend;
    }

    /**
     * The failed operation: {@code claim}, {@code complete}, {@code release}, {@code savePoint},
     * {@code purge}, {@code schema} or {@code detect}.
     *
     * @return the operation
     */
    public String operation() {
        return operation;
    }

    /**
     * The backend that failed, e.g. {@code PostgreSQL}.
     *
     * @return the backend
     */
    public String backend() {
        return backend;
    }
}
