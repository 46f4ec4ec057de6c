package dev.mainstay.ratelimit.internal;

import dev.mainstay.ratelimit.RateLimit;
import java.util.function.LongSupplier;

/**
 * Token bucket refilled in steps, and the fixed window (a step refill of the whole capacity). The state is the
 * permit count at which the bucket is empty, on a clock that advances {@code refill} per period boundary
 * (boundaries at multiples of the period on the ticker's scale). Only differences are compared.
 */
final class SteppedMeter extends Meter {

    private final long period;
    private final long refill;

    SteppedMeter(RateLimit limit, LongSupplier ticker) {
        super(limit, ticker);
        this.period = limit.periodNanos();
        this.refill = limit.refillPermits();
    }

    @Override
    public long attempt(long permits, boolean wantRemaining) {
        for (;;) {
            long s = state;
            if (s == RETIRED) {
                return RETIRED;
            }
            long now = ticker.getAsLong();
            long v = Math.floorDiv(now, period) * refill;
            long d = s - v;
            long next = (d < 0 || d > capacity ? v : s) + permits;
            long over = next - v - capacity;
            if (over > 0) {
                return -(Arith.ceilDiv(over, refill) * period - Math.floorMod(now, period));
            }
            if (next == RETIRED) {
                next++;
            }
            if (compareAndSet(s, next)) {
                return wantRemaining ? capacity - (next - v) : 0;
            }
        }
    }

    @Override
    long available(long s, long now) {
        long d = s - Math.floorDiv(now, period) * refill;
        return d <= 0 || d > capacity ? capacity : capacity - d;
    }

    @Override
    long nanosToFull(long s, long now) {
        long d = s - Math.floorDiv(now, period) * refill;
        return d <= 0 || d > capacity ? 0 : Arith.ceilDiv(d, refill) * period - Math.floorMod(now, period);
    }

    @Override
    long stateFor(long now, long available) {
        return Math.floorDiv(now, period) * refill + (capacity - available);
    }
}
