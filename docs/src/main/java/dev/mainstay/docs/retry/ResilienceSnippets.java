package dev.mainstay.docs.retry;

import dev.mainstay.idempotency.http.IdempotentRequests;
import dev.mainstay.retry.CallNotPermittedException;
import dev.mainstay.retry.CircuitBreaker;
import dev.mainstay.retry.Fallback;
import dev.mainstay.retry.Hedge;
import dev.mainstay.retry.Pipeline;
import dev.mainstay.retry.Retry;
import dev.mainstay.retry.RetryBudget;
import dev.mainstay.retry.Timeout;
import dev.mainstay.retry.TimeoutExceededException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.LongSupplier;

/** The guide's timeout, fallback, pipeline and hedging examples, compiled and run by {@code ResilienceSnippetsTest}. */
public final class ResilienceSnippets {

    private ResilienceSnippets() {}

    /** The inventory service of the examples. */
    public interface Inventory {
        /** The stock of {@code sku}, blocking. */
        String stock(String sku) throws IOException;

        /** The stock of {@code sku}, asynchronously. */
        CompletableFuture<String> stockAsync(String sku);
    }

    /** A synchronous call under a time limit, on the caller's executor. */
    public static String timeoutSync(Inventory inventory, ExecutorService executor) throws Exception {
        // snippet: timeout-sync
        Timeout timeout = Timeout.builder()
                .name("inventory")
                .timeout(Duration.ofMillis(300))
                .executor(executor)               // runs the call; e.g. Executors.newVirtualThreadPerTaskExecutor()
                .build();
        String stock = timeout.call(() -> inventory.stock("sku-42"));   // TimeoutExceededException after 300 ms
        // end snippet
        return stock;
    }

    /** An asynchronous call under a time limit: no thread waits. */
    public static CompletableFuture<String> timeoutAsync(Inventory inventory, ScheduledExecutorService timers) {
        // snippet: timeout-async
        Timeout timeout = Timeout.builder().timeout(Duration.ofMillis(300)).scheduler(timers).build();
        CompletableFuture<String> stock = timeout.getAsync(() -> inventory.stockAsync("sku-42"));
        // end snippet
        return stock;
    }

    /** A fallback to the last known value on the failures that mean "not now". */
    public static String fallback(Inventory inventory, Map<String, String> lastKnown) throws Exception {
        // snippet: fallback
        Fallback<String> fallback = Fallback.<String>builder(
                        (result, failure) -> lastKnown.getOrDefault("sku-42", "unknown"))
                .fallbackOn(CallNotPermittedException.class, TimeoutExceededException.class, IOException.class)
                .build();
        String stock = fallback.call(() -> inventory.stock("sku-42"));
        // end snippet
        return stock;
    }

    /** Everything stacked in the one order, with a rate limiter of lib-ratelimit as a layer. */
    public static Pipeline<String> pipeline(Retry retry, CircuitBreaker breaker, RateLimitedCalls limiter,
            Timeout timeout) {
        // snippet: pipeline
        Pipeline<String> pipeline = Pipeline.<String>builder()
                .fallback(Fallback.of("unknown"))
                .retry(retry)
                .layer(limiter::call)            // any <T> T call(Callable<T>) method: here lib-ratelimit's limiter
                .circuitBreaker(breaker)
                .timeout(timeout)
                .build();
        // end snippet
        return pipeline;
    }

    /** A hedged asynchronous read. */
    public static CompletableFuture<String> hedged(Inventory inventory, ScheduledExecutorService timers,
            LongSupplier ticker) {
        // snippet: hedge
        Hedge hedge = Hedge.builder()
                .maxHedges(1)
                .delayPercentile(95, Duration.ofMillis(50))      // after the p95 of recent calls; 50 ms to start with
                .budget(RetryBudget.builder().capacity(50).retryCost(10).successRefund(1).build())  // <= 10 % more
                .scheduler(timers)
                .ticker(ticker)
                .build();
        CompletableFuture<String> stock = hedge.getAsync(Hedge.idempotentAsync(() -> inventory.stockAsync("sku-42")));
        // end snippet
        return stock;
    }

    /** A write made safe to hedge: every attempt carries the same idempotency key. */
    public static CompletableFuture<HttpResponse<String>> hedgedWrite(Hedge hedge, HttpClient client, URI orders,
            String order) {
        // snippet: hedge-write
        HttpRequest post = IdempotentRequests.withKey(         // an Idempotency-Key (a UUIDv7) per order,
                HttpRequest.newBuilder(orders)                 // the same in every attempt
                        .POST(HttpRequest.BodyPublishers.ofString(order))
                        .build());
        CompletableFuture<HttpResponse<String>> response = hedge.getAsync(Hedge.idempotentAsync(
                () -> client.sendAsync(post, HttpResponse.BodyHandlers.ofString())));
        // end snippet
        return response;
    }
}
