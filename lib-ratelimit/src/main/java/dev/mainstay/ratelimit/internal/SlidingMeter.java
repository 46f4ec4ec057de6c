package dev.mainstay.ratelimit.internal;

import dev.mainstay.ratelimit.RateLimit;
import java.util.function.LongSupplier;

/**
 * Sliding-window counter. One {@code long} packs the current window's index (modulo 2^tagBits), the previous
 * window's count and the current window's count. A request of {@code n} passes when
 * {@code current + n + ceil(previous * (window - elapsed) / window) <= limit}: the exact rational test.
 */
final class SlidingMeter extends Meter {

    private final long window;
    private final int countBits;
    private final long countMask;
    private final long tagMask;

    SlidingMeter(RateLimit limit, LongSupplier ticker) {
        super(limit, ticker);
        this.window = limit.periodNanos();
        this.countBits = 64 - Long.numberOfLeadingZeros(capacity);
        this.countMask = (1L << countBits) - 1;
        this.tagMask = -1L >>> (2 * countBits);
    }

    @Override
    public long attempt(long permits, boolean wantRemaining) {
        for (;;) {
            long s = state;
            if (s == RETIRED) {
                return RETIRED;
            }
            long now = ticker.getAsLong();
            long index = Math.floorDiv(now, window);
            long elapsed = Math.floorMod(now, window);
            long previous;
            long current;
            long delta = (index - (s >>> (2 * countBits))) & tagMask;
            if (delta == 0) {
                previous = (s >>> countBits) & countMask;
                current = s & countMask;
            } else if (delta == 1) {
                previous = s & countMask;
                current = 0;
            } else {
                previous = 0;
                current = 0;
            }
            long weighted = previous == 0 ? 0 : Arith.mulDivCeil(previous, window - elapsed, window);
            long used = current + permits + weighted;
            if (used > capacity) {
                return -waitNanos(previous, current, permits, elapsed);
            }
            long next = ((index & tagMask) << (2 * countBits)) | (previous << countBits) | (current + permits);
            if (compareAndSet(s, next)) {
                return wantRemaining ? capacity - used : 0;
            }
        }
    }

    private long waitNanos(long previous, long current, long permits, long elapsed) {
        long spare = capacity - current - permits;
        if (spare >= 0) {
            // this window will do once enough of the previous window has slid out
            return window - Arith.mulDivFloor(spare, window, previous) - elapsed;
        }
        long spareNext = capacity - permits;
        long into = current == 0 ? 0 : Math.max(0, window - Arith.mulDivFloor(spareNext, window, current));
        return window - elapsed + into;
    }

    private long[] counts(long s, long now) {
        long delta = (Math.floorDiv(now, window) - (s >>> (2 * countBits))) & tagMask;
        if (delta == 0) {
            return new long[] {(s >>> countBits) & countMask, s & countMask};
        }
        return new long[] {delta == 1 ? s & countMask : 0, 0};
    }

    @Override
    long available(long s, long now) {
        long[] counts = counts(s, now);
        long weighted = counts[0] == 0
                ? 0 : Arith.mulDivCeil(counts[0], window - Math.floorMod(now, window), window);
        return Math.max(0, capacity - counts[1] - weighted);
    }

    @Override
    long nanosToFull(long s, long now) {
        long[] counts = counts(s, now);
        long elapsed = Math.floorMod(now, window);
        if (counts[1] > 0) {
            return 2 * window - elapsed;
        }
        return counts[0] > 0 ? window - elapsed : 0;
    }

    @Override
    long stateFor(long now, long available) {
        long s = ((Math.floorDiv(now, window) & tagMask) << (2 * countBits)) | (capacity - available);
        return s == RETIRED ? 0 : s;
    }
}
