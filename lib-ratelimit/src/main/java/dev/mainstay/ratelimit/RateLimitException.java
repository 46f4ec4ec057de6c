package dev.mainstay.ratelimit;

import dev.mainstay.ratelimit.internal.Nullable;

/**
 * A limiter could not give what was asked. Three kinds, each final, so that a caller can answer each its own way:
 * <ul>
 *   <li>{@link RateLimitedException}: a rate limit refused the permits; {@link RateLimitedException#retryAfter()}
 *       says when they would come (HTTP 429 with {@code Retry-After});</li>
 *   <li>{@link ConcurrencyLimitedException}: a concurrency limit refused a call, since too many are in flight
 *       (HTTP 429, or shed the work);</li>
 *   <li>{@link RateLimitBackendException}: the backend of a Redis or JDBC limiter failed under
 *       {@link FailurePolicy#THROW}, or while reading permits; its cause is the client's or driver's exception
 *       (HTTP 503: the limit could not be checked).</li>
 * </ul>
 * A refusal is never a backend failure, and a backend failure is never a refusal. A reply from a backend that makes
 * no sense (a bug, or an adapter bound to the wrong command) is none of these: it is an
 * {@link IllegalStateException}, whatever the failure policy.
 *
 * <pre>{@code
 * try {
 *     limiter.acquireOrThrow("user:42", 1);
 *     return handle(request);
 * } catch (RateLimitedException e) {
 *     return reply(429).header("Retry-After", e.retryAfter().toSeconds() + 1);
 * } catch (RateLimitBackendException e) {
 *     return reply(503);                     // e.getCause() says why; e.operation() what was being done
 * }
 * }</pre>
 */
public abstract sealed class RateLimitException extends RuntimeException
        permits ConcurrencyLimitedException, RateLimitBackendException, RateLimitedException {

    private static final long serialVersionUID = 1L;

    private final String limiterName;

    RateLimitException(String limiterName, String message, @Nullable Throwable cause) {
        super(message, cause);
        this.limiterName = limiterName;
    }

    /**
     * The name of the limiter concerned.
     *
     * @return the limiter's name
     */
    public String limiterName() {
        return limiterName;
    }
}
