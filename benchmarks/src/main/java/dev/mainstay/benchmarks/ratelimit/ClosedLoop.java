package dev.mainstay.benchmarks.ratelimit;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/** Client threads that each make one decision after another, as fast as they can, for a while. */
public final class ClosedLoop {

    private ClosedLoop() {}

    /**
     * Runs {@code decision} on {@code threads} threads for {@code seconds} and answers how many decisions were made.
     * A decision that throws stops the whole run, and the first failure is rethrown here.
     */
    public static long run(int threads, int seconds, Runnable decision) throws InterruptedException {
        LongAdder decisions = new LongAdder();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(threads);
        for (int t = 0; t < threads; t++) {
            Thread thread = new Thread(() -> {
                try {
                    while (!stop.get()) {
                        decision.run();
                        decisions.increment();
                    }
                } catch (RuntimeException e) {
                    failure.compareAndSet(null, e);
                    stop.set(true);
                } finally {
                    done.countDown();
                }
            }, "throughput-" + t);
            thread.setDaemon(true);
            thread.start();
        }
        done.await(seconds, TimeUnit.SECONDS);
        stop.set(true);
        done.await();
        if (failure.get() != null) {
            throw failure.get();
        }
        return decisions.sum();
    }
}
