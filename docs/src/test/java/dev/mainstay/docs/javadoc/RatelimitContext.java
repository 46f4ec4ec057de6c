package dev.mainstay.docs.javadoc;

import dev.mainstay.ratelimit.*;
import dev.mainstay.ratelimit.jdbc.*;
import dev.mainstay.ratelimit.redis.*;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.*;
import java.net.*;
import java.time.*;
import java.util.*;
import java.util.concurrent.*;
import java.util.concurrent.atomic.*;
import redis.clients.jedis.RedisClient;

/** The free names of {@code lib-ratelimit}'s javadoc examples: {@code limiter} is a rate limiter here. */
class RatelimitContext extends ExampleContext {

    static final Map<String, Class<? extends ExampleContext>> BY_FILE = Map.of(
            "Permit.java", WithConcurrencyLimiter.class,
            "ConcurrencyLimitedException.java", WithConcurrencyLimiter.class,
            "RateLimitException.java", WithKeyedLimiter.class);

    static final Map<String, String> COMPILE_ONLY = Map.of(
            "RedisClient.create(\"localhost\", 6379)", "connects to a Redis on localhost:6379",
            "RedisClient.create(\"redis://localhost\")", "connects to a Redis on localhost:6379");

    /** A stock level. */
    record Stock(int units) {
        static Stock unknown() {
            return new Stock(-1);
        }
    }

    /** The remote inventory. */
    static final class Inventory {
        Stock stock(String sku) {
            return new Stock(7);
        }
    }

    /** The backend a permit guards. */
    static final class Backend {
        String call() throws TimeoutException {
            return "ok";
        }
    }

    /** An HTTP response under construction, in the shape of the common frameworks. */
    static final class Response {
        final Map<String, String> headers = new HashMap<>();
        int status = 200;

        void setHeader(String name, String value) {
            headers.put(name, value);
        }

        Response status(int status) {
            this.status = status;
            return this;
        }

        Response header(String name, Object value) {
            headers.put(name, String.valueOf(value));
            return this;
        }
    }

    RateLimiter limiter = RateLimiter.of(RateLimit.tokenBucket(100, 10, Duration.ofSeconds(1)));
    final RateLimit limit = RateLimit.tokenBucket(100, 10, Duration.ofSeconds(1));
    final Inventory inventory = new Inventory();
    final Backend backend = new Backend();
    final Response response = new Response();
    final String sku = "sku-1";
    final Object request = "GET /search";
    final URI uri = URI.create("http://127.0.0.1/search");
    final List<Object> handled = new ArrayList<>();
    RedisClient jedis;
    RedisScripting scripting;

    RatelimitContext() throws Exception {
        if (redisConfigured()) {
            jedis = closeLater(RedisClient.create(redisHost(), redisPort()));
            scripting = RedisScripting.of(jedis::evalsha, jedis::eval);
        }
    }

    Object handle(Object request) {
        handled.add(request);
        return "handled";
    }

    void reject(Object request) {}

    void reject() {}

    String fetch(URI uri) {
        return "ok";
    }

    void use(String body) {
        handled.add(body);
    }

    Response reply(Object body) {
        return body instanceof Integer status ? new Response().status(status) : new Response();
    }

    /** For the files where {@code limiter} is a concurrency limiter. */
    static class WithConcurrencyLimiter extends RatelimitContext {
        final ConcurrencyLimiter limiter = ConcurrencyLimiter.of(ConcurrencyLimit.fixed(10));

        WithConcurrencyLimiter() throws Exception {}
    }

    /** For the files where {@code limiter} is a keyed rate limiter. */
    static class WithKeyedLimiter extends RatelimitContext {
        final KeyedRateLimiter<String> limiter =
                KeyedRateLimiter.<String>builder(RateLimit.tokenBucket(100, 10, Duration.ofSeconds(1))).build();

        WithKeyedLimiter() throws Exception {}
    }
}
