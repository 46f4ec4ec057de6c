package dev.mainstay.idempotency;

import java.util.Objects;

/**
 * What {@link Idempotency#execute} answers: the response, and whether it was replayed from an earlier execution.
 *
 * <pre>{@code
 * IdempotencyResult result = idempotency.execute("user:42", key, fingerprint, claim -> charge());
 * if (result.replayed()) {
 *     headers.set("Idempotent-Replayed", "true");
 * }
 * send(result.response());
 * }</pre>
 *
 * @param response the response: just produced, or stored by an earlier execution
 * @param replayed true when the response was stored by an earlier execution
 */
public record IdempotencyResult(StoredResponse response, boolean replayed) {

    /**
     * Checks the response is present.
     *
     * @param response the response
     * @param replayed whether it was replayed
     */
    public IdempotencyResult {
        Objects.requireNonNull(response, "response");
    }
}
