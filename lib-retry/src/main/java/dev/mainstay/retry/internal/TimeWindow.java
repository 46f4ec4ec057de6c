package dev.mainstay.retry.internal;

import java.util.concurrent.atomic.AtomicLongFieldUpdater;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The outcomes of the last {@code buckets * bucketNanos}, in a ring of buckets. Slot {@code k} of the ring holds
 * the bucket of epoch {@code e} (the {@code e}-th bucket period since the window's origin, {@code e mod buckets ==
 * k}) with its counts of calls, failures and slow calls.
 *
 * <p>A bucket's epoch is final. Recording increments the counts of the bucket of its own epoch (one atomic add
 * for a success, two or three for a failed or slow call); the first record of a new period installs a fresh bucket
 * by a compare-and-set of the slot, and a record that loses that race increments the winner's bucket. So no record
 * is dropped: the only records that do not count are those whose bucket was already replaced by a later period,
 * that is, records older than the window, which would not count anyway. The cost is one small object per bucket
 * period, none per call. Ticks are taken relative to the origin, so a ticker near {@code Long.MAX_VALUE} that
 * wraps is handled.
 *
 * <p>Rates are summed over the buckets only when a failed or slow call needs a decision, or for metrics. A sum
 * read while other threads record may see a call counted and its failure not yet: rates are read without a lock.
 */
final class TimeWindow extends Window {

    private final long origin;
    private final long bucketNanos;
    private final int buckets;
    private final AtomicReferenceArray<Bucket> ring;

    TimeWindow(long origin, long lengthNanos, int buckets, int minimumCalls, float failureRate, float slowCallRate) {
        super(minimumCalls, failureRate, slowCallRate);
        this.origin = origin;
        this.buckets = buckets;
        this.bucketNanos = lengthNanos / buckets;
        this.ring = new AtomicReferenceArray<>(buckets);
        for (int i = 0; i < buckets; i++) {
            ring.set(i, new Bucket(i - (long) buckets));
        }
    }

    private long epoch(long now) {
        long elapsed = now - origin;
        return elapsed < 0 ? 0 : elapsed / bucketNanos;
    }

    @Override
    public boolean record(int outcome, long now) {
        long epoch = epoch(now);
        Bucket bucket = bucketOf(epoch);
        if (bucket == null) {
            return false; // a later period already took the slot: this record is older than the window
        }
        Bucket.CALLS.getAndIncrement(bucket);
        boolean failure = isFailure(outcome);
        boolean slow = isSlow(outcome);
        if (!failure && !slow) {
            return false;
        }
        if (failure) {
            Bucket.FAILURES.getAndIncrement(bucket);
        }
        if (slow) {
            Bucket.SLOW.getAndIncrement(bucket);
        }
        long[] sums = sums(epoch);
        return exceeded(sums[0], sums[1], sums[2]);
    }

    /** The bucket of {@code epoch}, installed if its slot still holds an older period; null if a newer one. */
    private @Nullable Bucket bucketOf(long epoch) {
        int slot = (int) (epoch % buckets);
        Bucket held = ring.get(slot);
        while (held.epoch != epoch) {
            if (held.epoch > epoch) {
                return null;
            }
            Bucket fresh = new Bucket(epoch);
            Bucket witness = ring.compareAndExchange(slot, held, fresh);
            if (witness == held) {
                return fresh;
            }
            held = witness;
        }
        return held;
    }

    private long[] sums(long epoch) {
        long calls = 0;
        long failures = 0;
        long slow = 0;
        for (int k = 0; k < buckets; k++) {
            Bucket b = ring.get(k);
            if (b.epoch <= epoch && b.epoch > epoch - buckets) {
                calls += b.calls;
                failures += b.failures;
                slow += b.slow;
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

    /** One bucket period's counts; its epoch never changes. */
    static final class Bucket {
        static final AtomicLongFieldUpdater<Bucket> CALLS = AtomicLongFieldUpdater.newUpdater(Bucket.class, "calls");
        static final AtomicLongFieldUpdater<Bucket> FAILURES =
                AtomicLongFieldUpdater.newUpdater(Bucket.class, "failures");
        static final AtomicLongFieldUpdater<Bucket> SLOW = AtomicLongFieldUpdater.newUpdater(Bucket.class, "slow");

        final long epoch;
        volatile long calls;
        volatile long failures;
        volatile long slow;

        Bucket(long epoch) {
            this.epoch = epoch;
        }
    }
}
