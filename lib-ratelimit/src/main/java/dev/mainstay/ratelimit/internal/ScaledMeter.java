package dev.mainstay.ratelimit.internal;

import dev.mainstay.ratelimit.RateLimit;
import java.util.function.LongSupplier;

/**
 * Greedy token bucket and GCRA, which are one algorithm: the state is the theoretical arrival time (TAT) of the
 * bucket being empty, on a clock scaled by {@code refill / gcd(period, refill)} so that one permit is a whole
 * number of ticks. Times wrap modulo 2^64; only differences are compared, so the ticker may wrap too.
 */
final class ScaledMeter extends Meter {

    private final long scale;
    private final long unit;
    private final long burst;

    ScaledMeter(RateLimit limit, LongSupplier ticker) {
        super(limit, ticker);
        long period = limit.periodNanos();
        long g = Arith.gcd(period, limit.refillPermits());
        this.scale = limit.refillPermits() / g;
        this.unit = period / g;
        this.burst = capacity * unit;
    }

    @Override
    public long attempt(long permits, boolean wantRemaining) {
        long cost = permits * unit;
        long s = state;
        long v = ticker.getAsLong() * scale; // read after the state: the state cannot be from this clock's future
        for (;;) {
            if (s == RETIRED) {
                return RETIRED;
            }
            long d = s - v;
            if (d > burst) {
                // a retry met a state written at a later clock reading than ours: read the clock again
                v = ticker.getAsLong() * scale;
                d = s - v;
            }
            long next = (d < 0 || d > burst ? v : s) + cost;
            long over = next - v - burst;
            if (over > 0) {
                return -Arith.ceilDiv(over, scale);
            }
            if (next == RETIRED) {
                next++;
            }
            long witness = compareAndExchange(s, next);
            if (witness == s) {
                return wantRemaining ? (burst - (next - v)) / unit : 0;
            }
            s = witness;
        }
    }

    @Override
    long available(long s, long now) {
        long d = s - now * scale;
        return d <= 0 || d > burst ? capacity : (burst - d) / unit;
    }

    @Override
    long nanosToFull(long s, long now) {
        long d = s - now * scale;
        return d <= 0 || d > burst ? 0 : Arith.ceilDiv(d, scale);
    }

    @Override
    long stateFor(long now, long available) {
        return now * scale + (capacity - available) * unit;
    }
}
