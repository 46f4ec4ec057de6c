package dev.mainstay.idempotency.http;

import com.sun.net.httpserver.HttpServer;
import dev.mainstay.idempotency.Idempotency;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server on 127.0.0.1 whose {@code /payments} endpoint charges (counts) each request it runs, behind
 * the filter; {@code slowMillis} makes the handler slow, {@code failures} makes its first runs throw.
 */
final class PaymentServer implements AutoCloseable {

    final AtomicInteger charges = new AtomicInteger();
    final AtomicInteger failures = new AtomicInteger();
    volatile long slowMillis;
    /** When closed, the handler waits here (at most 10 s) before charging: a gateway that has not answered. */
    volatile java.util.concurrent.CountDownLatch gate = new java.util.concurrent.CountDownLatch(0);
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(8);
    final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    PaymentServer(IdempotencyFilter filter) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(executor);
        server.createContext("/payments", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new IOException("the payment gateway dropped the connection");
            }
            sleep(slowMillis);
            try {
                gate.await(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            int id = charges.incrementAndGet();
            byte[] answer = ("{\"payment\":" + id + ",\"request\":" + new String(body, StandardCharsets.UTF_8) + "}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.getResponseHeaders().set("Location", "/payments/" + id);
            exchange.getResponseHeaders().set("X-Trace", "t" + id);
            exchange.sendResponseHeaders(201, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        }).getFilters().add(filter);
        server.start();
    }

    PaymentServer(Idempotency idempotency) throws IOException {
        this(IdempotencyFilter.builder(idempotency).build());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/payments");
    }

    HttpRequest.Builder post(String body) {
        return HttpRequest.newBuilder(uri()).timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        gate.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
