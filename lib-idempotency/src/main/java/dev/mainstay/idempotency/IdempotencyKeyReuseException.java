package dev.mainstay.idempotency;

/**
 * The key was already used with a request of another fingerprint (HTTP 422 Unprocessable Content). Raised on every
 * path that finds the key: in progress, completed, or with its lease expired.
 *
 * <pre>{@code
 * idempotency.execute("user:42", "k1", Fingerprint.sha256("amount=10"), claim -> ok);
 * idempotency.execute("user:42", "k1", Fingerprint.sha256("amount=99"), claim -> ok); // throws this
 * }</pre>
 */
public final class IdempotencyKeyReuseException extends IdempotencyException {

    private static final long serialVersionUID = 1L;

    /**
     * An exception for the key {@code (scope, key)}.
     *
     * @param scope the key's scope
     * @param key   the key
     */
    public IdempotencyKeyReuseException(String scope, String key) {
        super("idempotency key '" + key + "' of scope '" + scope + "' was used with another request", scope, key,
                null);
    }
}
