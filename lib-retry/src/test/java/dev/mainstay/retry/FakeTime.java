package dev.mainstay.retry;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/** A fake ticker and sleeper: sleeping only advances the ticker, and every sleep is remembered. */
final class FakeTime implements LongSupplier, Retry.Sleeper {

    final AtomicLong now;
    final List<Long> sleeps = new ArrayList<>();

    FakeTime(long start) {
        this.now = new AtomicLong(start);
    }

    /** Near the top of the range, so that adding a few seconds wraps past Long.MAX_VALUE. */
    static FakeTime nearMax() {
        return new FakeTime(Long.MAX_VALUE - 1_000_000_000L);
    }

    static FakeTime belowZero() {
        return new FakeTime(-5_000_000_000L);
    }

    @Override
    public long getAsLong() {
        return now.get();
    }

    @Override
    public void sleep(long nanos) {
        sleeps.add(nanos);
        now.addAndGet(nanos);
    }

    void advance(long nanos) {
        now.addAndGet(nanos);
    }
}
