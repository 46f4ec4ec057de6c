package dev.mainstay.lock.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Locks of one JVM. Each name has a slot that points at its latest grant; the grant's lease end is one word that
 * the holder's extend and release and a taker's claim of an expired lease each change by compare-and-set, so
 * exactly one of them wins. A new grant's token is the slot's previous grant's token plus one, fixed before the
 * compare-and-set that installs it, so tokens of a name strictly increase. Slots of released names are swept when
 * the map has doubled since the last sweep (amortized O(1)); a swept name's next token starts above every token
 * swept before.
 *
 * <p>Acquire is one map read, one ticker read, one compare-and-set and the handle's allocation; release is one
 * compare-and-set and no ticker read. A release after the lease ended but before anyone took the lock reports
 * "held": no other grant was made in between, so exclusion was never broken (remote backends cannot know that,
 * and report the loss).
 */
public final class MemoryBackend extends LockBackend {

    /** A lease end that marks a grant released. */
    static final long RELEASED_END = Long.MIN_VALUE;
    /** A lease end that marks a grant whose expired lease a taker has claimed. */
    static final long TAKEN_END = Long.MIN_VALUE + 1;

    private static final VarHandle CURRENT;
    private static final VarHandle LEASE_END;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            CURRENT = lookup.findVarHandle(Slot.class, "current", MemoryGrant.class);
            LEASE_END = lookup.findVarHandle(MemoryGrant.class, "leaseEnd", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final LongSupplier ticker;
    private final ConcurrentHashMap<String, Slot> slots = new ConcurrentHashMap<>();
    /** The highest token of any swept slot. */
    private final AtomicLong sweptTokens = new AtomicLong();
    private final AtomicLong nextSweep = new AtomicLong(1024);

    /**
     * An in-memory backend.
     *
     * @param ticker the clock of leases
     */
    public MemoryBackend(LongSupplier ticker) {
        this.ticker = ticker;
    }

    /** One name: its latest grant; {@link #SWEPT} once removed from the map. */
    static final class Slot {
        volatile MemoryGrant current;

        Slot(MemoryGrant first) {
            this.current = first;
        }
    }

    /** A grant whose lease end lives in the handle itself. */
    static final class MemoryGrant extends Grant {
        volatile long leaseEnd;

        MemoryGrant(LockService service, String name, long token, long leaseNanos, long start) {
            super(service, name, null, token, leaseNanos, start);
            this.leaseEnd = start + leaseNanos;
        }
    }

    private static final LockService MARKER_SERVICE = new LockService(
            new dev.mainstay.lock.LockConfig("marker", () -> 0, dev.mainstay.lock.LockConfig.NO_LISTENER, null, 0),
            new LockBackend() {
                @Override
                public String kind() {
                    return "marker";
                }

                @Override
                public @Nullable Grant tryAcquire(LockService service, String name, long leaseNanos, long start) {
                    throw new UnsupportedOperationException();
                }

                @Override
                public boolean extend(Grant grant, long leaseNanos) {
                    throw new UnsupportedOperationException();
                }

                @Override
                public boolean release(Grant grant) {
                    throw new UnsupportedOperationException();
                }
            });

    /** The marker grant of a slot that left the map. */
    private static final MemoryGrant SWEPT = marker(Long.MAX_VALUE);

    private static MemoryGrant marker(long token) {
        MemoryGrant marker = new MemoryGrant(MARKER_SERVICE, "-", token, 1, 0);
        marker.leaseEnd = RELEASED_END;
        return marker;
    }


    @Override
    public String kind() {
        return "memory";
    }

    @Override
    public long minLeaseNanos() {
        return 1;
    }

    @Override
    public @Nullable Grant tryAcquire(LockService service, String name, long leaseNanos, long start) {
        for (;;) {
            Slot slot = slots.get(name);
            if (slot == null) {
                MemoryGrant grant = new MemoryGrant(service, name, sweptTokens.get() + 1, leaseNanos, start);
                slot = slots.putIfAbsent(name, new Slot(grant));
                if (slot == null) {
                    maybeSweep();
                    return grant;
                }
            }
            MemoryGrant current = slot.current;
            if (current == SWEPT) {
                Thread.onSpinWait(); // the sweeper is removing it from the map
                continue;
            }
            long end = current.leaseEnd;
            if (end == TAKEN_END) {
                return null; // a taker is installing its grant
            }
            if (end != RELEASED_END) {
                if (start - end < 0) {
                    return null; // held
                }
                if (!LEASE_END.compareAndSet(current, end, TAKEN_END)) {
                    continue; // extended, released or taken meanwhile: look again
                }
                // the expired lease is ours to replace: nobody else changes this slot now
                MemoryGrant grant = new MemoryGrant(service, name, current.token() + 1, leaseNanos, start);
                slot.current = grant;
                return grant;
            }
            MemoryGrant grant = new MemoryGrant(service, name, current.token() + 1, leaseNanos, start);
            if (CURRENT.compareAndSet(slot, current, grant)) {
                return grant;
            }
        }
    }

    @Override
    public boolean extend(Grant grant, long leaseNanos) {
        MemoryGrant g = (MemoryGrant) grant;
        long now = ticker.getAsLong();
        for (;;) {
            long end = g.leaseEnd;
            if (end == RELEASED_END || end == TAKEN_END || now - end >= 0) {
                return false;
            }
            if (LEASE_END.compareAndSet(g, end, now + leaseNanos)) {
                return true;
            }
        }
    }

    @Override
    public boolean release(Grant grant) {
        MemoryGrant g = (MemoryGrant) grant;
        for (;;) {
            long end = g.leaseEnd;
            if (end == RELEASED_END || end == TAKEN_END) {
                return false;
            }
            if (LEASE_END.compareAndSet(g, end, RELEASED_END)) {
                // Nobody took the lock since this grant (a taker would have marked it TAKEN_END), so no other grant
                // was made: held exclusively until now, even if the lease ended a moment ago. No clock read.
                return true;
            }
        }
    }

    /** Sweeps released slots once the map has doubled since the last sweep. */
    private void maybeSweep() {
        long threshold = nextSweep.get();
        if (slots.size() < threshold || !nextSweep.compareAndSet(threshold, Long.MAX_VALUE)) {
            return;
        }
        for (var entry : slots.entrySet()) {
            Slot slot = entry.getValue();
            MemoryGrant current = slot.current;
            if (current.leaseEnd == RELEASED_END && CURRENT.compareAndSet(slot, current, SWEPT)) {
                sweptTokens.accumulateAndGet(current.token(), Math::max);
                slots.remove(entry.getKey(), slot);
            }
        }
        nextSweep.set(Math.max(1024, 2L * slots.size()));
    }

    /**
     * The number of names with a slot.
     *
     * @return the count
     */
    public int size() {
        return slots.size();
    }
}
