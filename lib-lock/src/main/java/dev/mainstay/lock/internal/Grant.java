package dev.mainstay.lock.internal;

import dev.mainstay.lock.LockHandle;
import dev.mainstay.lock.LockLostException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A handle: one grant of one lock. Remote backends identify it by {@code (name, owner, token)}; the owner is a
 * random id of this handle alone.
 */
public class Grant implements LockHandle {

    static final int HELD = 0;
    static final int LOST = 1;
    static final int RELEASED = 2;

    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(Grant.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final LockService service;
    private final String name;
    private final @Nullable String owner;
    private final long token;
    private final long leaseNanos;
    private volatile int state;
    /** The local deadline on the ticker: lease start (before the request was sent) + lease - safety margin. */
    private volatile long deadline;
    /** The renewal callback; non-null while renewing. */
    volatile @Nullable Consumer<? super LockLostException> onLost;
    /** When the watchdog renews next, on the ticker. */
    volatile long nextRenewal;

    /**
     * A grant.
     *
     * @param service    the lock service
     * @param name       the lock's name
     * @param owner      the owner id the backend stored ({@code null} in memory, where the handle is the owner)
     * @param token      the fencing token
     * @param leaseNanos the lease
     * @param start      the ticker's reading taken before the request was sent
     */
    public Grant(LockService service, String name, @Nullable String owner, long token, long leaseNanos, long start) {
        this.service = service;
        this.name = name;
        this.owner = owner;
        this.token = token;
        this.leaseNanos = leaseNanos;
        this.deadline = start + leaseNanos - service.marginNanos(leaseNanos);
    }

    @Override
    public final String name() {
        return name;
    }

    /**
     * The owner id stored by the backend.
     *
     * @return the owner id, {@code null} in memory
     */
    public final @Nullable String owner() {
        return owner;
    }

    @Override
    public final long token() {
        return token;
    }

    /**
     * The lease this grant was taken with.
     *
     * @return nanoseconds
     */
    public final long leaseNanos() {
        return leaseNanos;
    }

    @Override
    public final boolean isHeld() {
        return state == HELD && service.ticker.getAsLong() - deadline < 0;
    }

    @Override
    public final Duration remaining() {
        if (state != HELD) {
            return Duration.ZERO;
        }
        long left = deadline - service.ticker.getAsLong();
        return left > 0 ? Duration.ofNanos(left) : Duration.ZERO;
    }

    final long deadline() {
        return deadline;
    }

    final boolean held() {
        return state == HELD;
    }

    /** A successful extension measured from {@code start}. */
    final void extended(long start, long leaseNanos) {
        deadline = start + leaseNanos - service.marginNanos(leaseNanos);
    }

    @Override
    public final void extend(Duration lease) {
        long leaseNanos = service.checkLease(lease);
        int current = state;
        if (current == RELEASED) {
            throw new IllegalStateException("lock '" + name + "' (token " + token + ") was released: extend a new grant");
        }
        if (current == LOST) {
            throw new LockLostException(name, token, "extend", null);
        }
        long start = service.ticker.getAsLong();
        boolean held;
        try {
            held = service.backend.extend(this, leaseNanos);
        } catch (IllegalStateException bug) {
            throw bug; // a reply the backend cannot decode: a bug, never "backend down"
        } catch (Exception e) {
            throw service.backendFailure("extend", name, e);
        }
        if (held) {
            extended(start, leaseNanos);
            return;
        }
        LockLostException lost = new LockLostException(name, token, "extend", null);
        lost(lost, false);
        throw lost;
    }

    @Override
    public final LockHandle renewAutomatically(Consumer<? super LockLostException> onLost) {
        Objects.requireNonNull(onLost, "onLost");
        if (state != HELD) {
            throw new IllegalStateException("lock '" + name + "' (token " + token + ") is no longer held: "
                    + (state == RELEASED ? "released" : "lost"));
        }
        boolean first = this.onLost == null;
        this.onLost = onLost;
        if (first) {
            service.renewer.add(this);
        }
        return this;
    }

    /**
     * Marks the grant lost (once) and tells the listener and, if renewing, the callback.
     *
     * @param cause    the report
     * @param callback whether to run the renewal callback
     */
    final void lost(LockLostException cause, boolean callback) {
        if (!STATE.compareAndSet(this, HELD, LOST)) {
            return;
        }
        Consumer<? super LockLostException> renewal = onLost;
        if (renewal != null) {
            onLost = null;
            service.renewer.remove(this);
        }
        service.lost(this, cause);
        if (callback && renewal != null) {
            service.callback(renewal, cause);
        }
    }

    @Override
    public final boolean release() {
        return releaseOnce() == 1;
    }

    @Override
    public final void close() {
        if (releaseOnce() == 0) {
            throw new LockLostException(name, token, "release", null);
        }
    }

    /** 1: released while held; 0: found lost now; -1: released or reported lost before (nothing thrown). */
    private int releaseOnce() {
        int previous = (int) STATE.getAndSet(this, RELEASED);
        if (previous == RELEASED) {
            return -1;
        }
        if (onLost != null) { // stop renewing before the release is sent
            onLost = null;
            service.renewer.remove(this);
        }
        boolean held;
        try {
            held = service.backend.release(this);
        } catch (IllegalStateException bug) {
            throw bug; // a reply the backend cannot decode: a bug, never "backend down"
        } catch (Exception e) {
            throw service.backendFailure("release", name, e);
        }
        if (previous == LOST) {
            return -1;
        }
        if (held) {
            service.released(this);
            return 1;
        }
        service.lost(this, new LockLostException(name, token, "release", null));
        return 0;
    }

    @Override
    public String toString() {
        return "LockHandle[" + name + ", token " + token + ", "
                + (state == HELD ? "held" : state == LOST ? "lost" : "released") + "]";
    }
}
