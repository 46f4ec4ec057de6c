package dev.mainstay.retry.internal;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A small log-linear histogram of nanosecond latencies: 8 buckets per power of two (values within 12.5 % of each
 * other share a bucket), 496 counters in one {@link AtomicLongArray}, so recording is one atomic increment and
 * never allocates. It keeps roughly the last {@code window} samples: when the total reaches twice that, every
 * counter is halved (a sample recorded during the halving may be halved too or lost; the percentile is an
 * estimate anyway). The percentile asked for is computed at the {@code minSamples}-th sample, then every 64 samples,
 * and cached in between.
 */
public final class LatencyHistogram {

    private static final int SUB_BITS = 3;
    private static final int SUB = 1 << SUB_BITS;
    static final int BUCKETS = (64 - SUB_BITS + 1) * SUB;

    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);
    private final AtomicLong total = new AtomicLong();
    private final long window;
    private final double fraction;
    private final int minSamples;
    private volatile long cached = -1;

    /**
     * @param percentile the percentile {@link #percentileNanos()} reports, in (0, 100)
     * @param minSamples samples needed before a percentile is reported
     * @param window roughly how many recent samples count
     */
    public LatencyHistogram(double percentile, int minSamples, long window) {
        this.fraction = percentile / 100.0;
        this.minSamples = minSamples;
        this.window = window;
    }

    static int index(long nanos) {
        if (nanos < SUB) {
            return (int) Math.max(0, nanos);
        }
        int exponent = 63 - Long.numberOfLeadingZeros(nanos);
        int sub = (int) (nanos >>> (exponent - SUB_BITS)) & (SUB - 1);
        return (exponent - SUB_BITS + 1) * SUB + sub;
    }

    /** The smallest value of bucket {@code index}. */
    static long lowerBound(int index) {
        if (index < SUB) {
            return index;
        }
        int exponent = index / SUB - 1 + SUB_BITS;
        long sub = index % SUB;
        return (1L << exponent) + (sub << (exponent - SUB_BITS));
    }

    /** The largest value of bucket {@code index}. */
    static long upperBound(int index) {
        return index + 1 >= BUCKETS ? Long.MAX_VALUE : lowerBound(index + 1) - 1;
    }

    /** Records one latency. */
    public void record(long nanos) {
        counts.getAndIncrement(index(nanos));
        long n = total.incrementAndGet();
        if (n >= 2 * window && total.compareAndSet(n, n / 2)) {
            for (int i = 0; i < BUCKETS; i++) {
                counts.set(i, counts.get(i) >> 1);
            }
        }
        if (n >= minSamples && (n == minSamples || (n & 63) == 0)) {
            cached = compute();
        }
    }

    /** The percentile's estimate (the upper bound of its bucket), or -1 until {@code minSamples} were recorded. */
    public long percentileNanos() {
        return cached;
    }

    /** Samples now counted. */
    public long count() {
        return total.get();
    }

    long compute() {
        long sum = 0;
        for (int i = 0; i < BUCKETS; i++) {
            sum += counts.get(i);
        }
        long rank = (long) Math.ceil(fraction * sum);
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts.get(i);
            if (seen >= rank && seen > 0) {
                return upperBound(i);
            }
        }
        return -1;
    }
}
