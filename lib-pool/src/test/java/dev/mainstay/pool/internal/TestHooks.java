package dev.mainstay.pool.internal;

import dev.mainstay.pool.Pool;

/** Lets tests run one housekeeping pass at the moment they choose, with their fake ticker. */
public final class TestHooks {

    private TestHooks() {}

    public static void maintain(Pool<?> pool) {
        ((SlotPool<?>) pool).maintain();
    }
}
