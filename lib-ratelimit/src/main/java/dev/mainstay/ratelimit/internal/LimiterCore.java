package dev.mainstay.ratelimit.internal;

import dev.mainstay.ratelimit.ConcurrencyLimitedException;
import dev.mainstay.ratelimit.ConcurrencyLimiter;
import dev.mainstay.ratelimit.ConcurrencyLimiterConfig;
import dev.mainstay.ratelimit.ConcurrencyLimiterListener;
import dev.mainstay.ratelimit.ConcurrencyLimiterListener.Outcome;
import dev.mainstay.ratelimit.Permit;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.Objects;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * The shared state of a concurrency limiter and its partitions' views.
 *
 * <p>Without partitions a slot is one compare-and-set on {@link #inFlight}; with partitions the accounting of all of
 * them happens under {@link #lock}. Waiters queue under {@link #lock}; {@link #waiting} is read without it, so that a
 * release or a try costs one volatile read when no one waits. A release gives its slot back first, then serves the
 * queue: a waiter that enqueues concurrently serves the queue itself after enqueuing, so no slot is left free with
 * someone waiting for it.
 */
public final class LimiterCore {

    private static final VarHandle IN_FLIGHT;

    static {
        try {
            IN_FLIGHT = MethodHandles.lookup().findVarHandle(LimiterCore.class, "inFlight", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final ConcurrencyLimiterConfig config;
    final String name;
    final LongSupplier ticker;
    private final @Nullable ConcurrencyLimiterListener listener; // null when there is none: no call at all
    private final @Nullable LimitAlgorithm algorithm;            // null for a fixed limit
    final boolean clocked;                              // whether round trips are measured
    private final ReentrantLock learning = new ReentrantLock();
    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<Waiter> queue = new ArrayDeque<>();
    private final boolean partitioned;
    final String[] partitionNames;
    private final double[] shares;
    private final int[] reserved;        // guarded by lock
    private final int[] partitionInFlight; // guarded by lock
    private volatile int limit;
    private volatile int inFlight;
    private volatile int waiting;         // queue.size(), set under lock for the readers without it
    private final ListenerFailures failures;

    private LimiterCore(ConcurrencyLimiterConfig config) {
        this.config = config;
        this.name = config.name();
        this.ticker = config.ticker();
        this.listener = config.listener() == ConcurrencyLimiterConfig.NO_LISTENER ? null : config.listener();
        this.failures = new ListenerFailures("concurrency limiter '" + name + "'", config.listener());
        this.algorithm = LimitAlgorithm.of(config.limit());
        this.clocked = algorithm != null || listener != null;
        this.limit = algorithm != null ? algorithm.limit() : config.limit().initialLimit();
        Map<String, Double> parts = config.partitions();
        this.partitioned = !parts.isEmpty();
        this.partitionNames = parts.keySet().toArray(new String[0]);
        this.shares = parts.values().stream().mapToDouble(Double::doubleValue).toArray();
        this.reserved = new int[shares.length];
        this.partitionInFlight = new int[shares.length];
        reserve(limit);
    }

    /**
     * A limiter with these settings.
     *
     * @param config the settings
     * @return the limiter
     */
    public static ConcurrencyLimiter create(ConcurrencyLimiterConfig config) {
        return new LimiterView(new LimiterCore(config), -1);
    }

    private void reserve(int newLimit) {
        for (int i = 0; i < shares.length; i++) {
            reserved[i] = (int) Math.floor(newLimit * shares[i] + 1e-9);
        }
    }

    int limit() {
        return limit;
    }

    int inFlight() {
        return inFlight;
    }

    int waiting() {
        return waiting;
    }

    int reserved(int partition) {
        lock.lock();
        try {
            return reserved[partition];
        } finally {
            lock.unlock();
        }
    }

    int inFlight(int partition) {
        lock.lock();
        try {
            return partitionInFlight[partition];
        } finally {
            lock.unlock();
        }
    }

    String partitionName(int partition) {
        return partition < 0 ? name : partitionNames[partition];
    }

    long now() {
        return clocked ? ticker.getAsLong() : 0L;
    }

    // ---- slots

    /** Takes a slot if the limit allows; {@code -1} if not, else the calls in flight with it. Ignores the queue. */
    private int take(int partition) {
        if (!partitioned) {
            for (;;) {
                int current = inFlight;
                if (current >= limit) {
                    return -1;
                }
                if (IN_FLIGHT.weakCompareAndSet(this, current, current + 1)) {
                    return current + 1;
                }
            }
        }
        lock.lock();
        try {
            int total = inFlight;
            boolean ok = total < limit || (partition >= 0 && partitionInFlight[partition] < reserved[partition]);
            if (!ok) {
                return -1;
            }
            if (partition >= 0) {
                partitionInFlight[partition]++;
            }
            inFlight = total + 1;
            return total + 1;
        } finally {
            lock.unlock();
        }
    }

    @SuppressWarnings("NonAtomicVolatileUpdate") // partitioned, every write of inFlight holds lock (see take)
    private void give(int partition) {
        if (!partitioned) {
            IN_FLIGHT.getAndAdd(this, -1);
            return;
        }
        lock.lock();
        try {
            if (partition >= 0) {
                partitionInFlight[partition]--;
            }
            inFlight = inFlight - 1;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes a slot now unless someone is waiting for one.
     *
     * @param partition the partition, {@code -1} for none
     * @return the calls in flight with it, or {@code -1} when refused (nothing reported yet)
     */
    int tryTake(int partition) {
        if (waiting > 0) {
            return -1;
        }
        return take(partition);
    }

    Permit tryAcquire(int partition) {
        int taken = tryTake(partition);
        if (taken < 0) {
            rejected(partition);
            return Permits.REFUSED;
        }
        Permits.Granted permit = new Permits.Granted(this, partition, now(), taken);
        if (listener != null) {
            acquired(partition, taken, 0);
        }
        return permit;
    }

    /**
     * Waits for a slot.
     *
     * @return the permit, or {@code null} when the timeout passed (the refusal reported)
     */
    @Nullable Permits.Granted await(int partition, long timeoutNanos) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        long start = ticker.getAsLong();
        int taken = tryTake(partition);
        if (taken >= 0) {
            if (listener != null) {
                acquired(partition, taken, 0);
            }
            return new Permits.Granted(this, partition, now(), taken);
        }
        if (timeoutNanos <= 0) {
            rejected(partition);
            return null;
        }
        Waiter waiter = new Waiter(partition, Thread.currentThread(), null);
        enqueue(waiter);
        boolean interrupted = false;
        for (;;) {
            Permits.Granted granted = waiter.permit;
            if (granted != null) {
                return waitedFor(granted, start, interrupted);
            }
            long left = timeoutNanos - (ticker.getAsLong() - start);
            if (left <= 0 || interrupted) {
                if (leave(waiter)) {
                    if (interrupted) {
                        throw new InterruptedException();
                    }
                    rejected(partition);
                    return null;
                }
                // handed a slot as it gave up: leave() found it handed
                return waitedFor(Objects.requireNonNull(waiter.permit, "permit"), start, interrupted);
            }
            LockSupport.parkNanos(this, left);
            if (Thread.interrupted()) {
                interrupted = true;
            }
        }
    }

    private Permits.Granted waitedFor(Permits.Granted granted, long start, boolean interrupted)
            throws InterruptedException {
        if (interrupted) {
            granted.release(Outcome.IGNORED);
            throw new InterruptedException();
        }
        if (listener != null) {
            acquired(granted.partition, granted.inFlight, ticker.getAsLong() - start);
        }
        return granted;
    }

    @SuppressWarnings("FutureReturnValueIgnored") // the callbacks and the timeout task answer through future only
    CompletableFuture<Permit> acquireAsync(int partition, long timeoutNanos, ScheduledExecutorService scheduler) {
        int taken = tryTake(partition);
        if (taken >= 0) {
            if (listener != null) {
                acquired(partition, taken, 0);
            }
            return CompletableFuture.completedFuture(new Permits.Granted(this, partition, now(), taken));
        }
        if (timeoutNanos <= 0) {
            rejected(partition);
            return CompletableFuture.completedFuture(Permits.REFUSED);
        }
        CompletableFuture<Permit> future = new CompletableFuture<>();
        Waiter waiter = new Waiter(partition, null, future);
        long start = ticker.getAsLong();
        if (listener != null) {
            future.thenAccept(permit -> {
                if (permit instanceof Permits.Granted granted) {
                    acquired(partition, granted.inFlight, ticker.getAsLong() - start);
                }
            });
        }
        enqueue(waiter);
        if (future.isDone()) {
            return future;
        }
        future.whenComplete((permit, failure) -> {
            if (future.isCancelled()) {
                leave(waiter);
            }
        });
        try {
            scheduler.schedule(() -> {
                if (leave(waiter)) {
                    rejected(partition);
                    future.complete(Permits.REFUSED);
                }
            }, timeoutNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            if (leave(waiter)) {
                future.completeExceptionally(e);
            }
        }
        return future;
    }

    private void enqueue(Waiter waiter) {
        lock.lock();
        try {
            queue.addLast(waiter);
            waiting = queue.size();
        } finally {
            lock.unlock();
        }
        serve();
    }

    /** Takes the waiter out of the queue; {@code false} if it had already been handed a slot. */
    private boolean leave(Waiter waiter) {
        lock.lock();
        try {
            if (queue.remove(waiter)) {
                waiting = queue.size();
                return true;
            }
            return false;
        } finally {
            lock.unlock();
        }
    }

    /** Hands free slots to the waiters, first come first served; wakes them outside the lock. */
    private void serve() {
        List<Waiter> served = null;
        lock.lock();
        try {
            Iterator<Waiter> it = queue.iterator();
            while (it.hasNext()) {
                Waiter waiter = it.next();
                if (waiter.future != null && waiter.future.isDone()) {
                    it.remove();
                    continue;
                }
                int taken = take(waiter.partition);
                if (taken < 0) {
                    if (partitioned) {
                        continue; // another partition may still have room
                    }
                    break;
                }
                it.remove();
                waiter.permit = new Permits.Granted(this, waiter.partition, now(), taken);
                if (served == null) {
                    served = new ArrayList<>(2);
                }
                served.add(waiter);
            }
        } finally {
            waiting = queue.size();
            lock.unlock();
        }
        if (served != null) {
            for (Waiter waiter : served) {
                if (waiter.thread != null) {
                    LockSupport.unpark(waiter.thread);
                } else {
                    // a served waiter without a thread has a future, and every served waiter a permit
                    Permits.Granted permit = Objects.requireNonNull(waiter.permit, "permit");
                    if (!Objects.requireNonNull(waiter.future, "future").complete(permit)) {
                        permit.release(Outcome.IGNORED); // cancelled meanwhile: give it back
                    }
                }
            }
        }
    }

    /** Releases one slot: from a permit (once) or from a decorator. */
    void release(int partition, long startNanos, int inFlightAtGrant, Outcome outcome) {
        give(partition);
        long rtt = clocked ? ticker.getAsLong() - startNanos : 0L;
        if (algorithm != null && outcome != Outcome.IGNORED) {
            learn(rtt, inFlightAtGrant, outcome == Outcome.DROPPED, clocked ? ticker.getAsLong() : 0L);
        }
        if (waiting > 0) {
            serve();
        }
        if (listener != null) {
            try {
                listener.onReleased(name, partitionName(partition), outcome, rtt);
            } catch (RuntimeException thrown) {
                listenerThrew(thrown);
            }
        }
    }

    private void learn(long rtt, int inFlightAtGrant, boolean dropped, long now) {
        int before;
        int after;
        learning.lock();
        try {
            before = limit;
            after = Objects.requireNonNull(algorithm, "algorithm") // only an adaptive limit learns
                    .update(rtt, inFlightAtGrant, dropped, now);
            if (after != before) {
                if (partitioned) {
                    lock.lock();
                    try {
                        limit = after;
                        reserve(after);
                    } finally {
                        lock.unlock();
                    }
                } else {
                    limit = after;
                }
            }
        } finally {
            learning.unlock();
        }
        if (after != before) {
            if (listener != null) {
                try {
                    listener.onLimitChanged(name, before, after);
                } catch (RuntimeException thrown) {
                    listenerThrew(thrown);
                }
            }
            Events.limitChanged(name, before, after);
            if (after > before && waiting > 0) {
                serve();
            }
        }
    }

    // ---- reporting

    void acquired(int partition, int taken, long waitedNanos) {
        ConcurrencyLimiterListener listener = this.listener;
        if (listener == null) {
            return;
        }
        try {
            listener.onAcquired(name, partitionName(partition), taken, waitedNanos);
        } catch (RuntimeException thrown) {
            listenerThrew(thrown);
        }
    }

    void rejected(int partition) {
        if (listener != null) {
            try {
                listener.onRejected(name, partitionName(partition), inFlight, limit);
            } catch (RuntimeException thrown) {
                listenerThrew(thrown);
            }
        }
        Events.concurrencyRejected(name, partitionName(partition), limit, inFlight);
    }

    boolean hasListener() {
        return listener != null;
    }

    ConcurrencyLimitedException refusal(int partition) {
        return new ConcurrencyLimitedException(name, partitionName(partition), limit, inFlight);
    }

    /** A listener that throws is logged once; it never changes the outcome and never propagates. */
    private void listenerThrew(RuntimeException thrown) {
        failures.threw(thrown);
    }

    /** A call waiting for a slot: a parked thread or a future. */
    private static final class Waiter {
        final int partition;
        final @Nullable Thread thread;
        final @Nullable CompletableFuture<Permit> future;
        volatile @Nullable Permits.Granted permit; // written under lock when a slot is handed over

        Waiter(int partition, @Nullable Thread thread, @Nullable CompletableFuture<Permit> future) {
            this.partition = partition;
            this.thread = thread;
            this.future = future;
        }
    }
}
