package dev.mainstay.ratelimit.redis;

import dev.mainstay.ratelimit.FailurePolicy;
import dev.mainstay.ratelimit.RateLimit;
import dev.mainstay.ratelimit.RateLimiterConfig;
import dev.mainstay.ratelimit.internal.RemoteLimiterBase;
import java.util.Objects;

/** The Redis limiter: every decision is one run of {@link RateLimitScript}. */
final class ScriptedRateLimiter extends RemoteLimiterBase<String> implements RedisRateLimiter {

    private final RedisScripting redis;
    private final String keyPrefix;
    private volatile Arguments arguments;

    ScriptedRateLimiter(RedisRateLimiter.Builder builder, RateLimiterConfig config, FailurePolicy failurePolicy) {
        super(config, failurePolicy, "Redis");
        this.redis = builder.redis;
        this.keyPrefix = builder.keyPrefix;
        this.arguments = new Arguments(config.limit());
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

    @Override
    protected Reply query(String key, long permits) throws Unavailable {
        Arguments a = arguments;
        Object reply;
        try {
            reply = RateLimitScript.run(redis, redisKey(key), a.algorithm, a.capacity, a.refill, a.period,
                    a.initial, Long.toString(permits), a.unit, a.scale);
        } catch (RuntimeException e) {
            throw new Unavailable(e);
        }
        return RateLimitScript.decode(reply);
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
