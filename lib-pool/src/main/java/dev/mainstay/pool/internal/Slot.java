package dev.mainstay.pool.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One place in the pool, holding one object for the object's whole life.
 *
 * <p>The state word is a {@code long}: a phase in its two low bits, {@link #IDLE} (claimable), {@link #CLAIMED}
 * (lent out, or being handed over), {@link #RESERVED} (the housekeeper checks it, or a return resets it) or
 * {@link #DEAD} (destroyed, never used again), and a generation above them that grows by one with every claim.
 * The claimed word is therefore different for every borrow: it is the claim stamp that the borrower's
 * {@link SlotLease} carries, and a lease acts on the slot only by a compare-and-set from its stamp. A lease that was
 * returned already (closed twice, closed from another thread, kept after close) holds an old stamp, which the state
 * word never holds again, so it cannot touch whoever holds the object next.
 *
 * <p>Only a compare-and-set leaves {@code IDLE}; {@code CLAIMED} and {@code RESERVED} are left only by their owner.
 */
final class Slot<T> extends SlotStatePadding<T> {

    static final long IDLE = 0;
    static final long CLAIMED = 1;
    static final long RESERVED = 2;
    static final long DEAD = 3;
    private static final long PHASE = 3;
    private static final long GENERATION = 4;

    /** {@link #borrowedAt} when nobody holds the slot (leak tracking). */
    static final long NOT_BORROWED = Long.MIN_VALUE;

    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(SlotState.class, "state", long.class);
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

    /** When the housekeeper last validated the idle object (keepalive). Owner-written. */
    long lastChecked;
    /**
     * When the object was last in use, to within one tick: on a pool with a coarse clock the housekeeper writes it
     * as it samples the slots ({@code Housekeeper.sample}); on a pool without one every return writes the ticker's
     * reading. Read by a borrow that validates after idle, and by the housekeeper. Off the state word's line, so
     * the housekeeper's writes never touch the line borrowers claim on.
     */
    volatile long lastUsed;
    /** The state word the housekeeper saw at its last sample; housekeeper-only. */
    long sampledState;
    /** When the current borrow began, or {@link #NOT_BORROWED} (leak tracking only). */
    volatile long borrowedAt = NOT_BORROWED;
    /** Where the current borrow began (leak tracking only). */
    volatile @Nullable Throwable borrowStack;
    /** The current borrow was reported as a leak. */
    volatile boolean leakReported;

    Slot(SlotPool<T> pool, int index, T object, long createdAt, long lifetime) {
        super(pool, object);
        this.index = index;
        this.createdAt = createdAt;
        this.lifetime = lifetime;
        this.lastUsed = createdAt;
        this.lastChecked = createdAt;
        this.state = GENERATION | CLAIMED;
    }

    /** The phase of a state word: {@link #IDLE}, {@link #CLAIMED}, {@link #RESERVED} or {@link #DEAD}. */
    static long phase(long word) {
        return word & PHASE;
    }

    /** The phase of the state word now. */
    long phase() {
        return state & PHASE;
    }

    /** The claimed word that follows {@code word}: the next generation, so a new claim stamp. */
    static long claimedAfter(long word) {
        return (word & ~PHASE) + GENERATION + CLAIMED;
    }

    /** The idle word of the same generation as {@code word}. */
    static long idleOf(long word) {
        return word & ~PHASE;
    }

    /** The reserved word of the same generation as {@code word}. */
    static long reservedOf(long word) {
        return (word & ~PHASE) | RESERVED;
    }

    boolean cas(long expected, long next) {
        return STATE.compareAndSet(this, expected, next);
    }

    /** Claims the slot if it is idle; the new state word is the claim stamp. */
    boolean claimIfIdle() {
        long word = state;
        return phase(word) == IDLE && STATE.compareAndSet(this, word, claimedAfter(word));
    }

    /** Reserves the slot for its owner-to-be (housekeeper, eviction, close) if it is idle. */
    boolean reserveIfIdle() {
        long word = state;
        return phase(word) == IDLE && STATE.compareAndSet(this, word, reservedOf(word));
    }

    /** Marks the slot dead, whoever owns it; answers the phase it had. */
    long stateGetAndSetDead() {
        return phase((long) STATE.getAndSet(this, DEAD));
    }

    void setRelease(long next) {
        STATE.setRelease(this, next);
    }

    void doom(String reason) {
        doomReason = reason;
        doomed = true;
    }

    @Override
    public String toString() {
        return "Slot[pool=" + pool.name() + ", index=" + index + ", object=" + object + "]";
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
    /** Phase and generation; see {@link Slot}. */
    volatile long state;
    /** Destroy instead of lending again (evicted, expired, resized away, pool closing, leak reclaimed). */
    volatile boolean doomed;
    /** Validate before lending again ({@code suspectAll}: a failure has probably broken every object). */
    volatile boolean suspect;
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
