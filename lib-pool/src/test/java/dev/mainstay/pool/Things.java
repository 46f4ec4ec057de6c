package dev.mainstay.pool;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** A lifecycle of numbered things that counts everything done to them, with optional random failures. */
final class Things implements Lifecycle<Things.Thing> {

    static final class Thing {
        final int id;
        final AtomicInteger holders = new AtomicInteger();
        volatile boolean destroyed;
        volatile boolean broken;
        volatile int resets;

        Thing(int id) {
            this.id = id;
        }

        @Override
        public String toString() {
            return "thing-" + id;
        }
    }

    final AtomicInteger created = new AtomicInteger();
    final AtomicInteger destroyed = new AtomicInteger();
    final AtomicInteger validations = new AtomicInteger();
    final Set<Thing> live = ConcurrentHashMap.newKeySet();
    final AtomicBoolean failCreate = new AtomicBoolean();
    volatile double createFailureRate;
    volatile double validateFailureRate;
    volatile long createDelayMillis;
    /** When set, {@link #create()} waits until it is opened (at most 30 s). */
    volatile CountDownLatch createGate;
    final AtomicInteger createCalls = new AtomicInteger();
    volatile boolean failReset;

    @Override
    public Thing create() throws Exception {
        createCalls.incrementAndGet();
        CountDownLatch gate = createGate;
        if (gate != null && !gate.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the create gate was never opened (test)");
        }
        if (createDelayMillis > 0) {
            Thread.sleep(createDelayMillis);
        }
        if (failCreate.get()) {
            throw new java.net.ConnectException("connection refused (test)");
        }
        if (createFailureRate > 0 && ThreadLocalRandom.current().nextDouble() < createFailureRate) {
            throw new IllegalStateException("random creation failure (test)");
        }
        Thing thing = new Thing(created.incrementAndGet());
        live.add(thing);
        return thing;
    }

    @Override
    public boolean validate(Thing thing) {
        validations.incrementAndGet();
        if (validateFailureRate > 0 && ThreadLocalRandom.current().nextDouble() < validateFailureRate) {
            return false;
        }
        return !thing.broken;
    }

    @Override
    public void reset(Thing thing) {
        if (failReset) {
            throw new IllegalStateException("reset failed (test)");
        }
        thing.resets++;
    }

    @Override
    public void destroy(Thing thing) {
        if (thing.destroyed) {
            throw new AssertionError(thing + " destroyed twice");
        }
        thing.destroyed = true;
        live.remove(thing);
        destroyed.incrementAndGet();
    }
}
