package dev.mainstay.docs.idempotency;

import com.sun.net.httpserver.HttpServer;
import dev.mainstay.idempotency.Idempotency;
import dev.mainstay.idempotency.http.IdempotencyFilter;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A payment endpoint on 127.0.0.1 behind the {@link IdempotencyFilter}: each request it runs charges the card
 * once. Its gateway can be made slow: requests then wait at a gate until {@link #gatewayAnswers()}.
 */
public final class PaymentEndpoint implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final AtomicInteger charges = new AtomicInteger();
    private volatile CountDownLatch gate = new CountDownLatch(0);

    /**
     * Starts the endpoint at {@code /payments} on a free port.
     *
     * @param idempotency the executor the filter runs requests through
     * @throws IOException if the server cannot start
     */
    public PaymentEndpoint(Idempotency idempotency) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(executor);
        // http filter
        server.createContext("/payments", exchange -> {
            byte[] request = exchange.getRequestBody().readAllBytes();
            int payment = charge(request);                                   // the side effect, once per key
            byte[] body = ("{\"payment\":" + payment + "}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.getResponseHeaders().set("Location", "/payments/" + payment);
            exchange.sendResponseHeaders(201, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }).getFilters().add(IdempotencyFilter.builder(idempotency)
                .scope(exchange -> exchange.getRequestHeaders().getFirst("X-Account"))   // keys per account
                .build());
        // end
        server.start();
    }

    private int charge(byte[] request) throws IOException {
        try {
            if (!gate.await(10, TimeUnit.SECONDS)) {
                throw new IOException("the gateway never answered");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        return charges.incrementAndGet();
    }

    /** From now on the gateway holds every charge until {@link #gatewayAnswers()}. */
    public void gatewayIsSlow() {
        gate = new CountDownLatch(1);
    }

    /** The gateway answers every charge it holds. */
    public void gatewayAnswers() {
        gate.countDown();
    }

    /**
     * How many times the card was charged.
     *
     * @return the charges
     */
    public int charges() {
        return charges.get();
    }

    /**
     * The endpoint's address.
     *
     * @return {@code http://127.0.0.1:<port>/payments}
     */
    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/payments");
    }

    @Override
    public void close() {
        gate.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
