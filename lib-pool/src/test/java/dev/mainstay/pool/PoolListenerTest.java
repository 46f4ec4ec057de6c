package dev.mainstay.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mainstay.pool.Things.Thing;
import dev.mainstay.pool.internal.TestHooks;
import dev.mainstay.testkit.LogCapture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The listener rule: a listener that throws from every method changes nothing anyone can observe; its first failure
 * is logged at WARNING with its class and the stack trace, the later ones at DEBUG.
 */
class PoolListenerTest {

    /** Throws from every method, and counts the calls, so the test knows each event was heard. */
    static final class ThrowingListener implements PoolListener {
        final AtomicInteger calls = new AtomicInteger();

        private void fail() {
            calls.incrementAndGet();
            throw new IllegalStateException("listener failure (test)");
        }

        @Override
        public void onCreated(String pool, Duration took) {
            fail();
        }

        @Override
        public void onCreateFailed(String pool, Throwable failure, int consecutiveFailures) {
            fail();
        }

        @Override
        public void onDestroyed(String pool, String reason) {
            fail();
        }

        @Override
        public void onBorrowWaited(String pool, Duration waited) {
            fail();
        }

        @Override
        public void onBorrowTimedOut(String pool, Duration waited) {
            fail();
        }

        @Override
        public void onLeakSuspected(String pool, Duration heldFor, Throwable borrowedAt) {
            fail();
        }
    }

    /**
     * One scenario that makes every event happen once or more: a creation failure, creations, waits, a timeout,
     * an eviction, a leak, a close. Answers what a user can see: each call's outcome, the metrics, the lifecycle's
     * counts.
     */
    private static List<String> scenario(PoolListener listener) throws Exception {
        Things things = new Things();
        FakeTicker ticker = FakeTicker.nearMax();
        Pool.Builder<Thing> builder = Pool.builder(things).name("heard").maxSize(2).ticker(ticker)
                .borrowTimeout(Duration.ofSeconds(5)).housekeepingInterval(Duration.ofDays(1))
                .leakDetectionThreshold(Duration.ofSeconds(10));
        if (listener != null) {
            builder.listener(listener);
        }
        Pool<Thing> pool = builder.build();
        ExecutorService borrower = Executors.newSingleThreadExecutor();
        List<String> seen = new ArrayList<>();
        try {
            things.failCreate.set(true);
            // waits through a failed creation
            Future<Lease<Thing>> first = borrower.submit(() -> pool.borrow(Duration.ofDays(1)));
            assertTrue(PoolTest.waitUntil(() -> pool.metrics().createFailures() == 1));
            things.failCreate.set(false);
            Lease<Thing> a = PoolTest.advanceUntilDone(ticker, first); // the creator's back-off is on the ticker
            Lease<Thing> b = pool.borrow();
            seen.add(a.get() + " " + b.get());
            seen.add(outcome(() -> pool.borrow(Duration.ZERO)));
            a.evict();
            assertTrue(TestHooks.awaitHousekeeper(pool));
            ticker.advance(Duration.ofSeconds(10));
            TestHooks.maintain(pool); // b is held past the threshold: a leak
            try (Lease<Thing> c = pool.borrow()) {
                seen.add(c.get().toString());
            }
            b.close();
            seen.add(strip(pool.metrics()));
        } finally {
            borrower.shutdownNow();
            seen.add("closed cleanly " + pool.close(Duration.ofSeconds(5)));
        }
        seen.add(strip(pool.metrics()));
        seen.add("created " + things.created + ", destroyed " + things.destroyed + ", validations "
                + things.validations);
        return seen;
    }

    private static String outcome(java.util.function.Supplier<Lease<Thing>> borrow) {
        try (Lease<Thing> lease = borrow.get()) {
            return "lent " + lease.get();
        } catch (RuntimeException e) {
            return e.getClass().getSimpleName();
        }
    }

    private static String strip(PoolMetrics m) {
        return m.toString().replace(m.name(), "");
    }

    @Test
    void aListenerThatThrowsFromEveryMethodChangesNothingObservable() throws Exception {
        List<String> quiet = scenario(null);
        ThrowingListener throwing = new ThrowingListener();
        try (LogCapture log = LogCapture.of("dev.mainstay.pool")) {
            List<String> heard = scenario(throwing);
            assertEquals(quiet, heard);
            // create failed 1, created 3, waited 2, timed out 1, destroyed 3, leak 1
            assertTrue(throwing.calls.get() >= 11, "every event reached the listener: " + throwing.calls);
            LogCapture.Entry first = log.assertListenerFailuresLogged("pool 'heard'", ThrowingListener.class,
                    throwing.calls.get());
            assertTrue(first.thrown() instanceof IllegalStateException, "with the stack trace");
        }
    }
}
