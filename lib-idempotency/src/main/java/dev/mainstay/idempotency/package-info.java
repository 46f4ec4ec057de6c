/**
 * Idempotency keys: run an operation once per key, store its response, replay it to every retry.
 *
 * <pre>{@code
 * Idempotency idempotency = Idempotency.builder(InMemoryIdempotencyStore.ofDefaults()).build();
 * IdempotencyResult result = idempotency.execute("user:42", idempotencyKey, Fingerprint.sha256(body),
 *         claim -> StoredResponse.ofText(payments.charge(body)));
 * }</pre>
 *
 * <h2>Model</h2>
 * A record is keyed by {@code (scope, key)}: the scope is the tenant or user, so two users' keys never collide and
 * never replay each other's responses. Keys and scopes are 1 to 255 characters without control characters. A record
 * holds the request's {@link dev.mainstay.idempotency.Fingerprint} (SHA-256 built in) and is
 * <ul>
 *   <li><b>in progress</b>: an execution holds a lease (a deadline on the store's clock) and an attempt number, the
 *       fencing token every later write is checked against;</li>
 *   <li><b>completed</b>: the {@link dev.mainstay.idempotency.StoredResponse} (status, chosen headers, body; at
 *       most {@code maxResponseBytes}, 64 KiB by default) is stored and replayed;</li>
 *   <li><b>released</b>: the execution failed with an exception the user did not choose to store, and a retry may
 *       execute again;</li>
 * </ul>
 * and is forgotten after its retention (24 h by default) from its last change.
 *
 * <h2>Guarantees</h2>
 * <ul>
 *   <li>At most one execution holds a key at a time: a live lease is never taken over. Concurrent duplicates get
 *       {@link dev.mainstay.idempotency.IdempotencyInProgressException} (409), or wait with backoff for the
 *       response when {@code waitFor} is set.</li>
 *   <li>A key reused with another fingerprint gets {@link dev.mainstay.idempotency.IdempotencyKeyReuseException}
 *       (422) whatever state the record is in.</li>
 *   <li>An in-progress record whose lease has passed (a crashed or stalled holder) is claimed again with the next
 *       attempt number; the stale holder's completion is then refused
 *       ({@link dev.mainstay.idempotency.IdempotencyLeaseLostException}) and writes nothing. A stalled holder's side
 *       effects may therefore happen twice: choose the lease longer than the operation, renew it with
 *       {@code savePoint}, or use the JDBC store's transactional mode, where the side effects and the completion
 *       commit together.</li>
 *   <li>Recovery points saved by an attempt are handed to the next attempt of the same request.</li>
 * </ul>
 *
 * <h2>Cost</h2>
 * A first execution is two store operations (claim, complete), a replay one, a conflicting duplicate one, a
 * released failure two (claim, release). In memory a claim of a new key is one {@code putIfAbsent}, any other step
 * one atomic update of the key's map entry; a replay of a completed key is one map read and one clock read, and
 * answers the result made when the key completed, allocating nothing. A first execution allocates the record
 * twice (claimed, completed), the claim handle, the map entry and the two results (the one returned and the one
 * replays answer). Server round trips per backend are in the
 * {@code jdbc} and {@code redis} package notes.
 *
 * <h2>Not supported</h2>
 * Renewing a lease without a recovery point; streaming responses (they are stored whole); a record that outlives
 * its retention.
 *
 * <p>All parameters and return values are non-null unless a method says otherwise.
 */
package dev.mainstay.idempotency;
