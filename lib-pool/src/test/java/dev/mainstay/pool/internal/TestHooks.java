package dev.mainstay.pool.internal;

import dev.mainstay.pool.Pool;

/**
 * Lets tests run one housekeeping pass at the moment they choose, with their fake ticker, and see where a thread's
 * next borrow starts.
 */
public final class TestHooks {

    private TestHooks() {}

    public static void maintain(Pool<?> pool) {
        ((SlotPool<?>) pool).maintain();
    }

    /** Advances the pool's coarse clock to its ticker's reading now, as the housekeeper does every tick. */
    public static void tick(Pool<?> pool) {
        ((SlotPool<?>) pool).tick();
    }

    /** Stops the pool's background clock ticks: from now on only {@link #tick(Pool)} advances its clock. */
    public static void holdClock(Pool<?> pool) {
        ((SlotPool<?>) pool).holdClock();
    }

    /** The coarse clock's tick in nanoseconds, 0 if the pool reads its ticker on borrow and return. */
    public static long tickNanos(Pool<?> pool) {
        return ((SlotPool<?>) pool).tickNanos();
    }

    /** The slot index the calling thread's next borrow from {@code pool} tries first. */
    public static int hint(Pool<?> pool) {
        return ((SlotPool<?>) pool).hint();
    }
}
