package dev.mainstay.idempotency.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** The store's Lua script, its SHA-1, and the one place that runs it and decodes replies. */
final class IdempotencyScript {

    static final String SOURCE = load();
    static final String SHA1 = sha1(SOURCE);

    private IdempotencyScript() {}

    private static String load() {
        try (InputStream in = IdempotencyScript.class.getResourceAsStream("idempotency.lua")) {
            if (in == null) {
                throw new IllegalStateException("missing resource dev/mainstay/idempotency/redis/idempotency.lua");
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

    /** The reply of {@code complete}, {@code release} or {@code point}: {1} or {0}. */
    static boolean flag(Object reply) {
        if (reply instanceof List<?> list && list.size() == 1 && list.get(0) instanceof Number n
                && (n.longValue() == 0 || n.longValue() == 1)) {
            return n.longValue() == 1;
        }
        throw new IllegalStateException("unexpected reply from the idempotency script: " + reply);
    }

    /** A claim's reply: three integers and a string. */
    record Claim(long outcome, long attempt, long remainingMicros, String payload) {}

    static Claim claim(Object reply) {
        if (!(reply instanceof List<?> list) || list.size() != 4 || !(list.get(0) instanceof Number outcome)
                || !(list.get(1) instanceof Number attempt) || !(list.get(2) instanceof Number remaining)) {
            throw new IllegalStateException("unexpected reply from the idempotency script: " + reply);
        }
        Object payload = list.get(3);
        String text = payload instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8)
                : payload instanceof String s ? s : null;
        if (text == null) {
            throw new IllegalStateException("unexpected payload from the idempotency script: " + payload);
        }
        return new Claim(outcome.longValue(), attempt.longValue(), remaining.longValue(), text);
    }
}
