package dev.mainstay.ratelimit;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/** Races for tests: bodies on threads of their own, released at once. */
public final class Together {

    private Together() {}

    /** How long a race may take before the test fails instead of hanging. */
    public static final long TIMEOUT_SECONDS = 60;

    /**
     * Runs each body on a thread of its own, all released at once, and returns when every one is done; fails (and
     * interrupts the threads left) when one is not done within {@link #TIMEOUT_SECONDS}, or when a body threw.
     */
    public static void run(List<Runnable> bodies) throws InterruptedException {
        java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (Runnable body : bodies) {
            Thread thread = new Thread(() -> {
                try {
                    if (!go.await(TIMEOUT_SECONDS, java.util.concurrent.TimeUnit.SECONDS)) {
                        return;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                try {
                    body.run();
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                }
            });
            thread.setDaemon(true);
            thread.start();
            threads.add(thread);
        }
        go.countDown();
        joinAll(threads);
        if (failure.get() != null) {
            throw new AssertionError("a racing body failed", failure.get());
        }
    }

    /**
     * Waits for the threads, {@link #TIMEOUT_SECONDS} at most in all; fails, interrupting those left, if any is
     * still running then.
     */
    public static void joinAll(List<Thread> threads) throws InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        for (Thread thread : threads) {
            long left = deadline - System.nanoTime();
            if (left > 0) {
                java.util.concurrent.TimeUnit.NANOSECONDS.timedJoin(thread, left);
            }
        }
        List<Thread> hung = threads.stream().filter(Thread::isAlive).toList();
        if (!hung.isEmpty()) {
            hung.forEach(Thread::interrupt);
            throw new AssertionError(hung.size() + " thread(s) still running after " + TIMEOUT_SECONDS + " s");
        }
    }
}
