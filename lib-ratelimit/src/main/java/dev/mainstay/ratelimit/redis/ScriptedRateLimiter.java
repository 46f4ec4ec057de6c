package dev.mainstay.ratelimit.redis;

import dev.mainstay.ratelimit.Decision;
import dev.mainstay.ratelimit.FailurePolicy;
import dev.mainstay.ratelimit.RateLimit;
import dev.mainstay.ratelimit.RateLimiterConfig;
import dev.mainstay.ratelimit.internal.KeyedLimiterBase;
import java.util.Objects;

/** The Redis limiter: every decision is one run of {@link RateLimitScript}. */
final class ScriptedRateLimiter extends KeyedLimiterBase<String> implements RedisRateLimiter {

    private final RedisScripting redis;
    private final String keyPrefix;
    private final FailurePolicy failurePolicy;
    private volatile Arguments arguments;

    ScriptedRateLimiter(RedisRateLimiter.Builder builder) {
        super(builder.config());
        this.redis = builder.redis;
        this.keyPrefix = builder.keyPrefix;
        this.failurePolicy = builder.failurePolicy;
        this.arguments = new Arguments(builder.limit);
    }

    /** A limit as script arguments, checked to fit the script's exact range. */
    static final class Arguments {
        private static final long MAX = 1L << 50;
        final RateLimit limit;
        final String algorithm;
        final String capacity;
        final String refill;
        final String period;
        final String initial;
        final String unit;
        final String scale;

        Arguments(RateLimit limit) {
            this.limit = limit;
            long periodNanos = limit.periodNanos();
            if (periodNanos % 1000 != 0) {
                throw new IllegalArgumentException(
                        "period must be whole microseconds on Redis but was " + limit.period());
            }
            long micros = periodNanos / 1000;
            long g = dev.mainstay.ratelimit.internal.Arith.gcd(micros, limit.refillPermits());
            long unitMicros = micros / g;
            long c = limit.capacity();
            boolean fits = switch (limit.algorithm()) {
                case TOKEN_BUCKET_GREEDY, GCRA -> Math.multiplyHigh(c, unitMicros) == 0 && c * unitMicros < MAX;
                default -> Math.multiplyHigh(c + limit.refillPermits(), micros) == 0
                        && (c + limit.refillPermits()) * micros < MAX;
            };
            if (!fits) {
                throw new IllegalArgumentException("limit " + limit + " needs numbers beyond 2^50 microseconds,"
                        + " where the server's script is no longer exact");
            }
            this.algorithm = switch (limit.algorithm()) {
                case TOKEN_BUCKET_GREEDY, GCRA -> "1";
                case TOKEN_BUCKET_INTERVAL, FIXED_WINDOW -> "2";
                case SLIDING_WINDOW -> "3";
            };
            this.capacity = Long.toString(c);
            this.refill = Long.toString(limit.refillPermits());
            this.period = Long.toString(micros);
            this.initial = Long.toString(limit.initialPermits());
            this.unit = Long.toString(unitMicros);
            this.scale = Long.toString(limit.refillPermits() / g);
        }
    }

    @Override
    public String redisKey(String key) {
        return keyPrefix + "{" + key + "}";
    }

    private long[] call(String key, long permits) {
        Arguments a = arguments;
        Object reply = RateLimitScript.run(redis, redisKey(key), a.algorithm, a.capacity, a.refill, a.period,
                a.initial, Long.toString(permits), a.unit, a.scale);
        return RateLimitScript.integers(reply, 4);
    }

    @Override
    protected long attempt(String key, long permits, boolean wantRemaining) {
        long[] reply;
        try {
            reply = call(key, permits);
        } catch (RuntimeException e) {
            return failed(key, permits, e) ? 0 : -arguments.limit.periodNanos();
        }
        return reply[0] == 1 ? (wantRemaining ? reply[1] : 0) : -Math.max(1, reply[2] * 1000);
    }

    @Override
    protected Decision decide(String key, long permits) {
        long[] reply;
        try {
            reply = call(key, permits);
        } catch (RuntimeException e) {
            boolean permitted = failed(key, permits, e);
            return new Decision(permitted, permits, 0, permitted ? 0 : arguments.limit.periodNanos(), 0);
        }
        boolean permitted = reply[0] == 1;
        return new Decision(permitted, permits, reply[1], permitted ? 0 : Math.max(1, reply[2] * 1000),
                reply[3] * 1000);
    }

    private boolean failed(String key, long permits, RuntimeException e) {
        return backendFailure(key, permits, e, failurePolicy, "Redis");
    }

    @Override
    public long availablePermits(String key) {
        Objects.requireNonNull(key, "key");
        try {
            return call(key, 0)[1];
        } catch (RuntimeException e) {
            backendFailure(key, 0, e, FailurePolicy.THROW, "Redis");
            throw e; // not reached: THROW throws
        }
    }

    @Override
    public void reconfigure(RateLimit limit) {
        this.arguments = new Arguments(Objects.requireNonNull(limit, "limit"));
    }

    @Override
    public RateLimit limit() {
        return arguments.limit;
    }

    @Override
    public String toString() {
        return "RedisRateLimiter[" + name + ", " + keyPrefix + "{...}, " + arguments.limit + "]";
    }

}
