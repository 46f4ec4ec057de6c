package dev.mainstay.pool;

import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.jetbrains.kotlinx.lincheck.LinChecker;
import org.jetbrains.kotlinx.lincheck.annotations.Operation;
import org.jetbrains.kotlinx.lincheck.annotations.Validate;
import org.jetbrains.kotlinx.lincheck.strategy.stress.StressOptions;
import org.junit.jupiter.api.Test;

/**
 * Linearizability of the claim/release state machine against a counter of free objects: with two objects, a
 * try-borrow ({@code borrow(Duration.ZERO)}) succeeds exactly when one is free, and a give-back frees one.
 * Stress strategy (the pool's creator and housekeeper threads rule out model checking).
 *
 * <p>A give-back takes effect when its {@code close()} does: a held lease leaves {@link #held} only after it is
 * closed, and a give-back answers "nothing held" only when {@link #held} is empty and no {@link #tryBorrow} is under
 * way (a lease is lent before it enters {@link #held}), so that no operation can see a lease that is neither held nor
 * free.
 */
public class PoolLincheckTest {

    private final Pool<Object> pool = Pool.builder((Lifecycle<Object>) Object::new)
            .name("lincheck").maxSize(2).minIdle(2)
            .validateAfterIdle(Pool.NEVER).idleTimeout(Pool.NEVER).maxLifetime(Pool.NEVER)
            .build();
    private final ConcurrentLinkedDeque<Held> held = new ConcurrentLinkedDeque<>();
    /** {@link #tryBorrow} calls under way: a lease they were lent may not be in {@link #held} yet. */
    private final AtomicInteger borrowing = new AtomicInteger();

    public PoolLincheckTest() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (pool.metrics().idle() < 2) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("the pool never made its 2 objects: " + pool);
            }
            LockSupport.parkNanos(50_000);
        }
    }

    @Operation
    public boolean tryBorrow() {
        borrowing.incrementAndGet();
        try {
            held.push(new Held(pool.borrow(Duration.ZERO)));
            return true;
        } catch (PoolTimeoutException e) {
            return false;
        } finally {
            borrowing.decrementAndGet();
        }
    }

    @Operation
    public boolean giveBack() {
        for (;;) {
            for (Held one : held) {
                if (one.returning.compareAndSet(false, true)) {
                    one.lease.close();
                    held.remove(one);
                    return true;
                }
            }
            if (held.isEmpty() && borrowing.get() == 0) {
                return false;
            }
            // another give-back is closing the last lease, or a lent lease is on its way into held: wait
            LockSupport.parkNanos(1_000);
        }
    }

    @Validate
    public void closeThePool() {
        held.forEach(one -> one.lease.close());
        pool.close(Duration.ofSeconds(1));
    }

    @Test
    void linearizableAgainstACounter() {
        StressOptions options = new StressOptions()
                .iterations(15)
                .invocationsPerIteration(20)
                .threads(2)
                .actorsPerThread(3)
                .sequentialSpecification(FreeObjects.class);
        LinChecker.check(PoolLincheckTest.class, options);
    }

    /** A lease in {@link #held}, and whether a give-back has taken it to close. */
    private record Held(Lease<Object> lease, AtomicBoolean returning) {
        Held(Lease<Object> lease) {
            this(lease, new AtomicBoolean());
        }
    }

    /** The sequential specification: a counter of free objects and a count of held ones. */
    public static final class FreeObjects {
        private int free = 2;
        private int held;

        public boolean tryBorrow() {
            if (free == 0) {
                return false;
            }
            free--;
            held++;
            return true;
        }

        public boolean giveBack() {
            if (held == 0) {
                return false;
            }
            held--;
            free++;
            return true;
        }
    }
}
