package dev.mainstay.pool.internal;

import dev.mainstay.pool.Lease;

/**
 * One borrow of a {@link Slot}: the slot and the claim stamp the borrow wrote into the slot's state word. Every
 * operation acts only if the state word still holds the stamp, so once the lease is returned (by this lease,
 * from any thread) it can no longer touch the slot, whoever borrows it next. A second {@link #close()} or
 * {@link #evict()} is a no-op; {@link #get()} throws. One is allocated per borrow; when the lease does not leave
 * the borrowing method (try-with-resources), the JIT's escape analysis removes the allocation.
 */
final class SlotLease<T> implements Lease<T> {

    private final Slot<T> slot;
    private final long stamp;

    SlotLease(Slot<T> slot, long stamp) {
        this.slot = slot;
        this.stamp = stamp;
    }

    @Override
    public T get() {
        Slot<T> s = slot;
        if (s.state != stamp) {
            throw s.pool.returnedAlready();
        }
        return s.object;
    }

    @Override
    public void close() {
        slot.pool.release(slot, stamp);
    }

    @Override
    public void evict() {
        slot.pool.evictLease(slot, stamp);
    }

    @Override
    public String toString() {
        Slot<T> s = slot;
        return "Lease[pool=" + s.pool.name() + ", object=" + s.object + (s.state == stamp ? "" : ", returned") + "]";
    }
}
