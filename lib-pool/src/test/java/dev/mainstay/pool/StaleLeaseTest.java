package dev.mainstay.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mainstay.pool.Things.Thing;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A lease used after it was given back (closed twice, read, evicted) never touches whoever holds the object next.
 * A second {@code close()} or {@code evict()} is a no-op; {@code get()} throws.
 */
class StaleLeaseTest {

    private final Things things = new Things();
    private final List<Pool<?>> pools = new ArrayList<>();

    @AfterEach
    void closePools() {
        for (Pool<?> pool : pools) {
            pool.close(Duration.ZERO);
        }
    }

    private Pool<Thing> pool(int maxSize) {
        Pool<Thing> pool = Pool.builder(things).name("stale").maxSize(maxSize)
                .borrowTimeout(Duration.ofSeconds(5)).build();
        pools.add(pool);
        return pool;
    }

    /** The sequence of issue 12: close in a finally block and by try-with-resources, while another holds it. */
    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void aSecondCloseDoesNotReleaseTheNextBorrowersHold(int maxSize) {
        Pool<Thing> pool = pool(maxSize);
        Lease<Thing> a = pool.borrow();
        Thing thing = a.get();
        a.close();
        Lease<Thing> b = pool.borrow();
        assertSame(thing, b.get(), "the same object, lent again");
        assertNotSame(a, b, "each borrow has its own lease");

        a.close(); // the stale second close: a no-op

        assertEquals(1, pool.metrics().inUse(), pool.metrics().toString());
        assertEquals(0, pool.metrics().idle(), pool.metrics().toString());
        if (maxSize == 1) {
            assertThrows(PoolTimeoutException.class, () -> pool.borrow(Duration.ZERO));
        } else {
            try (Lease<Thing> c = pool.borrow()) {
                assertNotSame(thing, c.get(), "the third borrower gets another object");
            }
        }
        assertSame(thing, b.get());
        b.close();
        b.close();
        assertEquals(things.created.get(), pool.metrics().idle());
        assertEquals(0, pool.metrics().inUse());
    }

    @Test
    void aStaleGetThrowsAndAStaleEvictIsANoOpWhileSomeoneElseHoldsTheObject() {
        Pool<Thing> pool = pool(1);
        Lease<Thing> a = pool.borrow();
        Thing thing = a.get();
        a.close();
        assertThrows(IllegalStateException.class, a::get);
        try (Lease<Thing> b = pool.borrow()) {
            assertThrows(IllegalStateException.class, a::get, "a stale get never returns the next holder's object");
            a.evict();
            assertFalse(thing.destroyed, "a stale evict never destroys the next holder's object");
            assertSame(thing, b.get());
            assertEquals(1, pool.metrics().inUse());
        }
        assertEquals(0, things.destroyed.get());
        try (Lease<Thing> c = pool.borrow(Duration.ZERO)) {
            assertSame(thing, c.get(), "still pooled: nothing was destroyed or lost");
        }
    }

    @Test
    void closeAfterEvictAndEvictAfterCloseAreNoOps() {
        Pool<Thing> pool = pool(1);
        Lease<Thing> a = pool.borrow();
        Thing first = a.get();
        a.evict();
        a.close();
        a.evict();
        try (Lease<Thing> b = pool.borrow()) {
            assertNotSame(first, b.get());
            a.close();
            a.evict();
            assertFalse(b.get().destroyed);
            assertEquals(1, pool.metrics().inUse());
        }
        assertTrue(pool.close(Duration.ofSeconds(5)));
        assertTrue(first.destroyed);
        assertEquals(2, things.destroyed.get(), "the evicted one once, the other when the pool closed");
    }
}
