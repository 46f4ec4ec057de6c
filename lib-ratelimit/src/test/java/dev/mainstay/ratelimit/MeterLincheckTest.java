package dev.mainstay.ratelimit;

import java.math.BigInteger;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.jetbrains.kotlinx.lincheck.LinChecker;
import org.jetbrains.kotlinx.lincheck.annotations.Operation;
import org.jetbrains.kotlinx.lincheck.annotations.Param;
import org.jetbrains.kotlinx.lincheck.paramgen.IntGen;
import org.jetbrains.kotlinx.lincheck.strategy.stress.StressOptions;
import org.junit.jupiter.api.Test;

/**
 * Linearizability of the in-process limiter's {@code Meter} (one compare-and-set on one {@code long}) against
 * {@link ReferenceModel}, the exact model on unbounded integers: concurrent {@code tryAcquireOrWaitNanos} and
 * {@code availablePermits}, with a shared clock that an operation moves forward, must answer as some sequential
 * order of the same operations answers on the model, to the nanosecond of every wait. Every algorithm.
 *
 * <p>Stress strategy only: Lincheck 2.39's model checking instruments every object the test reaches and cannot
 * take the field offsets of a record ({@link RateLimit}, {@link RateLimiterConfig}), so it fails before it starts.
 * Reconfiguration is left out on purpose: its contract lets a request racing with the switch be charged to both
 * limits, which no sequential order explains; {@code RateLimiterStressTest} counts it exactly instead.
 */
public class MeterLincheckTest {

    /** The limit under test; set by each test before Lincheck builds instances of {@link Limiter} and the model. */
    private static volatile RateLimit limit;

    /**
     * Where the clock starts: just below {@code Long.MAX_VALUE} for the greedy bucket and GCRA, so that runs cross
     * the overflow; just below zero for the stepped bucket and the windows, whose steps align to multiples of the
     * period on the ticker and are cut short where the ticker wraps (as the package documents).
     */
    private static volatile long start;

    /** The operations, on the real limiter. */
    public static final class Limiter {
        private final AtomicLong clock = new AtomicLong(start);
        private final RateLimiter limiter = RateLimiter.builder(limit).ticker(clock::get).build();

        /**
         * Takes permits now or says how long to wait.
         *
         * @param permits 1 or 2
         * @return 0 when taken, else the nanoseconds to wait
         */
        @Operation
        public long tryAcquire(@Param(gen = IntGen.class, conf = "1:2") int permits) {
            return limiter.tryAcquireOrWaitNanos(permits);
        }

        /**
         * The permits available now.
         *
         * @return the permits
         */
        @Operation
        public long available() {
            return limiter.availablePermits();
        }

        /** Moves the clock on by a fifth of the period. */
        @Operation
        public void advance() {
            clock.addAndGet(limit.periodNanos() / 5);
        }
    }

    /**
     * The reference models, out of the reach of Lincheck's object traversal (version 2.39 cannot take the field
     * offsets of a record such as {@link RateLimit}, which a {@link ReferenceModel} holds).
     */
    private static final java.util.Map<Integer, ReferenceModel> MODELS = new java.util.concurrent.ConcurrentHashMap<>();

    private static final java.util.concurrent.atomic.AtomicInteger MODEL_IDS = new java.util.concurrent.atomic.AtomicInteger();

    /** The sequential specification: the same operations on the exact model. */
    public static final class Model {
        private long offset;                        // nanoseconds since the start, as the limiter's clock moved
        private final int id = MODEL_IDS.incrementAndGet();

        public Model() {
            MODELS.put(id, new ReferenceModel(limit, BigInteger.valueOf(start)));
        }

        private ReferenceModel model() {
            return MODELS.get(id);
        }

        private BigInteger now() {
            return BigInteger.valueOf(start).add(BigInteger.valueOf(offset));
        }

        /**
         * The model's answer.
         *
         * @param permits 1 or 2
         * @return 0 when taken, else the nanoseconds to wait
         */
        public long tryAcquire(int permits) {
            return model().tryAcquire(now(), permits);
        }

        /**
         * The model's answer.
         *
         * @return the permits
         */
        public long available() {
            return model().available(now());
        }

        /** Moves the model's clock as {@link Limiter#advance()} moves the limiter's. */
        public void advance() {
            offset += limit.periodNanos() / 5;
        }
    }

    /** Scenarios per algorithm; raise it ({@code -Dmainstay.lincheck.iterations=50}) for a deeper run. */
    private static final int ITERATIONS = Integer.getInteger("mainstay.lincheck.iterations", 5);

    /** Runs of each scenario; raise it ({@code -Dmainstay.lincheck.invocations=5000}) for a deeper run. */
    private static final int INVOCATIONS = Integer.getInteger("mainstay.lincheck.invocations", 100);

    private static final RateLimit[] LIMITS = {
        RateLimit.tokenBucket(3, 2, Duration.ofNanos(100)),
        RateLimit.tokenBucket(3, 2, Duration.ofNanos(100)).withIntervalRefill(),
        RateLimit.gcra(2, Duration.ofNanos(100), 3),
        RateLimit.fixedWindow(3, Duration.ofNanos(100)),
        RateLimit.slidingWindow(3, Duration.ofNanos(100)),
    };

    @Test
    void everyAlgorithmIsLinearizableUnderStress() {
        for (RateLimit each : LIMITS) {
            limit = each;
            start = switch (each.algorithm()) {
                case TOKEN_BUCKET_GREEDY, GCRA -> Long.MAX_VALUE - 25;
                case TOKEN_BUCKET_INTERVAL, FIXED_WINDOW, SLIDING_WINDOW -> -25;
            };
            MODELS.clear();
            LinChecker.check(Limiter.class, new StressOptions()
                    .iterations(ITERATIONS)
                    .invocationsPerIteration(INVOCATIONS)
                    .threads(2)
                    .actorsPerThread(3)
                    .sequentialSpecification(Model.class));
        }
    }
}
