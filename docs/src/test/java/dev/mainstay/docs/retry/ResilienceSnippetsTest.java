package dev.mainstay.docs.retry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.mainstay.ratelimit.RateLimit;
import dev.mainstay.ratelimit.RateLimiter;
import dev.mainstay.retry.Backoff;
import dev.mainstay.retry.CircuitBreaker;
import dev.mainstay.retry.Hedge;
import dev.mainstay.retry.Pipeline;
import dev.mainstay.retry.Retry;
import dev.mainstay.retry.Timeout;
import dev.mainstay.retry.TimeoutExceededException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Runs the guide's timeout, fallback, pipeline and hedging examples. */
class ResilienceSnippetsTest {

    /** An inventory whose answers the test decides. */
    static final class FakeInventory implements ResilienceSnippets.Inventory {
        final AtomicInteger calls = new AtomicInteger();
        volatile IOException failure;
        volatile CountDownLatch block;
        final List<CompletableFuture<String>> async = new CopyOnWriteArrayList<>();

        @Override
        public String stock(String sku) throws IOException {
            calls.incrementAndGet();
            if (block != null) {
                try {
                    block.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return "interrupted";
                }
            }
            if (failure != null) {
                throw failure;
            }
            return sku + ": 7";
        }

        @Override
        public CompletableFuture<String> stockAsync(String sku) {
            CompletableFuture<String> future = new CompletableFuture<>();
            async.add(future);
            return future;
        }
    }

    @Test
    void timeoutSyncReturnsInTimeAndGivesUpOnASlowCall() throws Exception {
        ExecutorService executor = Executors.newCachedThreadPool();
        try {
            FakeInventory inventory = new FakeInventory();
            assertEquals("sku-42: 7", ResilienceSnippets.timeoutSync(inventory, executor));
            inventory.block = new CountDownLatch(1);
            assertThrows(TimeoutExceededException.class, () -> ResilienceSnippets.timeoutSync(inventory, executor));
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void timeoutAsyncFailsAtTheDeadlineOnVirtualTime() {
        VirtualScheduler timers = new VirtualScheduler(0);
        FakeInventory inventory = new FakeInventory();
        CompletableFuture<String> stock = ResilienceSnippets.timeoutAsync(inventory, timers);
        timers.runUntilIdle();
        ExecutionException e = assertThrows(ExecutionException.class, stock::get);
        assertInstanceOf(TimeoutExceededException.class, e.getCause());
        assertEquals(Duration.ofMillis(300).toNanos(), timers.getAsLong());
        assertTrue(inventory.async.get(0).isCancelled());
    }

    @Test
    void fallbackAnswersTheLastKnownValue() throws Exception {
        FakeInventory inventory = new FakeInventory();
        assertEquals("sku-42: 7", ResilienceSnippets.fallback(inventory, Map.of("sku-42", "sku-42: 5 (cached)")));
        inventory.failure = new IOException("reset");
        assertEquals("sku-42: 5 (cached)", ResilienceSnippets.fallback(inventory, Map.of("sku-42",
                "sku-42: 5 (cached)")));
        assertEquals("unknown", ResilienceSnippets.fallback(inventory, Map.of()));
    }

    @Test
    void pipelineStacksEverythingInTheOneOrder() throws Exception {
        VirtualClock clock = new VirtualClock();
        ExecutorService executor = Executors.newCachedThreadPool();
        try {
            Retry retry = Retry.builder().maxAttempts(3).backoff(Backoff.fixed(Duration.ofMillis(100)))
                    .sleeper(clock).ticker(clock).build();
            CircuitBreaker breaker = CircuitBreaker.builder().countBasedWindow(10).minimumCalls(10).ticker(clock)
                    .build();
            RateLimitedCalls limiter = new RateLimitedCalls(RateLimiter.builder(
                    RateLimit.tokenBucket(5, 5, Duration.ofMinutes(1))).ticker(clock).build());
            Timeout timeout = Timeout.builder().timeout(Duration.ofSeconds(5)).executor(executor).build();
            Pipeline<String> pipeline = ResilienceSnippets.pipeline(retry, breaker, limiter, timeout);
            FakeInventory inventory = new FakeInventory();
            assertEquals("sku-42: 7", pipeline.call(() -> inventory.stock("sku-42")));
            inventory.failure = new IOException("reset");
            assertEquals("unknown", pipeline.call(() -> inventory.stock("sku-42")), "3 attempts, then the fallback");
            assertEquals(4, inventory.calls.get());
            assertEquals(3, breaker.metrics().failedCalls());
            assertEquals("unknown", pipeline.call(() -> inventory.stock("sku-42")),
                    "the limiter's 5 permits are spent: refused, retried, refused, then the fallback");
            assertEquals(5, inventory.calls.get());
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void hedgedReadTakesTheFirstAnswer() throws Exception {
        VirtualScheduler timers = new VirtualScheduler(Long.MAX_VALUE - 1_000_000_000L);
        FakeInventory inventory = new FakeInventory();
        CompletableFuture<String> stock = ResilienceSnippets.hedged(inventory, timers, timers);
        timers.runUntilIdle();                                   // 50 ms: the hedge starts
        assertEquals(2, inventory.async.size());
        inventory.async.get(1).complete("sku-42: 7");
        assertEquals("sku-42: 7", stock.get());
        assertTrue(inventory.async.get(0).isCancelled());
    }

    @Test
    void hedgedWriteSendsOneKeyInEveryAttempt() throws Exception {
        List<String> keys = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        ExecutorService serverThreads = Executors.newCachedThreadPool();
        server.setExecutor(serverThreads);
        server.createContext("/orders", exchange -> {
            String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
            boolean first = keys.isEmpty();
            keys.add(key);
            try {
                if (first) {
                    Thread.sleep(2_000);                          // the first attempt is slow: it gets hedged
                }
                byte[] body = ("order " + key).getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(201, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            } catch (InterruptedException | IOException gone) {
                // cancelled by the client
            } finally {
                exchange.close();
            }
        });
        server.start();
        try (Hedge hedge = Hedge.builder().delay(Duration.ofMillis(20)).build()) {
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            URI orders = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/orders");
            HttpResponse<String> response = ResilienceSnippets.hedgedWrite(hedge, client, orders, "{\"sku\":42}")
                    .get(10, TimeUnit.SECONDS);
            assertEquals(201, response.statusCode());
            assertEquals(2, keys.size(), "hedged once");
            assertEquals(keys.get(0), keys.get(1), "the same key in both attempts");
            assertEquals("order " + keys.get(0), response.body());
        } finally {
            server.stop(0);
            serverThreads.shutdownNow();
        }
    }
}
