package dev.mainstay.ratelimit.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import dev.mainstay.ratelimit.internal.RemoteLimiterBase;

/** The limiter's Lua script, its SHA-1, and the one place that runs it and decodes replies. */
final class RateLimitScript {

    static final String SOURCE = load();
    static final String SHA1 = sha1(SOURCE);

    /** No number the script returns passes 2^53, where Lua numbers stop being exact (limits stay below 2^50). */
    private static final long MAX_MICROS = 1L << 53;

    private RateLimitScript() {}

    private static String load() {
        try (InputStream in = RateLimitScript.class.getResourceAsStream("ratelimit.lua")) {
            if (in == null) {
                throw new IllegalStateException("missing resource dev/mainstay/ratelimit/redis/ratelimit.lua");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha1(String source) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-1").digest(source.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code EVALSHA}, then {@code EVAL} once if the server does not know the script. */
    static Object run(RedisScripting redis, String key, String... args) {
        List<String> keys = List.of(key);
        List<String> argv = List.of(args);
        try {
            return redis.evalSha(SHA1, keys, argv);
        } catch (RuntimeException e) {
            if (!isNoScript(e)) {
                throw e;
            }
            return redis.eval(SOURCE, keys, argv);
        }
    }

    static boolean isNoScript(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains("NOSCRIPT")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Decodes the script's reply {@code [permitted (0/1), remaining, micros to wait, micros to full]}.
     *
     * @param reply what the client returned
     * @return the decision
     * @throws IllegalStateException if the reply is not four non-negative integers with a 0/1 first: a bug, or an
     *                               adapter bound to the wrong commands, never an outage
     */
    static RemoteLimiterBase.Reply decode(Object reply) {
        if (!(reply instanceof List<?> list) || list.size() != 4) {
            throw odd(reply);
        }
        long[] values = new long[4];
        for (int i = 0; i < 4; i++) {
            if (!(list.get(i) instanceof Long || list.get(i) instanceof Integer)) {
                throw odd(reply);
            }
            values[i] = ((Number) list.get(i)).longValue();
            if (values[i] < 0 || values[i] > MAX_MICROS) {
                throw odd(reply);
            }
        }
        if (values[0] > 1) {
            throw odd(reply);
        }
        long remaining = values[1];
        long result = values[0] == 1 ? remaining : -Math.max(1, values[2] * 1000);
        return new RemoteLimiterBase.Reply(result, remaining, values[3] * 1000);
    }

    private static IllegalStateException odd(Object reply) {
        return new IllegalStateException("the rate limit script's reply makes no sense (expected four integers"
                + " [permitted 0/1, remaining, micros to wait, micros to full]): " + reply + " ("
                + (reply == null ? "null" : reply.getClass().getName()) + ")");
    }
}
