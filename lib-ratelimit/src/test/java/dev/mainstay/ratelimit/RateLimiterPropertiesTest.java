package dev.mainstay.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.math.BigInteger;
import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Every algorithm against {@link ReferenceModel}: same decisions, same waits to the nanosecond, same available
 * permits, on random limits and random request sequences, with tickers starting near {@code Long.MAX_VALUE} and
 * below zero.
 */
class RateLimiterPropertiesTest {

    private static final int OPERATIONS = 120;

    @Test
    void greedyTokenBucketMatchesTheModel() {
        check(RateLimit.Algorithm.TOKEN_BUCKET_GREEDY, true);
    }

    @Test
    void intervalTokenBucketMatchesTheModel() {
        check(RateLimit.Algorithm.TOKEN_BUCKET_INTERVAL, false);
    }

    @Test
    void fixedWindowMatchesTheModel() {
        check(RateLimit.Algorithm.FIXED_WINDOW, false);
    }

    @Test
    void slidingWindowMatchesTheModel() {
        check(RateLimit.Algorithm.SLIDING_WINDOW, false);
    }

    @Test
    void gcraMatchesTheModel() {
        check(RateLimit.Algorithm.GCRA, true);
    }

    private static void check(RateLimit.Algorithm algorithm, boolean mayWrap) {
        qt().withExamples(150)
                .forAll(integers().between(1, 40), integers().between(1, 25), longs().between(1, 5_000),
                        longs().all())
                .checkAssert((capacity, refill, period, seed) -> run(algorithm, capacity, refill, period, seed, mayWrap));
    }

    private static void run(RateLimit.Algorithm algorithm, long capacity, long refill, long period, long seed,
            boolean mayWrap) {
        SplittableRandom random = new SplittableRandom(seed);
        boolean windowed = algorithm == RateLimit.Algorithm.FIXED_WINDOW
                || algorithm == RateLimit.Algorithm.SLIDING_WINDOW;
        long refillPermits = windowed ? capacity : refill;
        long initial = random.nextLong(capacity + 1);
        RateLimit limit = new RateLimit(algorithm, capacity, refillPermits, Duration.ofNanos(period), initial);
        long budget = OPERATIONS * 3 * period + 1;
        long start = switch (random.nextInt(4)) {
            case 0 -> mayWrap ? Long.MAX_VALUE - random.nextLong(budget) : Long.MAX_VALUE - budget - random.nextLong(1000);
            case 1 -> -random.nextLong(budget);
            case 2 -> Long.MIN_VALUE + random.nextLong(1000);
            default -> random.nextLong(-1L << 40, 1L << 40);
        };
        FakeTicker ticker = new FakeTicker(start);
        RateLimiter limiter = RateLimiter.builder(limit).ticker(ticker).build();
        BigInteger time = BigInteger.valueOf(start);
        ReferenceModel model = new ReferenceModel(limit, time);
        for (int i = 0; i < OPERATIONS; i++) {
            long step = switch (random.nextInt(4)) {
                case 0 -> 0;
                case 1 -> random.nextLong(1, period + 1);
                case 2 -> random.nextLong(1, 3 * period + 1);
                default -> random.nextLong(0, Math.max(1, period / Math.max(1, refillPermits)) + 1);
            };
            ticker.advance(step);
            time = time.add(BigInteger.valueOf(step));
            long permits = random.nextLong(1, capacity + 1);
            String context = algorithm + " c=" + capacity + " r=" + refillPermits + " p=" + period + " start=" + start
                    + " op=" + i + " t=" + time + " permits=" + permits;
            assertEquals(model.available(time), limiter.availablePermits(), "available, " + context);
            assertEquals(model.tryAcquire(time, permits), limiter.tryAcquireOrWaitNanos(permits), "wait, " + context);
        }
    }
}
