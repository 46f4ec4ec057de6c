package dev.mainstay.idempotency.redis;

import dev.mainstay.idempotency.Fingerprint;
import dev.mainstay.idempotency.IdempotencyBackendException;
import dev.mainstay.idempotency.StoredResponse;
import dev.mainstay.idempotency.internal.Checks;
import dev.mainstay.idempotency.internal.ResponseCodec;
import java.time.Duration;
import java.util.Base64;

/** The Redis store: every operation is one run of {@link IdempotencyScript}. */
final class ScriptedStore implements RedisIdempotencyStore {

    private final RedisScripting redis;
    private final String keyPrefix;

    ScriptedStore(RedisIdempotencyStore.Builder builder) {
        this.redis = builder.redis;
        this.keyPrefix = builder.keyPrefix;
    }

    @Override
    public String redisKey(String scope, String key) {
        return keyPrefix + "{" + scope + ":" + key + "}";
    }

    private Object run(String operation, String scope, String key, String... args) {
        try {
            return IdempotencyScript.run(redis, redisKey(scope, key), args);
        } catch (RuntimeException e) {
            throw new IdempotencyBackendException(operation, "Redis", scope, key, e, null);
        }
    }

    private static String micros(Duration duration) {
        long nanos = Checks.nanos(duration);
        return Long.toString(Math.min(1L << 50, (nanos + 999) / 1000));
    }

    private static String millis(Duration duration) {
        return Long.toString(Math.min(1L << 40, Checks.millisCeil(duration)));
    }

    @Override
    public ClaimResult claim(String scope, String key, Fingerprint fingerprint, Duration lease, Duration retention) {
        IdempotencyScript.Claim reply = IdempotencyScript.claim(run("claim", scope, key, "claim", fingerprint.hex(),
                micros(lease), millis(retention)));
        switch ((int) reply.outcome()) {
            case 1:
                return ClaimResult.claimed(reply.attempt(), reply.payload().isEmpty() ? null : reply.payload());
            case 2:
                byte[] bytes;
                try {
                    bytes = Base64.getDecoder().decode(reply.payload());
                } catch (IllegalArgumentException e) {
                    throw new IllegalStateException("stored response is not base64", e);
                }
                return ClaimResult.completed(reply.attempt(), ResponseCodec.decode(bytes));
            case 3:
                return ClaimResult.inProgress(reply.attempt(), Math.max(0, reply.remainingMicros()) * 1000);
            case 4:
                return ClaimResult.keyReused(reply.attempt());
            default:
                throw new IllegalStateException("unknown claim outcome " + reply.outcome());
        }
    }

    @Override
    public boolean complete(String scope, String key, long attempt, StoredResponse response, Duration retention) {
        String encoded = Base64.getEncoder().encodeToString(ResponseCodec.encode(response));
        return IdempotencyScript.flag(run("complete", scope, key, "complete", Long.toString(attempt), encoded,
                millis(retention)));
    }

    @Override
    public boolean release(String scope, String key, long attempt) {
        return IdempotencyScript.flag(run("release", scope, key, "release", Long.toString(attempt)));
    }

    @Override
    public boolean savePoint(String scope, String key, long attempt, String point, Duration lease) {
        return IdempotencyScript.flag(run("savePoint", scope, key, "point", Long.toString(attempt), point,
                micros(lease)));
    }

    @Override
    public String backend() {
        return "Redis";
    }

    @Override
    public String toString() {
        return "RedisIdempotencyStore[" + keyPrefix + "{...}]";
    }
}
