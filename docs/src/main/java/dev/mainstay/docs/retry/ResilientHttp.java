package dev.mainstay.docs.retry;

import dev.mainstay.retry.Backoff;
import dev.mainstay.retry.CircuitBreaker;
import dev.mainstay.retry.CircuitBreakerListener;
import dev.mainstay.retry.Retry;
import dev.mainstay.retry.RetryListener;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The guide's example: {@link HttpClient} behind a retry policy that honours {@code Retry-After}, outside a circuit
 * breaker that counts 5xx answers as failures. The guide quotes this class.
 */
public final class ResilientHttp {

    private final HttpClient client;
    private final CircuitBreaker breaker;
    private final Retry retry;

    /**
     * @param ticker the clock (a {@link VirtualClock} in the tour and tests, {@code System::nanoTime} in production)
     * @param sleeper how to wait between attempts
     */
    public ResilientHttp(HttpClient client, LongSupplier ticker, Retry.Sleeper sleeper,
            RetryListener retryListener, CircuitBreakerListener breakerListener) {
        this.client = client;
        // snippet: setup
        this.breaker = CircuitBreaker.builder()
                .name("catalog")
                .countBasedWindow(4)
                .minimumCalls(4)
                .failureRateThreshold(50)
                .recordResult(result -> result instanceof HttpResponse<?> r && r.statusCode() >= 500)
                .recordExceptions(IOException.class)
                .waitInOpen(Duration.ofSeconds(30))
                .permittedCallsInHalfOpen(1)
                .listener(breakerListener)
                .ticker(ticker)
                .build();
        this.retry = Retry.builder()
                .name("catalog")
                .maxAttempts(3)
                .retryOn(IOException.class)                                 // not CallNotPermittedException
                .retryOnResult(result -> ((HttpResponse<?>) result).statusCode() == 503)
                .delayFunction(ResilientHttp::retryAfter)                  // the server knows best...
                .backoff(Backoff.exponential(Duration.ofMillis(200), 2.0, Duration.ofSeconds(5))
                        .withFullJitter())                                  // ...else jittered backoff
                .deadline(Duration.ofSeconds(20))
                .listener(retryListener)
                .ticker(ticker)
                .sleeper(sleeper)
                .build();
        // end snippet
    }

    // snippet: retry-after
    /** A delay function: the {@code Retry-After} seconds of a rejected response, if it has them. */
    static Optional<Duration> retryAfter(int attempt, Object result, Throwable failure) {
        if (result instanceof HttpResponse<?> response) {
            return response.headers().firstValueAsLong("Retry-After").stream()
                    .mapToObj(Duration::ofSeconds)
                    .findFirst();
        }
        return Optional.empty();
    }
    // end snippet

    // snippet: call
    /** GETs {@code uri}: retries (outside) each call through the breaker (inside). */
    public HttpResponse<String> get(URI uri) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build();
        return retry.call(() -> breaker.call(() -> client.send(request, HttpResponse.BodyHandlers.ofString())));
    }
    // end snippet

    /** The breaker, to show its state. */
    public CircuitBreaker breaker() {
        return breaker;
    }
}
