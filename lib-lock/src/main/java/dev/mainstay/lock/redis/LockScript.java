package dev.mainstay.lock.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** One of the lock's Lua scripts, its SHA-1, and the one place that runs scripts and decodes their replies. */
final class LockScript {

    static final LockScript ACQUIRE = new LockScript("acquire.lua");
    static final LockScript EXTEND = new LockScript("extend.lua");
    static final LockScript RELEASE = new LockScript("release.lua");

    final String resource;
    final String source;
    final String sha1;

    private LockScript(String resource) {
        this.resource = resource;
        this.source = load(resource);
        this.sha1 = sha1(source);
    }

    private static String load(String resource) {
        try (InputStream in = LockScript.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource dev/mainstay/lock/redis/" + resource);
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

    /**
     * {@code EVALSHA}, then {@code EVAL} once if the server does not know the script, and the reply decoded.
     *
     * @param count how many integers the reply holds
     * @return the integers of the reply
     * @throws RuntimeException      what the client threw
     * @throws IllegalStateException if the reply is not what the script returns (a bug, never "backend down")
     */
    long[] run(RedisScripting redis, List<String> keys, List<String> args, int count) {
        Object reply;
        try {
            reply = redis.evalSha(sha1, keys, args);
        } catch (RuntimeException e) {
            if (!isNoScript(e)) {
                throw e;
            }
            reply = redis.eval(source, keys, args);
        }
        return integers(reply, count);
    }

    static boolean isNoScript(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains("NOSCRIPT")) {
                return true;
            }
        }
        return false;
    }

    /** An array of exactly {@code count} integers (a bare integer counts as an array of one). */
    long[] integers(Object reply, int count) {
        if (count == 1 && isInteger(reply)) {
            return new long[] {((Number) reply).longValue()};
        }
        if (!(reply instanceof List<?> list) || list.size() != count) {
            throw badReply(reply);
        }
        long[] values = new long[count];
        for (int i = 0; i < count; i++) {
            if (!isInteger(list.get(i))) {
                throw badReply(reply);
            }
            values[i] = ((Number) list.get(i)).longValue();
        }
        return values;
    }

    private static boolean isInteger(Object value) {
        return value instanceof Long || value instanceof Integer;
    }

    /**
     * A {@code 0}/{@code 1} reply.
     *
     * @return whether it was {@code 1}
     */
    boolean flag(long[] reply) {
        if (reply[0] != 0 && reply[0] != 1) {
            throw badReply(List.of(reply[0]));
        }
        return reply[0] == 1;
    }

    IllegalStateException badReply(Object reply) {
        return new IllegalStateException("unexpected reply from the lock's " + resource + " script: " + reply
                + (reply == null ? "" : " (" + reply.getClass().getName() + ")")
                + "; a Redis client bound to RedisScripting must return integer replies as Long and arrays as List");
    }

    @Override
    public String toString() {
        return resource + " " + sha1;
    }
}
