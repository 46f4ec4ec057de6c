package dev.mainstay.idempotency;

import java.time.Duration;
import java.util.Optional;

/**
 * Another execution holds the key and has not finished (HTTP 409 Conflict). Retry later with the same key.
 *
 * <pre>{@code
 * try {
 *     idempotency.execute("user:42", key, fingerprint, claim -> charge(body));
 * } catch (IdempotencyInProgressException e) {
 *     long retryAfterSeconds = e.remainingLease().map(Duration::toSeconds).orElse(1L) + 1;
 * }
 * }</pre>
 */
public final class IdempotencyInProgressException extends IdempotencyException {

    private static final long serialVersionUID = 1L;

    private final long remainingNanos;

    /**
     * An exception for the key {@code (scope, key)}.
     *
     * @param scope          the key's scope
     * @param key            the key
     * @param remainingNanos what is left of the holder's lease in nanoseconds, or a negative number if unknown
     */
    public IdempotencyInProgressException(String scope, String key, long remainingNanos) {
        super("idempotency key '" + key + "' of scope '" + scope + "' is in progress"
                + (remainingNanos >= 0 ? " (lease ends in " + Duration.ofNanos(remainingNanos) + ")" : ""),
                scope, key, null);
        this.remainingNanos = remainingNanos;
    }

    /**
     * What was left of the holder's lease when the store answered, if the store knows it.
     *
     * @return the remaining lease
     */
    public Optional<Duration> remainingLease() {
        return remainingNanos < 0 ? Optional.empty() : Optional.of(Duration.ofNanos(remainingNanos));
    }
}
