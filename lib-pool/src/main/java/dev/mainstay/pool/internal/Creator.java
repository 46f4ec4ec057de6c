package dev.mainstay.pool.internal;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The pool's creator (its allocator): one thread that creates objects while borrowers wait unserved or fewer than
 * {@code minIdle} are idle, installs each in a free place of the slot array and hands it to the oldest waiter, and
 * backs off after failures (10 ms, doubling, at most 1 s). Borrowers and the housekeeper wake it with
 * {@link #signal()}; it never runs on a borrower's thread, so a slow {@code create} never holds a borrower past its
 * timeout.
 *
 * @param <T> the type of the pooled objects
 */
final class Creator<T> implements Runnable {

    private static final System.Logger LOG = System.getLogger("dev.mainstay.pool");
    private static final long FIRST_BACKOFF = TimeUnit.MILLISECONDS.toNanos(10);
    private static final long LONGEST_BACKOFF = TimeUnit.SECONDS.toNanos(1);
    static final long NOT_CREATING = Long.MIN_VALUE;

    private final SlotPool<T> pool;
    final Thread thread;
    /** The last creation's failure, while creations fail; {@code null} after a success. */
    volatile @Nullable Throwable lastCreateFailure;
    volatile int consecutiveFailures;
    /** When the running creation began, or {@link #NOT_CREATING}. */
    volatile long creatingSince = NOT_CREATING;

    Creator(SlotPool<T> pool) {
        this.pool = pool;
        java.util.concurrent.ThreadFactory threads = pool.config.threadFactory();
        if (threads != null) {
            this.thread = java.util.Objects.requireNonNull(threads.newThread(this), "threadFactory made no thread");
        } else {
            this.thread = new Thread(this, "mainstay-pool-create-" + pool.name);
            thread.setDaemon(true);
        }
    }

    void signal() {
        if (pool.size.get() < pool.maxSize) {
            LockSupport.unpark(thread);
        }
    }

    private boolean needsObject() {
        return !pool.closed && pool.size.get() < pool.maxSize && (unservedWaiters() || pool.idleCount() < pool.minIdle);
    }

    /** Whether a borrower waits and has not been handed an object yet. */
    private boolean unservedWaiters() {
        if (pool.waiting == 0) {
            return false;
        }
        for (SlotPool.Waiter waiter : pool.waiters) {
            if (waiter.item == null) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void run() {
        while (!pool.closed) {
            if (!needsObject()) {
                LockSupport.parkNanos(pool, pool.housekeepingNanos);
                continue;
            }
            long start = pool.ticker.getAsLong();
            creatingSince = start;
            Events.Create event = Events.on() ? new Events.Create() : null;
            if (event != null) {
                event.begin();
            }
            T object = null;
            Throwable failure = null;
            try {
                object = pool.lifecycle.create();
                if (object == null) {
                    failure = new NullPointerException("Lifecycle.create() returned null");
                }
            } catch (VirtualMachineError e) {
                creatingSince = NOT_CREATING;
                throw e;
            } catch (Throwable e) {
                failure = e;
            }
            creatingSince = NOT_CREATING;
            Duration took = Duration.ofNanos(Math.max(0, pool.ticker.getAsLong() - start));
            if (event != null && event.shouldCommit()) {
                event.pool = pool.name;
                event.failure = failure == null ? null : failure.toString();
                event.commit();
            }
            if (failure != null) {
                int failures = consecutiveFailures + 1;
                consecutiveFailures = failures;
                lastCreateFailure = failure;
                pool.createFailures.incrementAndGet();
                Throwable cause = failure;
                LOG.log(failures == 1 ? System.Logger.Level.WARNING : System.Logger.Level.DEBUG,
                        () -> "pool '" + pool.name + "': creating an object failed (" + failures + " in a row): "
                                + cause);
                pool.tell(() -> pool.listener.onCreateFailed(pool.name, cause, failures));
                backOff(failures);
                continue;
            }
            consecutiveFailures = 0;
            lastCreateFailure = null;
            pool.created.incrementAndGet();
            pool.tell(() -> pool.listener.onCreated(pool.name, took));
            install(Objects.requireNonNull(object, "object"), start); // a null object is a failure above
        }
    }

    private void backOff(int failures) {
        long backoff = Math.min(LONGEST_BACKOFF, FIRST_BACKOFF << Math.min(failures - 1, 20));
        long start = pool.ticker.getAsLong();
        for (long remaining = backoff; remaining > 0 && !pool.closed;
                remaining = backoff - (pool.ticker.getAsLong() - start)) {
            LockSupport.parkNanos(pool, remaining);
        }
    }

    private void install(T object, long createdAt) {
        Slot<T> slot = null;
        pool.structure.lock();
        try {
            Slot<T>[] array = pool.slots;
            int limit = Math.min(pool.maxSize, array.length);
            if (!pool.closed && pool.size.get() < pool.maxSize) {
                for (int i = 0; i < limit; i++) {
                    if (array[i] == null) {
                        slot = new Slot<>(pool, i, object, createdAt, lifetime());
                        array[i] = slot;
                        pool.size.incrementAndGet();
                        break;
                    }
                }
            }
        } finally {
            pool.structure.unlock();
        }
        if (slot == null) {
            pool.destroy(object, pool.closed ? "closed" : "resized");
            return;
        }
        pool.handOff(slot);
    }

    private long lifetime() {
        if (pool.maxLifetime == Long.MAX_VALUE) {
            return Long.MAX_VALUE;
        }
        long spread = pool.maxLifetimeJitter;
        long jitter = spread == 0 ? 0 : ThreadLocalRandom.current().nextLong(spread + 1);
        return pool.maxLifetime - jitter;
    }
}
