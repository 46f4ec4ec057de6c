package dev.mainstay.lock.redis;

import dev.mainstay.lock.internal.Grant;
import dev.mainstay.lock.internal.LockBackend;
import dev.mainstay.lock.internal.LockService;
import dev.mainstay.lock.internal.Nullable;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;

/** Grants in Redis: every operation is one run of a {@link LockScript}, plus the opt-in {@code WAIT}. */
final class RedisLockBackend extends LockBackend {

    /** How much longer than the lease the token counter lives. */
    static final long COUNTER_EXTRA_MILLIS = 60_000;

    private final RedisScripting redis;
    private final String keyPrefix;
    private final int replicas;
    private final long waitMillis;
    private final @Nullable RedisWait wait;

    RedisLockBackend(RedisLock.Builder builder) {
        this.redis = builder.redis;
        this.keyPrefix = builder.keyPrefix;
        this.replicas = builder.replicas;
        this.waitMillis = builder.waitMillis;
        this.wait = builder.wait;
    }

    @Override
    public String kind() {
        return "Redis";
    }

    String redisKey(String name) {
        return keyPrefix + "{" + name + "}";
    }

    String keyPrefix() {
        return keyPrefix;
    }

    /** A lease in whole milliseconds, rounded up: the server's lease never ends before the local deadline. */
    static long millis(long leaseNanos) {
        return leaseNanos / 1_000_000 + (leaseNanos % 1_000_000 == 0 ? 0 : 1);
    }

    /** 128 random bits as 32 hex characters: an owner id of one handle alone. */
    static String newOwner() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        HexFormat hex = HexFormat.of();
        return hex.toHexDigits(random.nextLong()) + hex.toHexDigits(random.nextLong());
    }

    private static String value(Grant grant) {
        return grant.owner() + ":" + grant.token();
    }

    @Override
    public @Nullable Grant tryAcquire(LockService service, String name, long leaseNanos, long start) throws Exception {
        String key = redisKey(name);
        String owner = newOwner();
        long millis = millis(leaseNanos);
        long[] reply = LockScript.ACQUIRE.run(redis, List.of(key, key + ":token"),
                List.of(owner, Long.toString(millis), Long.toString(millis + COUNTER_EXTRA_MILLIS)), 2);
        if (reply[0] == 0) {
            return null;
        }
        if (reply[0] != 1 || reply[1] <= 0) {
            throw LockScript.ACQUIRE.badReply(List.of(reply[0], reply[1]));
        }
        Grant grant = new Grant(service, name, owner, reply[1], leaseNanos, start);
        if (wait != null) {
            try {
                awaitReplicas(wait, "grant");
            } catch (Exception e) {
                try {
                    release(grant);
                } catch (Exception release) {
                    e.addSuppressed(release);
                }
                throw e;
            }
        }
        return grant;
    }

    @Override
    public boolean extend(Grant grant, long leaseNanos) throws Exception {
        LockScript script = LockScript.EXTEND;
        boolean held = script.flag(script.run(redis, List.of(redisKey(grant.name())),
                List.of(value(grant), Long.toString(millis(leaseNanos))), 1));
        if (held && wait != null) {
            awaitReplicas(wait, "extend");
        }
        return held;
    }

    @Override
    public boolean release(Grant grant) {
        LockScript script = LockScript.RELEASE;
        return script.flag(script.run(redis, List.of(redisKey(grant.name())), List.of(value(grant)), 1));
    }

    private void awaitReplicas(RedisWait wait, String what) throws TimeoutException {
        long acknowledged = wait.waitReplicas(replicas, waitMillis);
        if (acknowledged < replicas) {
            throw new TimeoutException("WAIT " + replicas + " " + waitMillis + ": " + acknowledged + " of " + replicas
                    + " replicas acknowledged the " + what + " within " + Duration.ofMillis(waitMillis)
                    + (what.equals("grant") ? "; the grant was released" : "; the primary keeps the new lease"));
        }
    }
}
