package dev.mainstay.docs.ratelimit;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import dev.mainstay.ratelimit.Decision;
import dev.mainstay.ratelimit.KeyedRateLimiter;
import dev.mainstay.ratelimit.RateLimit;
import dev.mainstay.ratelimit.RateLimitBackendException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.function.Function;

/**
 * An HTTP filter for the JDK's {@code com.sun.net.httpserver} that limits each client and answers
 * {@code 429 Too Many Requests} with {@code Retry-After} and the {@code RateLimit} / {@code RateLimit-Policy}
 * header fields of the IETF httpapi draft. When a Redis or JDBC limiter's backend is down (under
 * {@code FailurePolicy.THROW}, its {@link RateLimitBackendException}) it answers {@code 503 Service Unavailable}:
 * the limit could not be checked, which says nothing about the client.
 *
 * <pre>{@code
 * HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
 * HttpContext context = server.createContext("/", exchange -> { ... });
 * context.getFilters().add(new RateLimitFilter(
 *         KeyedRateLimiter.<String>builder(RateLimit.tokenBucket(10, 10, Duration.ofSeconds(1))).build(),
 *         RateLimitFilter::clientAddress));
 * }</pre>
 */
public final class RateLimitFilter extends Filter {

    private final KeyedRateLimiter<String> limiter;
    private final Function<HttpExchange, String> clientKey;

    /**
     * A filter taking one permit per request from the client's own limit.
     *
     * @param limiter   the per-client limiter
     * @param clientKey what identifies a client (its address, an API key header...)
     */
    public RateLimitFilter(KeyedRateLimiter<String> limiter, Function<HttpExchange, String> clientKey) {
        this.limiter = Objects.requireNonNull(limiter, "limiter");
        this.clientKey = Objects.requireNonNull(clientKey, "clientKey");
    }

    /**
     * The client's IP address: a client key for servers not behind a proxy.
     *
     * @param exchange the request
     * @return the remote address
     */
    public static String clientAddress(HttpExchange exchange) {
        return exchange.getRemoteAddress().getAddress().getHostAddress();
    }

    @Override
    public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
        Decision decision;
        try {
            decision = limiter.tryAcquireDecision(clientKey.apply(exchange), 1);
        } catch (RateLimitBackendException e) {
            reply(exchange, 503, "Rate limit unavailable: " + e.operation() + " failed\n");
            return;
        }
        RateLimit limit = limiter.limit();
        // RateLimit-Policy: quota q per window w (seconds); RateLimit: remaining r, seconds t until the quota resets
        long window = Math.max(1, limit.period().toSeconds() * limit.capacity() / limit.refillPermits());
        exchange.getResponseHeaders().set("RateLimit-Policy",
                "\"default\";q=" + limit.capacity() + ";w=" + window);
        exchange.getResponseHeaders().set("RateLimit",
                "\"default\";r=" + decision.remaining() + ";t=" + decision.fullAfterSeconds());
        if (decision.permitted()) {
            chain.doFilter(exchange);
            return;
        }
        exchange.getResponseHeaders().set("Retry-After", Long.toString(Math.max(1, decision.retryAfterSeconds())));
        reply(exchange, 429, "Too many requests: retry in " + decision.retryAfterSeconds() + " s\n");
    }

    private static void reply(HttpExchange exchange, int status, String text) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public String description() {
        return "rate limit per client (429 with Retry-After and RateLimit headers; 503 when its backend is down)";
    }
}
