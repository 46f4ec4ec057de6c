package dev.mainstay.lock.internal;

import dev.mainstay.lock.DistributedLock;
import dev.mainstay.lock.LockBackendException;
import dev.mainstay.lock.LockConfig;
import dev.mainstay.lock.LockHandle;
import dev.mainstay.lock.LockListener;
import dev.mainstay.lock.LockLostException;
import dev.mainstay.lock.LockTimeoutException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The one implementation of {@link DistributedLock}: argument checks, waiting, renewal, listener calls and failure
 * translation, over a {@link LockBackend}.
 */
public class LockService implements DistributedLock {

    /** The longest lock name: what every backend's key or column holds. */
    public static final int MAX_NAME_LENGTH = 255;
    /** The first pause of a wait, and the cap the pauses double up to. */
    static final long FIRST_PAUSE_NANOS = 1_000_000L;
    static final long MAX_PAUSE_NANOS = 32_000_000L;

    private static final System.Logger LOG = System.getLogger("dev.mainstay.lock");

    final LockConfig config;
    final LockBackend backend;
    final LongSupplier ticker;
    private final String name;
    private final LockListener listener;
    private final boolean listening;
    final Renewer renewer;
    private final ReentrantLock schedulerLock = new ReentrantLock();
    private @Nullable ScheduledExecutorService scheduler;
    private boolean ownScheduler;
    private volatile boolean closed;
    private final AtomicBoolean listenerFailed = new AtomicBoolean();

    /**
     * A lock service.
     *
     * @param config  the settings
     * @param backend where grants live
     */
    public LockService(LockConfig config, LockBackend backend) {
        this.config = Objects.requireNonNull(config, "config");
        this.backend = Objects.requireNonNull(backend, "backend");
        this.ticker = config.ticker();
        this.name = config.name();
        this.listener = config.listener();
        this.listening = listener != LockConfig.NO_LISTENER;
        this.scheduler = config.scheduler();
        this.renewer = new Renewer(this);
    }

    // ---- checks -------------------------------------------------------------------------------------------

    /**
     * Checks a lock name: 1 to 255 characters, no control characters.
     *
     * @param name the name
     * @return the name
     */
    public static String checkName(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("name must be 1 to " + MAX_NAME_LENGTH + " characters but was "
                    + name.length() + " characters" + (name.isEmpty() ? "" : " ('" + name.substring(0, 20) + "...')"));
        }
        for (int i = 0; i < name.length(); i++) {
            if (Character.isISOControl(name.charAt(i))) {
                throw new IllegalArgumentException("name must not contain control characters but was '"
                        + name.replaceAll("\\p{Cntrl}", "?") + "' (character " + (int) name.charAt(i) + " at " + i + ")");
            }
        }
        return name;
    }

    long checkLease(Duration lease) {
        Objects.requireNonNull(lease, "lease");
        if (lease.isNegative() || lease.isZero()) {
            throw new IllegalArgumentException("lease must be > 0 but was " + lease);
        }
        long nanos = saturated(lease);
        if (nanos < backend.minLeaseNanos()) {
            throw new IllegalArgumentException("lease must be at least " + Duration.ofNanos(backend.minLeaseNanos())
                    + " on " + backend.kind() + " but was " + lease);
        }
        return nanos;
    }

    private static long checkWait(Duration maxWait) {
        Objects.requireNonNull(maxWait, "maxWait");
        if (maxWait.isNegative()) {
            throw new IllegalArgumentException("maxWait must be >= 0 but was " + maxWait);
        }
        return saturated(maxWait);
    }

    private static long saturated(Duration duration) {
        try {
            return duration.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    long marginNanos(long leaseNanos) {
        return config.safetyMarginNanos(leaseNanos);
    }

    // ---- acquiring ----------------------------------------------------------------------------------------

    @Override
    public Optional<LockHandle> tryAcquire(String name, Duration lease) {
        checkName(name);
        long leaseNanos = checkLease(lease);
        Grant grant = attempt(name, leaseNanos);
        if (grant == null) {
            return Optional.empty();
        }
        if (listening) {
            acquired(grant, 0);
        }
        return Optional.of(grant);
    }

    private @Nullable Grant attempt(String lockName, long leaseNanos) {
        long start = ticker.getAsLong();
        try {
            return backend.tryAcquire(this, lockName, leaseNanos, start);
        } catch (IllegalStateException bug) {
            throw bug; // a reply the backend cannot decode: a bug, never "backend down"
        } catch (Exception e) {
            throw backendFailure("acquire", lockName, e);
        }
    }

    @Override
    public LockHandle acquire(String name, Duration lease, Duration maxWait) throws InterruptedException {
        checkName(name);
        long leaseNanos = checkLease(lease);
        long waitNanos = checkWait(maxWait);
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        long start = ticker.getAsLong();
        long pause = FIRST_PAUSE_NANOS;
        for (;;) {
            Grant grant;
            try {
                grant = attempt(name, leaseNanos);
            } catch (LockBackendException e) {
                if (Thread.interrupted()) { // the client gave up its call because the thread was interrupted
                    InterruptedException interrupted = new InterruptedException(
                            "interrupted while acquiring lock '" + name + "'");
                    interrupted.initCause(e);
                    throw interrupted;
                }
                throw e;
            }
            long waited = ticker.getAsLong() - start;
            if (grant != null) {
                acquired(grant, waited);
                return grant;
            }
            long left = waitNanos - waited;
            if (left <= 0) {
                throw timedOut(name, waited);
            }
            LockSupport.parkNanos(this, Math.min(left, jittered(pause)));
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            pause = Math.min(MAX_PAUSE_NANOS, pause << 1);
        }
    }

    /** A pause of {@code [pause/2, pause]}, so that waiters spread out. */
    static long jittered(long pause) {
        long half = pause >>> 1;
        return half + ThreadLocalRandom.current().nextLong(half + 1);
    }

    @Override
    public CompletableFuture<LockHandle> acquireAsync(String name, Duration lease, Duration maxWait) {
        checkName(name);
        long leaseNanos = checkLease(lease);
        long waitNanos = checkWait(maxWait);
        CompletableFuture<LockHandle> result = new CompletableFuture<>();
        long start = ticker.getAsLong();
        Runnable task = new Runnable() {
            private long pause = FIRST_PAUSE_NANOS;

            @Override
            public void run() {
                if (result.isDone()) {
                    return; // cancelled
                }
                try {
                    Grant grant = attempt(name, leaseNanos);
                    long waited = ticker.getAsLong() - start;
                    if (grant != null) {
                        acquired(grant, waited);
                        if (!result.complete(grant)) {
                            grant.release(); // cancelled while the grant was on its way
                        }
                        return;
                    }
                    long left = waitNanos - waited;
                    if (left <= 0) {
                        result.completeExceptionally(timedOut(name, waited));
                        return;
                    }
                    // the next try completes or fails the result itself; the future adds nothing
                    Future<?> unused = scheduler().schedule(this, Math.min(left, jittered(pause)),
                            TimeUnit.NANOSECONDS);
                    pause = Math.min(MAX_PAUSE_NANOS, pause << 1);
                } catch (RuntimeException e) {
                    result.completeExceptionally(e);
                }
            }
        };
        try {
            scheduler().execute(task);
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
        }
        return result;
    }

    private LockTimeoutException timedOut(String lockName, long waitedNanos) {
        LockTimeoutException e = new LockTimeoutException(lockName, Duration.ofNanos(Math.max(0, waitedNanos)));
        Events.acquireTimeout(name, lockName, waitedNanos);
        if (listening) {
            try {
                listener.onAcquireTimedOut(name, lockName, waitedNanos);
            } catch (RuntimeException thrown) {
                listenerThrew(thrown);
            }
        }
        return e;
    }

    // ---- scheduling ---------------------------------------------------------------------------------------

    /** The scheduler: the user's, or one daemon thread started on first use. */
    ScheduledExecutorService scheduler() {
        schedulerLock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("lock '" + name + "' is closed");
            }
            if (scheduler == null) {
                ScheduledThreadPoolExecutor own = new ScheduledThreadPoolExecutor(1, task -> {
                    Thread thread = new Thread(task, "mainstay-lock-renewal-" + name);
                    thread.setDaemon(true);
                    return thread;
                });
                own.setRemoveOnCancelPolicy(true);
                own.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
                scheduler = own;
                ownScheduler = true;
            }
            return scheduler;
        } finally {
            schedulerLock.unlock();
        }
    }

    @Override
    public LockConfig config() {
        return config;
    }

    @Override
    public final void close() {
        schedulerLock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            renewer.clear();
            ScheduledExecutorService own = scheduler;
            if (ownScheduler && own != null) {
                own.shutdownNow();
            }
        } finally {
            schedulerLock.unlock();
        }
    }

    // ---- failures and listener calls ---------------------------------------------------------------------

    /**
     * The module's exception for a backend failure, reported to the listener.
     *
     * @param operation what was being done
     * @param lockName  the lock's name
     * @param e         what the client threw
     * @return the exception to throw
     */
    public LockBackendException backendFailure(String operation, String lockName, Exception e) {
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        LockBackendException failure = new LockBackendException(operation, lockName, backend.kind(), e);
        if (listening) {
            try {
                listener.onBackendFailure(name, lockName, failure);
            } catch (RuntimeException thrown) {
                listenerThrew(thrown);
            }
        }
        return failure;
    }

    private void acquired(Grant grant, long waitedNanos) {
        if (listening) {
            try {
                listener.onAcquired(name, grant.name(), grant.token(), waitedNanos);
            } catch (RuntimeException thrown) {
                listenerThrew(thrown);
            }
        }
    }

    void released(Grant grant) {
        if (listening) {
            try {
                listener.onReleased(name, grant.name(), grant.token());
            } catch (RuntimeException thrown) {
                listenerThrew(thrown);
            }
        }
    }

    void lost(Grant grant, LockLostException cause) {
        Events.lost(name, grant.name(), grant.token(), cause.getMessage());
        if (listening) {
            try {
                listener.onLost(name, grant.name(), grant.token(), cause);
            } catch (RuntimeException thrown) {
                listenerThrew(thrown);
            }
        }
    }

    void callback(Consumer<? super LockLostException> onLost, LockLostException cause) {
        try {
            onLost.accept(cause);
        } catch (RuntimeException thrown) {
            LOG.log(System.Logger.Level.WARNING, () -> "lock '" + name + "': the renewal callback of lock '"
                    + cause.lockName() + "' threw", thrown);
        }
    }

    /**
     * A listener that throws: its first failure is logged at WARNING, later ones at DEBUG; it never changes the
     * outcome and never propagates.
     */
    private void listenerThrew(RuntimeException thrown) {
        if (listenerFailed.compareAndSet(false, true)) {
            LOG.log(System.Logger.Level.WARNING, () -> "lock '" + name + "': listener "
                    + listener.getClass().getName() + " threw (logged once)", thrown);
        } else {
            LOG.log(System.Logger.Level.DEBUG, () -> "lock '" + name + "': listener "
                    + listener.getClass().getName() + " threw again", thrown);
        }
    }

    @Override
    public String toString() {
        return "DistributedLock[" + name + ", " + backend.kind() + "]";
    }
}
