package dev.mainstay.idempotency;

/**
 * A stale execution tried to complete (or save a recovery point for) a key whose record no longer carries its
 * attempt number: its lease expired and another execution claimed the key, or the record was released or expired.
 * Nothing was written. The work this execution did may need compensating; the newer attempt owns the key.
 *
 * <pre>{@code
 * try {
 *     claim.savePoint("charged");
 * } catch (IdempotencyLeaseLostException e) {
 *     log.warn("attempt " + e.attempt() + " lost its lease; not stored");
 * }
 * }</pre>
 */
public final class IdempotencyLeaseLostException extends IdempotencyException {

    private static final long serialVersionUID = 1L;

    private final long attempt;

    /**
     * An exception for attempt {@code attempt} of the key {@code (scope, key)}.
     *
     * @param scope     the key's scope
     * @param key       the key
     * @param attempt   the stale attempt number
     * @param operation what was refused, e.g. {@code "complete"}
     */
    public IdempotencyLeaseLostException(String scope, String key, long attempt, String operation) {
        super(operation + " of idempotency key '" + key + "' of scope '" + scope + "' refused: attempt " + attempt
                + " no longer holds the key", scope, key, null);
        this.attempt = attempt;
    }

    /**
     * The stale attempt number.
     *
     * @return the attempt
     */
    public long attempt() {
        return attempt;
    }
}
