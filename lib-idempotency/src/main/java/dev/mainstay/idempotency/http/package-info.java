/**
 * HTTP: a {@code com.sun.net.httpserver} filter implementing the IETF {@code Idempotency-Key} draft, and a
 * {@code java.net.http} helper that gives a request one key for all its retries.
 *
 * <pre>{@code
 * context.getFilters().add(IdempotencyFilter.builder(idempotency).build());        // server
 * HttpRequest request = IdempotentRequests.withKey(HttpRequest.newBuilder(uri).POST(body).build()); // client
 * }</pre>
 *
 * <h2>Semantics</h2>
 * Unsafe methods ({@code POST}, {@code PATCH}) carry a key; the first request runs, its status, body and chosen
 * headers are stored, retries get them back with {@code Idempotent-Replayed: true}. 400 for a missing or invalid
 * key, 409 while the first request runs, 422 for a key reused with another request, 503 when the store is down:
 * each an {@code application/problem+json} body. Every answer advertises the retention in seconds in
 * {@code Idempotency-Key-Retention}.
 */
package dev.mainstay.idempotency.http;
