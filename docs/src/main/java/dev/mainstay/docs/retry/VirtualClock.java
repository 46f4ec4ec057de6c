package dev.mainstay.docs.retry;

import dev.mainstay.retry.Retry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A ticker and sleeper for examples and tests: sleeping advances the clock instead of waiting, and is remembered.
 * Starts near {@code Long.MAX_VALUE}, so the arithmetic of the code under test must survive the wrap.
 */
public final class VirtualClock implements LongSupplier, Retry.Sleeper {

    private final AtomicLong nanos = new AtomicLong(Long.MAX_VALUE - 3_000_000_000L);
    private final List<Long> sleeps = new ArrayList<>();

    @Override
    public long getAsLong() {
        return nanos.get();
    }

    @Override
    public synchronized void sleep(long nanosToSleep) {
        sleeps.add(nanosToSleep);
        nanos.addAndGet(nanosToSleep);
    }

    /** Moves the clock on. */
    public void advance(java.time.Duration duration) {
        nanos.addAndGet(duration.toNanos());
    }

    /** Every sleep so far, in nanoseconds. */
    public synchronized List<Long> sleeps() {
        return List.copyOf(sleeps);
    }
}
