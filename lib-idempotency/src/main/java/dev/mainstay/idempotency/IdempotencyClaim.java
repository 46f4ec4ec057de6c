package dev.mainstay.idempotency;

import dev.mainstay.idempotency.internal.Checks;
import dev.mainstay.idempotency.internal.Nullable;
import java.util.Optional;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The hold of one execution on a key, handed to the {@link Idempotency.Action}: tied to one attempt number (a
 * fencing token), checked by the store on every operation.
 *
 * <pre>{@code
 * idempotency.execute("user:42", key, fingerprint, claim -> {
 *     if (claim.recoveryPoint().isEmpty()) {          // a first attempt, or a crash before the first point
 *         orders.create(orderId);
 *         claim.savePoint("order-created");           // also renews the lease
 *     }
 *     payments.charge(orderId);                        // resumes here after a crash past "order-created"
 *     return StoredResponse.ofText("charged");
 * });
 * }</pre>
 *
 * <p>The executor completes the claim with the action's response, or closes it (releasing the key) when the action
 * fails. {@link #close()} is safe from any thread and any number of times: only the first close of an open claim
 * releases the key, and only if this attempt still holds it; a second close, a close after completion, or a close
 * after another attempt took the key over is a <b>no-op</b> that never touches the newer holder's record. A
 * {@link #savePoint} of a stale attempt <b>throws</b> {@link IdempotencyLeaseLostException} and writes nothing.
 */
public final class IdempotencyClaim implements AutoCloseable {

    private static final int OPEN = 0;
    private static final int COMPLETED = 1;
    private static final int CLOSED = 2;
    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(IdempotencyClaim.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Executor executor;
    private final String scope;
    private final String key;
    private final long attempt;
    private volatile @Nullable String recoveryPoint;
    @SuppressWarnings("unused") // through STATE
    private volatile int state = OPEN;

    IdempotencyClaim(Executor executor, String scope, String key, long attempt, @Nullable String recoveryPoint) {
        this.executor = executor;
        this.scope = scope;
        this.key = key;
        this.attempt = attempt;
        this.recoveryPoint = recoveryPoint;
    }

    /**
     * The key's scope.
     *
     * @return the scope
     */
    public String scope() {
        return scope;
    }

    /**
     * The key.
     *
     * @return the key
     */
    public String key() {
        return key;
    }

    /**
     * This execution's attempt number: 1 for the first, one more for each takeover of an expired lease or release.
     *
     * @return the attempt number
     */
    public long attempt() {
        return attempt;
    }

    /**
     * The last recovery point: saved by this claim, or by an earlier attempt of the same request.
     *
     * @return the recovery point, or empty when none was saved
     */
    public Optional<String> recoveryPoint() {
        return Optional.ofNullable(recoveryPoint);
    }

    /**
     * Saves a recovery point (a re-execution after a crash resumes from it) and renews the lease.
     *
     * @param name the point's name: 1 to 255 characters, no control characters
     * @throws IdempotencyLeaseLostException if this attempt no longer holds the key
     * @throws IllegalStateException         if the claim was completed or closed
     * @throws IdempotencyBackendException   if the store failed
     */
    public void savePoint(String name) {
        Checks.key("name", name);
        if (state != OPEN) {
            throw new IllegalStateException("claim of key '" + key + "' attempt " + attempt + " is "
                    + (state == COMPLETED ? "completed" : "closed"));
        }
        if (!executor.savePoint(this, name)) {
            throw executor.leaseLost(this, "savePoint");
        }
        recoveryPoint = name;
    }

    /** Stores the response; the executor's step after the action. */
    void complete(StoredResponse response) {
        executor.checkSize(response);
        if (!STATE.compareAndSet(this, OPEN, COMPLETED)) {
            throw new IllegalStateException("claim of key '" + key + "' attempt " + attempt + " is "
                    + (state == COMPLETED ? "already completed" : "closed"));
        }
        if (!executor.completeInStore(this, response)) {
            throw executor.leaseLost(this, "complete");
        }
    }

    /**
     * Releases the key for a retry, if this claim is open and its attempt still holds the key; otherwise does
     * nothing.
     *
     * @throws IdempotencyBackendException if the store failed
     */
    @Override
    public void close() {
        if (STATE.compareAndSet(this, OPEN, CLOSED)) {
            executor.releaseInStore(this);
        }
    }

    @Override
    public String toString() {
        return "IdempotencyClaim[" + scope + "/" + key + ", attempt " + attempt + ", "
                + switch (state) {
                    case OPEN -> "open";
                    case COMPLETED -> "completed";
                    default -> "closed";
                } + "]";
    }
}
