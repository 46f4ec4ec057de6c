package dev.mainstay.pool.internal;

import dev.mainstay.pool.PoolMetrics;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What the pool says about itself: its metrics, and the diagnosis a {@code PoolTimeoutException} carries (counts, a
 * creation running or failing, and the oldest holders with where they borrowed, when leak detection is on). Slow
 * paths only: nothing here runs on a borrow that finds an idle object.
 */
final class Diagnosis {

    private static final int HOLDERS_SHOWN = 3;
    private static final int FRAMES_SHOWN = 8;

    private Diagnosis() {}

    /** The pool's state and counters now. */
    static <T> PoolMetrics metrics(SlotPool<T> pool) {
        int inUse = 0;
        int idle = 0;
        for (Slot<T> slot : pool.slots) {
            if (slot != null) {
                long state = slot.phase();
                if (state == Slot.CLAIMED) {
                    inUse++;
                } else if (state == Slot.IDLE) {
                    idle++;
                }
            }
        }
        return new PoolMetrics(pool.name, inUse, idle, pool.size.get(), pool.maxSize, pool.minIdle, pool.waiting,
                pool.created.get(), pool.destroyed.get(), pool.createFailures.get(), pool.waits.get(),
                pool.timeouts.get());
    }

    /** The state of the pool in words, for {@link PoolTimeoutException}. */
    static <T> String of(SlotPool<T> pool) {
        PoolMetrics m = metrics(pool);
        StringBuilder text = new StringBuilder()
                .append(m.inUse()).append(" in use, ")
                .append(m.idle()).append(" idle, max ")
                .append(m.maxSize()).append(", ")
                .append(m.waiting()).append(" waiting");
        long since = pool.creator.creatingSince;
        if (since != Creator.NOT_CREATING) {
            text.append("; a creation has been running for ").append(millis(pool.ticker.getAsLong() - since));
        }
        Throwable failure = pool.creator.lastCreateFailure;
        if (failure != null) {
            text.append("; last creation failed (").append(pool.creator.consecutiveFailures).append(" in a row): ")
                    .append(failure);
        } else if (m.size() < m.maxSize() && since == Creator.NOT_CREATING) {
            text.append("; no creation failure");
        }
        if (pool.trackLeaks) {
            appendHolders(pool, text);
        } else {
            text.append("; leak detection is off, so holders are not known");
        }
        return text.toString();
    }

    private static <T> void appendHolders(SlotPool<T> pool, StringBuilder text) {
        long now = pool.ticker.getAsLong();
        List<Slot<T>> held = new ArrayList<>();
        for (Slot<T> slot : pool.slots) {
            if (slot != null && slot.phase() == Slot.CLAIMED && slot.borrowedAt != Slot.NOT_BORROWED) {
                held.add(slot);
            }
        }
        held.sort(Comparator.comparingLong(slot -> slot.borrowedAt - now));
        text.append("; oldest holders:");
        if (held.isEmpty()) {
            text.append(" none");
        }
        for (Slot<T> slot : held.subList(0, Math.min(HOLDERS_SHOWN, held.size()))) {
            Throwable stack = slot.borrowStack;
            text.append("\n  held for ").append(millis(now - slot.borrowedAt));
            if (stack != null) {
                text.append(", ").append(stack.getMessage()).append(", at");
                StackTraceElement[] frames = stack.getStackTrace();
                int shown = 0;
                for (StackTraceElement frame : frames) {
                    if (frame.getClassName().startsWith("dev.mainstay.pool.internal.")) {
                        continue;
                    }
                    text.append("\n    at ").append(frame);
                    if (++shown == FRAMES_SHOWN) {
                        break;
                    }
                }
            }
        }
    }

    /** The borrow stack without the pool's own frames, so that it starts where the user borrowed. */
    static Throwable userStack(@Nullable Throwable borrowStack) {
        if (borrowStack == null) {
            return new Throwable("borrow stack unknown");
        }
        StackTraceElement[] frames = borrowStack.getStackTrace();
        int first = 0;
        while (first < frames.length && frames[first].getClassName().startsWith("dev.mainstay.pool.internal.")) {
            first++;
        }
        Throwable trimmed = new Throwable(borrowStack.getMessage());
        trimmed.setStackTrace(Arrays.copyOfRange(frames, first, frames.length));
        return trimmed;
    }

    static String millis(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos) + " ms";
    }
}
