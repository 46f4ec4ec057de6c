package dev.mainstay.docs.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpServer;
import dev.mainstay.ratelimit.KeyedRateLimiter;
import dev.mainstay.ratelimit.RateLimit;
import dev.mainstay.ratelimit.redis.RedisRateLimiter;
import dev.mainstay.ratelimit.redis.RedisScripting;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.UnifiedJedis;

class RateLimitFilterTest {

    @Test
    void answers429WithRetryAfterAndRateLimitHeaders() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        HttpContext context = server.createContext("/", exchange -> {
            byte[] body = "hello\n".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        context.getFilters().add(new RateLimitFilter(
                KeyedRateLimiter.<String>builder(RateLimit.tokenBucket(3, 1, Duration.ofSeconds(10)))
                        .ticker(() -> 0L) // time stands still, so the refusal says 10 s however slow the machine is
                        .build(),
                exchange -> exchange.getRequestHeaders().getFirst("X-Api-Key")));
        server.start();
        try {
            HttpClient client = HttpClient.newHttpClient();
            URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
            HttpRequest alice = HttpRequest.newBuilder(uri).header("X-Api-Key", "alice").build();
            for (int i = 2; i >= 0; i--) {
                HttpResponse<String> ok = client.send(alice, HttpResponse.BodyHandlers.ofString());
                assertEquals(200, ok.statusCode());
                assertEquals("\"default\";q=3;w=30", ok.headers().firstValue("RateLimit-Policy").orElseThrow());
                assertTrue(ok.headers().firstValue("RateLimit").orElseThrow().startsWith("\"default\";r=" + i + ";t="));
            }
            HttpResponse<String> refused = client.send(alice, HttpResponse.BodyHandlers.ofString());
            assertEquals(429, refused.statusCode());
            assertEquals("10", refused.headers().firstValue("Retry-After").orElseThrow());
            assertEquals("\"default\";r=0;t=30", refused.headers().firstValue("RateLimit").orElseThrow());
            assertEquals("Too many requests: retry in 10 s\n", refused.body());
            HttpRequest bob = HttpRequest.newBuilder(uri).header("X-Api-Key", "bob").build();
            assertEquals(200, client.send(bob, HttpResponse.BodyHandlers.ofString()).statusCode(),
                    "each client has its own limit");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void answers503WhenTheLimitersBackendIsDown() throws Exception {
        UnifiedJedis nowhere = redis.clients.jedis.RedisClient.create("127.0.0.1", 1); // nothing listens there
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        HttpContext context = server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        context.getFilters().add(new RateLimitFilter(
                RedisRateLimiter.builder(RedisScripting.of(nowhere::evalsha, nowhere::eval),
                        RateLimit.tokenBucket(3, 1, Duration.ofSeconds(10))).build(),   // FailurePolicy.THROW
                RateLimitFilter::clientAddress));
        server.start();
        try {
            HttpResponse<String> down = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(503, down.statusCode(), "an outage is no refusal: 503, not 429");
            assertEquals("Rate limit unavailable: acquire failed\n", down.body());
            assertTrue(down.headers().firstValue("Retry-After").isEmpty());
        } finally {
            server.stop(0);
            nowhere.close();
        }
    }
}
