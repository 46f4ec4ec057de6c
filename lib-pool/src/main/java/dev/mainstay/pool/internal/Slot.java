package dev.mainstay.pool.internal;

import dev.mainstay.pool.Lease;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One place in the pool, holding one object for the object's whole life. The slot is also the {@link Lease}
 * handed to borrowers, which is why a borrow allocates nothing.
 *
 * <p>States: {@link #IDLE} (claimable), {@link #CLAIMED} (lent out, or being handed over), {@link #RESERVED}
 * (the housekeeper checks it), {@link #DEAD} (destroyed, never used again). Only a compare-and-set leaves
 * {@code IDLE}; {@code CLAIMED} and {@code RESERVED} are left only by their owner.
 */
final class Slot<T> extends SlotStatePadding<T> implements Lease<T> {

    static final int IDLE = 0;
    static final int CLAIMED = 1;
    static final int RESERVED = 2;
    static final int DEAD = 3;

    /** {@link #borrowedAt} when nobody holds the slot (leak tracking). */
    static final long NOT_BORROWED = Long.MIN_VALUE;

    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(SlotState.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final int index;
    final long createdAt;
    /** This object's lifetime, {@code maxLifetime} minus its jitter; {@code Long.MAX_VALUE} for no limit. */
    final long lifetime;

    /** Removed from the slot array by leak reclaim: its place was given to a replacement. */
    volatile boolean detached;
    /** Why the slot is doomed, for the listener. */
    volatile String doomReason = "evicted";

    /** When the object was last given back (only maintained when a feature needs it). Owner-written. */
    long lastUsed;
    /** When the housekeeper last validated the idle object (keepalive). Owner-written. */
    long lastChecked;
    /** When the current borrow began, or {@link #NOT_BORROWED} (leak tracking only). */
    volatile long borrowedAt = NOT_BORROWED;
    /** Where the current borrow began (leak tracking only). */
    volatile Throwable borrowStack;
    /** The current borrow was reported as a leak. */
    volatile boolean leakReported;

    Slot(SlotPool<T> pool, int index, T object, long createdAt, long lifetime) {
        super(pool, object);
        this.index = index;
        this.createdAt = createdAt;
        this.lifetime = lifetime;
        this.lastUsed = createdAt;
        this.lastChecked = createdAt;
        this.state = CLAIMED;
    }

    boolean cas(int expected, int next) {
        return STATE.compareAndSet(this, expected, next);
    }

    int stateGetAndSetDead() {
        return (int) STATE.getAndSet(this, DEAD);
    }

    void setRelease(int next) {
        STATE.setRelease(this, next);
    }

    void doom(String reason) {
        doomReason = reason;
        doomed = true;
    }

    @Override
    public T get() {
        if (state != CLAIMED) {
            throw new IllegalStateException("this lease of pool '" + pool.name() + "' was returned already");
        }
        return object;
    }

    @Override
    public void close() {
        pool.release(this);
    }

    @Override
    public void evict() {
        pool.evictLease(this);
    }

    @Override
    public String toString() {
        return "Lease[pool=" + pool.name() + ", object=" + object + "]";
    }
}

/**
 * Cache-line padding before {@link SlotState#state}: slots claimed by different threads share no line. The
 * {@code int} fills the gap after a 12-byte object header, where the JVM would otherwise put the state word.
 */
abstract class SlotHeadPadding {
    int p00;
    long p01, p02, p03, p04, p05, p06, p07, p08;
}

/**
 * The state word of a {@link Slot} and what every borrow and return reads with it, on one cache line that no other
 * slot shares: a borrow+return touches this line and no other line of the slot.
 */
abstract class SlotState<T> extends SlotHeadPadding {
    volatile int state;
    /** Destroy instead of lending again (evicted, expired, resized away, pool closing, leak reclaimed). */
    volatile boolean doomed;
    final SlotPool<T> pool;
    final T object;

    SlotState(SlotPool<T> pool, T object) {
        this.pool = pool;
        this.object = object;
    }
}

/** Cache-line padding after {@link SlotState}. */
abstract class SlotStatePadding<T> extends SlotState<T> {
    long p11, p12, p13, p14, p15, p16, p17, p18;

    SlotStatePadding(SlotPool<T> pool, T object) {
        super(pool, object);
    }
}
