package dev.mainstay.retry;

import dev.mainstay.retry.internal.Nanos;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How long to wait before a retry (or, in a {@link CircuitBreaker}, how long to stay open): fixed, exponential
 * with a cap, and the three jitter kinds of AWS's "Exponential Backoff and Jitter".
 *
 * <p>With {@code base} the first delay, {@code cap} the largest one and {@code u} uniform in [0, 1), the delay
 * before retry {@code n} (1 for the first retry) is:
 * <table class="striped">
 *   <caption>Delay formulas</caption>
 *   <tr><th>kind</th><th>delay before retry n</th></tr>
 *   <tr><td>{@link #fixed fixed}</td><td>{@code base}</td></tr>
 *   <tr><td>{@link #exponential exponential}</td><td>{@code t = min(cap, base * multiplier^(n-1))}</td></tr>
 *   <tr><td>{@link #withFullJitter() full jitter}</td><td>{@code u * t}</td></tr>
 *   <tr><td>{@link #withEqualJitter() equal jitter}</td><td>{@code t/2 + u * t/2}</td></tr>
 *   <tr><td>{@link #decorrelatedJitter decorrelated}</td>
 *       <td>{@code min(cap, base + u * (3 * previous - base))}, with {@code previous = base} before retry 1</td></tr>
 * </table>
 * Every delay therefore lies in {@code [0, cap]} (decorrelated: {@code [base, cap]}).
 *
 * <pre>{@code
 * Backoff backoff = Backoff.exponential(Duration.ofMillis(100), 2.0, Duration.ofSeconds(5)).withFullJitter();
 * long firstDelay = backoff.delayNanos(1, 0);   // somewhere in [0, 100 ms)
 * }</pre>
 *
 * <p>Immutable and thread-safe. Random draws come from {@link ThreadLocalRandom}; {@link #delayNanos(int, long,
 * double)} takes the draw as an argument for callers (and tests) that want to supply it.
 */
public final class Backoff {

    private enum Kind { FIXED, EXPONENTIAL, DECORRELATED }

    private enum Jitter { NONE, FULL, EQUAL }

    private final Kind kind;
    private final Jitter jitter;
    private final long baseNanos;
    private final double multiplier;
    private final long capNanos;

    private Backoff(Kind kind, Jitter jitter, long baseNanos, double multiplier, long capNanos) {
        this.kind = kind;
        this.jitter = jitter;
        this.baseNanos = baseNanos;
        this.multiplier = multiplier;
        this.capNanos = capNanos;
    }

    /**
     * No wait at all between attempts.
     *
     * @return a backoff that never waits
     */
    public static Backoff none() {
        return new Backoff(Kind.FIXED, Jitter.NONE, 0, 1.0, 0);
    }

    /**
     * The same delay before every retry.
     *
     * @param delay the delay, {@code >= 0}
     * @return a fixed backoff
     */
    public static Backoff fixed(Duration delay) {
        long nanos = Nanos.saturated(Nanos.notNegative("delay", delay));
        return new Backoff(Kind.FIXED, Jitter.NONE, nanos, 1.0, nanos);
    }

    /**
     * Delays that grow by {@code multiplier} from {@code initial} up to {@code cap}.
     *
     * @param initial the first delay, {@code >= 0}
     * @param multiplier growth per retry, {@code >= 1} and finite
     * @param cap the largest delay, {@code >= initial}
     * @return an exponential backoff
     */
    public static Backoff exponential(Duration initial, double multiplier, Duration cap) {
        long base = Nanos.saturated(Nanos.notNegative("initial", initial));
        if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
            throw new IllegalArgumentException("multiplier must be >= 1 and finite but was " + multiplier);
        }
        long max = Nanos.saturated(Nanos.notNegative("cap", cap));
        if (max < base) {
            throw new IllegalArgumentException("cap must be >= initial (" + initial + ") but was " + cap);
        }
        return new Backoff(Kind.EXPONENTIAL, Jitter.NONE, base, multiplier, max);
    }

    /**
     * AWS's decorrelated jitter: each delay is drawn between {@code base} and three times the previous delay,
     * capped. Spreads retries of many clients as well as full jitter with fewer very short waits.
     *
     * @param base the smallest delay, {@code > 0}
     * @param cap the largest delay, {@code >= base}
     * @return a decorrelated-jitter backoff
     */
    public static Backoff decorrelatedJitter(Duration base, Duration cap) {
        long b = Nanos.saturated(Nanos.positive("base", base));
        long max = Nanos.saturated(Nanos.notNegative("cap", cap));
        if (max < b) {
            throw new IllegalArgumentException("cap must be >= base (" + base + ") but was " + cap);
        }
        return new Backoff(Kind.DECORRELATED, Jitter.NONE, b, 3.0, max);
    }

    /**
     * This backoff with AWS's full jitter: each delay is drawn uniformly in {@code [0, t)}.
     *
     * @return this backoff with full jitter
     * @throws IllegalStateException on a decorrelated backoff, which is jittered already
     */
    public Backoff withFullJitter() {
        return jittered(Jitter.FULL);
    }

    /**
     * This backoff with AWS's equal jitter: each delay is {@code t/2} plus a draw in {@code [0, t/2)}.
     *
     * @return this backoff with equal jitter
     * @throws IllegalStateException on a decorrelated backoff, which is jittered already
     */
    public Backoff withEqualJitter() {
        return jittered(Jitter.EQUAL);
    }

    private Backoff jittered(Jitter kindOfJitter) {
        if (kind == Kind.DECORRELATED) {
            throw new IllegalStateException("decorrelated jitter cannot take another jitter");
        }
        return new Backoff(kind, kindOfJitter, baseNanos, multiplier, capNanos);
    }

    /**
     * The largest delay this backoff returns, in nanoseconds.
     *
     * @return the cap in nanoseconds
     */
    public long capNanos() {
        return capNanos;
    }

    /**
     * The delay before retry {@code retry}, drawing jitter from {@link ThreadLocalRandom}.
     *
     * @param retry 1 for the first retry
     * @param previousNanos the previous delay (used by decorrelated jitter; ignored before retry 1)
     * @return the delay in nanoseconds, {@code >= 0}
     */
    public long delayNanos(int retry, long previousNanos) {
        double u = (jitter == Jitter.NONE && kind != Kind.DECORRELATED) ? 0.0 : ThreadLocalRandom.current().nextDouble();
        return delayNanos(retry, previousNanos, u);
    }

    /**
     * The delay before retry {@code retry} for the random draw {@code u}: a pure function.
     *
     * @param retry 1 for the first retry
     * @param previousNanos the previous delay (used by decorrelated jitter; ignored before retry 1)
     * @param u a draw in [0, 1)
     * @return the delay in nanoseconds, {@code >= 0}
     */
    public long delayNanos(int retry, long previousNanos, double u) {
        if (retry < 1) {
            throw new IllegalArgumentException("retry must be >= 1 but was " + retry);
        }
        if (!(u >= 0.0 && u < 1.0)) {
            throw new IllegalArgumentException("u must be in [0, 1) but was " + u);
        }
        if (kind == Kind.DECORRELATED) {
            long previous = retry == 1 ? baseNanos : Math.max(baseNanos, Math.min(capNanos, previousNanos));
            double high = 3.0 * previous;
            double drawn = baseNanos + u * (high - baseNanos);
            return (long) Math.min((double) capNanos, drawn);
        }
        long t;
        if (kind == Kind.FIXED) {
            t = baseNanos;
        } else {
            double grown = baseNanos * Math.pow(multiplier, retry - 1);
            t = grown >= capNanos ? capNanos : (long) grown;
        }
        switch (jitter) {
            case FULL:
                return (long) (u * t);
            case EQUAL:
                long half = t >>> 1;
                return half + (long) (u * (t - half));
            default:
                return t;
        }
    }

    @Override
    public String toString() {
        String shape = switch (kind) {
            case FIXED -> "fixed(" + Duration.ofNanos(baseNanos) + ")";
            case EXPONENTIAL -> "exponential(" + Duration.ofNanos(baseNanos) + " x" + multiplier + " up to "
                    + Duration.ofNanos(capNanos) + ")";
            case DECORRELATED -> "decorrelatedJitter(" + Duration.ofNanos(baseNanos) + " up to "
                    + Duration.ofNanos(capNanos) + ")";
        };
        return jitter == Jitter.NONE ? shape : shape + ".with" + (jitter == Jitter.FULL ? "Full" : "Equal") + "Jitter()";
    }
}
