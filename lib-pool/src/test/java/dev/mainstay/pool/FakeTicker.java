package dev.mainstay.pool;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/** A test clock that starts near an overflow boundary and moves only when told to. */
final class FakeTicker implements LongSupplier {

    private final AtomicLong nanos;

    FakeTicker(long start) {
        this.nanos = new AtomicLong(start);
    }

    /** Starts just below {@code Long.MAX_VALUE}, so that elapsed-time arithmetic overflows within a minute. */
    static FakeTicker nearMax() {
        return new FakeTicker(Long.MAX_VALUE - Duration.ofSeconds(30).toNanos());
    }

    /** Starts below zero. */
    static FakeTicker negative() {
        return new FakeTicker(-Duration.ofDays(1).toNanos());
    }

    void advance(Duration by) {
        nanos.addAndGet(by.toNanos());
    }

    @Override
    public long getAsLong() {
        return nanos.get();
    }
}
