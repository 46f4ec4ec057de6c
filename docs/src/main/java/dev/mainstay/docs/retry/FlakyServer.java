package dev.mainstay.docs.retry;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server on the loopback interface that answers from a schedule: each scheduled answer is used once,
 * in order (e.g. {@code 503} with {@code Retry-After: 2}); when the schedule is empty it answers {@code 200 ok}.
 */
public final class FlakyServer implements AutoCloseable {

    private record Answer(int status, long retryAfterSeconds) {}

    private final HttpServer server;
    private final ConcurrentLinkedQueue<Answer> schedule = new ConcurrentLinkedQueue<>();
    private final AtomicInteger requests = new AtomicInteger();

    private FlakyServer(HttpServer server) {
        this.server = server;
    }

    /** Starts a server on an ephemeral loopback port. */
    public static FlakyServer start() throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        FlakyServer flaky = new FlakyServer(http);
        http.createContext("/", exchange -> {
            flaky.requests.incrementAndGet();
            Answer answer = flaky.schedule.poll();
            int status = answer == null ? 200 : answer.status();
            if (answer != null && answer.retryAfterSeconds() >= 0) {
                exchange.getResponseHeaders().add("Retry-After", Long.toString(answer.retryAfterSeconds()));
            }
            byte[] body = (status == 200 ? "ok" : "unavailable").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        http.start();
        return flaky;
    }

    /** Schedules {@code times} answers {@code 503 Service Unavailable} with {@code Retry-After: seconds}. */
    public FlakyServer unavailable(int times, long retryAfterSeconds) {
        for (int i = 0; i < times; i++) {
            schedule.add(new Answer(503, retryAfterSeconds));
        }
        return this;
    }

    /** Drops what is left of the schedule: from now on every answer is {@code 200 ok}. */
    public FlakyServer recover() {
        schedule.clear();
        return this;
    }

    /** The server's base address. */
    public URI uri() {
        return URI.create("http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort() + "/");
    }

    /** The requests the server has received. */
    public int requests() {
        return requests.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
