package dev.mainstay.retry.internal;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The outcomes of the last {@code buckets * bucketNanos}, in a ring of buckets. Bucket {@code k} of the ring
 * holds epoch {@code e} (the {@code e}-th bucket period since the window's origin, {@code e mod buckets == k}) and
 * its counts of calls, failures and slow calls: four longs in one {@link AtomicLongArray}.
 *
 * <p>Recording increments the current bucket's counts (one atomic add for a success, two or three for a failed or
 * slow call). The first record of a new period claims the bucket by a compare-and-set of its epoch to a "resetting"
 * mark, zeroes the counts and publishes the new epoch; a record racing with that reset on another thread is dropped
 * (at most a few samples per bucket period, under contention only). Sequentially the window is exact. Ticks are
 * taken relative to the origin, so a ticker near {@code Long.MAX_VALUE} that wraps is handled.
 *
 * <p>Rates are summed over the buckets only when a failed or slow call needs a decision, or for metrics.
 */
final class TimeWindow extends Window {

    private static final long NEVER = -1;
    private static final long RESETTING = -2;

    private final long origin;
    private final long bucketNanos;
    private final int buckets;
    private final AtomicLongArray cells;

    TimeWindow(long origin, long lengthNanos, int buckets, int minimumCalls, float failureRate, float slowCallRate) {
        super(minimumCalls, failureRate, slowCallRate);
        this.origin = origin;
        this.buckets = buckets;
        this.bucketNanos = lengthNanos / buckets;
        this.cells = new AtomicLongArray(buckets * 4);
        for (int i = 0; i < buckets; i++) {
            cells.set(i * 4, NEVER);
        }
    }

    private long epoch(long now) {
        long elapsed = now - origin;
        return elapsed < 0 ? 0 : elapsed / bucketNanos;
    }

    @Override
    public boolean record(int outcome, long now) {
        long epoch = epoch(now);
        int base = (int) (epoch % buckets) * 4;
        long held = cells.get(base);
        if (held != epoch) {
            if (held == RESETTING || held > epoch) {
                return false;
            }
            if (cells.compareAndSet(base, held, RESETTING)) {
                cells.set(base + 1, 0);
                cells.set(base + 2, 0);
                cells.set(base + 3, 0);
                cells.set(base, epoch);
            } else if (cells.get(base) != epoch) {
                return false;
            }
        }
        cells.getAndIncrement(base + 1);
        boolean failure = isFailure(outcome);
        boolean slow = isSlow(outcome);
        if (!failure && !slow) {
            return false;
        }
        if (failure) {
            cells.getAndIncrement(base + 2);
        }
        if (slow) {
            cells.getAndIncrement(base + 3);
        }
        long[] sums = sums(epoch);
        return exceeded(sums[0], sums[1], sums[2]);
    }

    private long[] sums(long epoch) {
        long calls = 0;
        long failures = 0;
        long slow = 0;
        for (int k = 0; k < buckets; k++) {
            int base = k * 4;
            long held = cells.get(base);
            if (held >= 0 && held <= epoch && held > epoch - buckets) {
                calls += cells.get(base + 1);
                failures += cells.get(base + 2);
                slow += cells.get(base + 3);
            }
        }
        return new long[] {calls, failures, slow};
    }

    @Override
    public long[] counts(long now) {
        return sums(epoch(now));
    }

    @Override
    public boolean needsClock() {
        return true;
    }
}
