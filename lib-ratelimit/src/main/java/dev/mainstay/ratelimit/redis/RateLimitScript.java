package dev.mainstay.ratelimit.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** The limiter's Lua script, its SHA-1, and the one place that runs it and decodes replies. */
final class RateLimitScript {

    static final String SOURCE = load();
    static final String SHA1 = sha1(SOURCE);

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

    static long[] integers(Object reply, int count) {
        if (!(reply instanceof List<?> list) || list.size() != count) {
            throw new IllegalStateException("unexpected reply from the rate limit script: " + reply);
        }
        long[] values = new long[count];
        for (int i = 0; i < count; i++) {
            values[i] = ((Number) list.get(i)).longValue();
        }
        return values;
    }
}
