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

    /** The slot index the calling thread's next borrow from {@code pool} tries first. */
    public static int hint(Pool<?> pool) {
        return ((SlotPool<?>) pool).hint();
    }
}
