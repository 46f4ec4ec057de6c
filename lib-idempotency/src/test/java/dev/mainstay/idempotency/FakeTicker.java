package dev.mainstay.idempotency;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/** A ticker the test moves by hand. Start it near {@code Long.MAX_VALUE} or below zero to catch overflow. */
public final class FakeTicker implements LongSupplier {

    private final AtomicLong nanos;

    public FakeTicker(long start) {
        this.nanos = new AtomicLong(start);
    }

    @Override
    public long getAsLong() {
        return nanos.get();
    }

    public void advance(long delta) {
        nanos.addAndGet(delta);
    }
}
