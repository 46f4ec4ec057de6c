package dev.mainstay.pool.internal;

import dev.mainstay.pool.Pool;
import java.util.concurrent.TimeUnit;

/**
 * Lets tests run one housekeeping pass at the moment they choose, with their fake ticker, and see where a thread's
 * next borrow starts.
 */
public final class TestHooks {

    private TestHooks() {}

    public static void maintain(Pool<?> pool) {
        ((SlotPool<?>) pool).housekeeper.maintain();
    }

    /** Advances the pool's coarse clock to its ticker's reading now, as the housekeeper does every tick. */
    public static void tick(Pool<?> pool) {
        ((SlotPool<?>) pool).housekeeper.tick();
    }

    /** Stops the pool's background clock ticks: from now on only {@link #tick(Pool)} advances its clock. */
    public static void holdClock(Pool<?> pool) {
        ((SlotPool<?>) pool).housekeeper.holdClock();
    }

    /** The coarse clock's reading: the ticker's value at the housekeeper's last tick. */
    public static long clockNow(Pool<?> pool) {
        return ((SlotPool<?>) pool).clock.now;
    }

    /** The coarse clock's tick in nanoseconds, 0 if the pool reads its ticker on borrow and return. */
    public static long tickNanos(Pool<?> pool) {
        return ((SlotPool<?>) pool).tickNanos();
    }

    /**
     * Waits until the pool's housekeeper has run what is queued on it now (a validation pass after
     * {@code suspectAll}) and what that queued in turn (the destroys of the objects the pass found broken).
     *
     * @return {@code false} if it did not within 10 s
     */
    public static boolean awaitHousekeeper(Pool<?> pool) throws InterruptedException {
        return ((SlotPool<?>) pool).housekeeper.awaitHousekeeper(TimeUnit.SECONDS.toNanos(10));
    }

    /** The slot index the calling thread's next borrow from {@code pool} tries first. */
    public static int hint(Pool<?> pool) {
        return ((SlotPool<?>) pool).hint();
    }
}
