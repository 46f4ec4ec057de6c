package dev.mainstay.retry.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The last {@code size} outcomes, in a ring of one-byte slots, with running totals in one packed {@code long}.
 *
 * <p>Each record takes a ticket from a shared counter; the ticket picks the slot. The slot is swapped atomically
 * and the difference between the new and the evicted outcome is added to the totals, so the totals always equal
 * the sum of the slots, whatever the interleaving. A success landing on a slot that already holds a success
 * changes nothing and costs one plain read; a success while every slot holds a success (the healthy steady state)
 * takes no ticket at all: with all slots equal, where the ring stands makes no difference to any later window, so
 * skipping it is exact, and the hot path then writes nothing shared. The totals pack calls, failures and slow calls in three signed 21-bit
 * fields (window size at most 1,000,000 < 2^20, so transient negatives under races decode correctly).
 */
final class CountWindow extends Window {

    private static final VarHandle SLOTS = MethodHandles.arrayElementVarHandle(byte[].class);
    private static final int SHIFT = 21;
    private static final long[] CONTRIBUTION = {
        0L,                                           // empty
        1L << (2 * SHIFT),                            // success
        (1L << (2 * SHIFT)) + (1L << SHIFT),          // failure
        (1L << (2 * SHIFT)) + 1L,                     // slow success
        (1L << (2 * SHIFT)) + (1L << SHIFT) + 1L,     // slow failure
    };

    private final byte[] slots;
    private final int size;
    private final AtomicLong tickets = new AtomicLong();
    private final AtomicLong totals = new AtomicLong();
    private final long allSuccesses;

    CountWindow(int size, int minimumCalls, float failureRate, float slowCallRate) {
        super(Math.min(size, minimumCalls), failureRate, slowCallRate);
        this.size = size;
        this.slots = new byte[size];
        this.allSuccesses = CONTRIBUTION[SUCCESS] * size;
    }

    @Override
    public boolean record(int outcome, long now) {
        if (outcome == SUCCESS && totals.get() == allSuccesses) {
            // every slot holds a success: recording one more changes no slot wherever the ring stands, so the
            // healthy steady state writes nothing shared (no contention between threads)
            return false;
        }
        int slot = (int) (tickets.getAndIncrement() % size);
        if (outcome == SUCCESS && (byte) SLOTS.getOpaque(slots, slot) == SUCCESS) {
            return false;
        }
        int evicted = (byte) SLOTS.getAndSet(slots, slot, (byte) outcome);
        long delta = CONTRIBUTION[outcome] - CONTRIBUTION[evicted];
        if (outcome == SUCCESS) {
            if (delta != 0) {
                totals.addAndGet(delta);
            }
            return false;
        }
        long sums = delta == 0 ? totals.get() : totals.addAndGet(delta);
        long slow = low(sums);
        long rest = (sums - slow) >> SHIFT;
        long failures = low(rest);
        long calls = (rest - failures) >> SHIFT;
        return exceeded(calls, failures, slow);
    }

    /** The sign-extended low 21-bit field of {@code packed}. */
    private static long low(long packed) {
        return (packed << (64 - SHIFT)) >> (64 - SHIFT);
    }

    @Override
    public long[] counts(long now) {
        long sums = totals.get();
        long slow = low(sums);
        long rest = (sums - slow) >> SHIFT;
        long failures = low(rest);
        long calls = (rest - failures) >> SHIFT;
        return new long[] {calls, failures, slow};
    }

    @Override
    public boolean needsClock() {
        return false;
    }
}
