package dev.mainstay.idempotency.http;

import dev.mainstay.idempotency.IdempotencyKeyGenerator;
import dev.mainstay.idempotency.internal.Checks;
import java.net.http.HttpRequest;
import java.util.Objects;
import java.util.Optional;

/**
 * Gives a {@link java.net.http.HttpClient} request an {@code Idempotency-Key} once, so that every retry of the
 * same {@link HttpRequest} object sends the same key: build the request once, then send it as often as your retry
 * policy says.
 *
 * <pre>{@code
 * HttpRequest charge = IdempotentRequests.withKey(HttpRequest.newBuilder(uri)
 *         .timeout(Duration.ofSeconds(2))
 *         .POST(HttpRequest.BodyPublishers.ofString("{\"amount\":10}"))
 *         .build());                                  // Idempotency-Key: "<a UUIDv7>"
 * HttpResponse<String> response = retry.call(() -> client.send(charge, BodyHandlers.ofString()));
 * }</pre>
 *
 * <p>The key is sent as the draft's structured-field string: a UUIDv7 in double quotes. Thread-safe.
 */
public final class IdempotentRequests {

    private static final IdempotencyKeyGenerator UUID_V7 = IdempotencyKeyGenerator.uuidV7();

    private IdempotentRequests() {}

    /**
     * The request with a new UUIDv7 key, or the request itself if it has a key already.
     *
     * @param request the request
     * @return a request carrying a key
     */
    public static HttpRequest withKey(HttpRequest request) {
        Objects.requireNonNull(request, "request");
        return keyOf(request).isPresent() ? request : withKey(request, UUID_V7.next());
    }

    /**
     * The request with the given key (replacing any it had).
     *
     * @param request the request
     * @param key     1 to 255 characters without control characters, double quotes or backslashes
     * @return a request carrying the key
     */
    public static HttpRequest withKey(HttpRequest request, String key) {
        Objects.requireNonNull(request, "request");
        Checks.key("key", key);
        if (key.indexOf('"') >= 0 || key.indexOf('\\') >= 0) {
            throw new IllegalArgumentException("key must not contain '\"' or '\\' but was '" + key + "'");
        }
        return HttpRequest.newBuilder(request, (name, value) -> !name.equalsIgnoreCase(IdempotencyFilter.KEY_HEADER))
                .header(IdempotencyFilter.KEY_HEADER, '"' + key + '"')
                .build();
    }

    /**
     * The key a request carries.
     *
     * @param request the request
     * @return the key, unquoted, or empty
     */
    public static Optional<String> keyOf(HttpRequest request) {
        return request.headers().firstValue(IdempotencyFilter.KEY_HEADER)
                .map(value -> IdempotencyFilter.unquote(value.strip()));
    }
}
