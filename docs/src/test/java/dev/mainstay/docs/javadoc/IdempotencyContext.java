package dev.mainstay.docs.javadoc;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.sun.net.httpserver.*;
import dev.mainstay.idempotency.*;
import dev.mainstay.idempotency.Idempotency.*;
import dev.mainstay.idempotency.IdempotencyStore.*;
import dev.mainstay.idempotency.IdempotencyStore.ClaimResult.*;
import dev.mainstay.idempotency.http.*;
import dev.mainstay.idempotency.jdbc.*;
import dev.mainstay.idempotency.redis.*;
import dev.mainstay.retry.Retry;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;
import java.net.*;
import java.net.http.*;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.*;
import java.util.*;
import java.util.concurrent.atomic.*;
import java.util.function.LongSupplier;
import redis.clients.jedis.RedisClient;

/** The free names of {@code lib-idempotency}'s javadoc examples: a payment service and an in-memory store. */
class IdempotencyContext extends ExampleContext {

    static final Map<String, Class<? extends ExampleContext>> BY_FILE = Map.of(
            "jdbc/JdbcIdempotencyStore.java", WithJdbcStore.class,
            "http/package-info.java", WithHttpServer.class);

    static final Map<String, Class<? extends Throwable>> THROWS = Map.of(
            "// throws this", IdempotencyKeyReuseException.class);

    static final Map<String, String> COMPILE_ONLY = Map.of(
            "RedisClient.create(\"localhost\", 6379)", "connects to a Redis on localhost:6379",
            "RedisClient.create(\"redis://localhost\")", "connects to a Redis on localhost:6379",
            "new InetSocketAddress(\"127.0.0.1\", 8080)", "binds port 8080",
            "client.send(charge", "sends a payment to a payment service",
            "lost its lease", "needs a claim whose lease another execution took over");

    /** A card was declined: an answer worth storing. */
    static final class CardDeclinedException extends RuntimeException {
        CardDeclinedException(String message) {
            super(message);
        }
    }

    /** The payment service. */
    static final class Payments {
        final List<Object> charged = new ArrayList<>();

        String charge(Object what) {
            charged.add(what);
            return "charged " + what;
        }

        String charge(Object order, long attempt) {
            charged.add(order);
            return "charged " + order + " in attempt " + attempt;
        }
    }

    /** The order table. */
    static final class Orders {
        final List<String> created = new ArrayList<>();

        void create(String orderId) {
            created.add(orderId);
        }
    }

    /** Response headers in the shape of the common frameworks. */
    static final class Headers {
        final Map<String, String> values = new HashMap<>();

        void set(String name, String value) {
            values.put(name, value);
        }
    }

    final IdempotencyStore store = InMemoryIdempotencyStore.ofDefaults();
    final Idempotency idempotency = Idempotency.builder(store).build();
    final Payments payments = new Payments();
    final Orders orders = new Orders();
    final Headers headers = new Headers();
    final String idempotencyKey = "0190b7d2-7f3a-7a2c-9e41-5d0c2a9b8f10";
    final String key = idempotencyKey;
    final String scope = "user:42";
    final String order = "order 7";
    final String orderId = "7";
    final byte[] body = "amount=10".getBytes(UTF_8);
    final byte[] requestBody = body;
    final Object request = "POST /payments amount=10";
    final Fingerprint fingerprint = Fingerprint.sha256(body);
    final Duration lease = Duration.ofSeconds(30);
    final Duration retention = Duration.ofHours(24);
    final StoredResponse ok = StoredResponse.ofText("ok");
    final StoredResponse response = ok;
    final LongSupplier fakeTicker = new AtomicLong(Long.MAX_VALUE - 1_000_000_000L)::get;
    final URI uri = URI.create("http://127.0.0.1/payments");
    private static final HttpClient CLIENT = HttpClient.newHttpClient();     // one for all: each has a thread

    final HttpClient client = CLIENT;
    final Retry retry = Retry.builder().maxAttempts(3).build();
    final HttpHandler paymentsHandler = exchange -> exchange.sendResponseHeaders(204, -1);
    final IdempotencyClaim claim = null;    // only the compile-only lease-lost example uses it
    final List<Object> sent = new ArrayList<>();
    RedisClient jedis;
    RedisScripting scripting;

    IdempotencyContext() throws Exception {
        if (redisConfigured()) {
            jedis = closeLater(RedisClient.create(redisHost(), redisPort()));
            scripting = RedisScripting.of(jedis::evalsha, jedis::eval);
        }
    }

    byte[] myHash(Object request) throws Exception {
        return java.security.MessageDigest.getInstance("SHA-256").digest(String.valueOf(request).getBytes(UTF_8));
    }

    StoredResponse charge(byte[] body) {
        return StoredResponse.ofText(payments.charge(new String(body, UTF_8)));
    }

    StoredResponse charge() {
        return StoredResponse.ofText(payments.charge("an order"));
    }

    Object conflict(Object remaining) {
        return 409;
    }

    Object unprocessable() {
        return 422;
    }

    Object unavailable() {
        return 503;
    }

    void send(StoredResponse response) {
        sent.add(response);
    }

    void run(long attempt, Object recoveryPoint) {
        sent.add(attempt);
    }

    void replay(StoredResponse response) {
        sent.add(response);
    }

    void insertPayment(Connection connection, byte[] body) {}

    /** For the file where {@code store} is the JDBC store. */
    static class WithJdbcStore extends IdempotencyContext {
        final JdbcIdempotencyStore store = JdbcIdempotencyStore.builder(dataSource).build();

        WithJdbcStore() throws Exception {
            store.createSchemaIfMissing();
        }
    }

    /** For the file where {@code context} is a server's context and {@code body} a request body. */
    static class WithHttpServer extends IdempotencyContext {
        final HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        final HttpContext context = server.createContext("/payments", paymentsHandler);
        final HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.ofString("{\"amount\":10}");

        WithHttpServer() throws Exception {
            closeLater(() -> server.stop(0));
        }
    }
}
