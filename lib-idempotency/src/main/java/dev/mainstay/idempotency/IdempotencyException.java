package dev.mainstay.idempotency;

import dev.mainstay.idempotency.internal.Nullable;

/**
 * The module's domain failure. Each subclass is a different answer a caller gives its client:
 * <ul>
 *   <li>{@link IdempotencyInProgressException}: the first request with this key is still running (HTTP 409);</li>
 *   <li>{@link IdempotencyKeyReuseException}: the key was used with another request (HTTP 422);</li>
 *   <li>{@link IdempotencyLeaseLostException}: this execution's lease was taken over, its result was not stored;</li>
 *   <li>{@link IdempotencyBackendException}: the store failed (HTTP 503).</li>
 * </ul>
 *
 * <pre>{@code
 * try {
 *     return idempotency.execute("user:42", key, Fingerprint.sha256(body), claim -> charge(body)).response();
 * } catch (IdempotencyInProgressException e) {
 *     return conflict(e.remainingLease());          // 409
 * } catch (IdempotencyKeyReuseException e) {
 *     return unprocessable();                       // 422
 * } catch (IdempotencyBackendException e) {
 *     return unavailable();                         // 503
 * }
 * }</pre>
 */
public abstract sealed class IdempotencyException extends RuntimeException
        permits IdempotencyInProgressException, IdempotencyKeyReuseException, IdempotencyBackendException,
                IdempotencyLeaseLostException {

    private static final long serialVersionUID = 1L;

    private final @Nullable String scope;
    private final @Nullable String key;

    IdempotencyException(String message, @Nullable String scope, @Nullable String key, @Nullable Throwable cause) {
        super(message, cause);
        this.scope = scope;
        this.key = key;
    }

    /**
     * The scope of the key (the tenant or user), or {@code null} when the failure concerns no one key.
     *
     * @return the scope, or null
     */
    public @Nullable String scope() {
        return scope;
    }

    /**
     * The idempotency key, or {@code null} when the failure concerns no one key.
     *
     * @return the key, or null
     */
    public @Nullable String key() {
        return key;
    }
}
