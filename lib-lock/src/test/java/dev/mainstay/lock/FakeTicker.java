package dev.mainstay.lock;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/** A ticker the test moves by hand. Start it near {@code Long.MAX_VALUE} or below zero to catch overflow. */
final class FakeTicker implements LongSupplier {

    private final AtomicLong nanos;

    FakeTicker(long start) {
        this.nanos = new AtomicLong(start);
    }

    @Override
    public long getAsLong() {
        return nanos.get();
    }

    void advance(long delta) {
        nanos.addAndGet(delta);
    }
}
