package dev.mainstay.retry;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Bounded waits for the tests: a test that goes wrong fails after {@link #SECONDS} seconds instead of hanging the
 * JVM. Failures of the awaited work surface as they would from the unbounded wait.
 */
public final class Waits {

    /** The longest any test waits for one thing. */
    public static final long SECONDS = 30;

    private Waits() {}

    /**
     * {@link Future#get()}, bounded.
     *
     * @param future the future
     * @param <T> its type
     * @return its value
     * @throws ExecutionException as {@link Future#get()} does
     * @throws TimeoutException if it is not done in time
     */
    public static <T> T get(Future<T> future) throws InterruptedException, ExecutionException, TimeoutException {
        return future.get(SECONDS, TimeUnit.SECONDS);
    }

    /**
     * {@link Thread#join()}, bounded; fails if the thread is still alive.
     *
     * @param thread the thread
     */
    public static void join(Thread thread) throws InterruptedException {
        thread.join(TimeUnit.SECONDS.toMillis(SECONDS));
        assertFalse(thread.isAlive(), thread.getName() + " still running after " + SECONDS + " s");
    }

    /**
     * {@link CountDownLatch#await()}, bounded; fails if the latch is not open in time.
     *
     * @param latch the latch
     */
    public static void await(CountDownLatch latch) throws InterruptedException {
        assertTrue(latch.await(SECONDS, TimeUnit.SECONDS), "latch still closed after " + SECONDS + " s");
    }

    /**
     * {@link CyclicBarrier#await()}, bounded.
     *
     * @param barrier the barrier
     * @throws TimeoutException if the other parties do not arrive in time
     */
    public static void await(CyclicBarrier barrier) throws Exception {
        barrier.await(SECONDS, TimeUnit.SECONDS);
    }
}
