package dev.mainstay.pool.internal;

import dev.mainstay.pool.Lease;
import dev.mainstay.pool.Lifecycle;
import dev.mainstay.pool.Pool;
import dev.mainstay.pool.PoolConfig;
import dev.mainstay.pool.PoolListener;
import dev.mainstay.pool.PoolMetrics;
import dev.mainstay.pool.PoolTimeoutException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * The pool, and its claim-and-release core: a lock-free array of {@link Slot}s claimed by compare-and-set, and a
 * FIFO queue of parked waiters that returning borrowers hand objects to directly. The rest lives beside it, as
 * Stormpot splits its pool: the {@link Creator} (one thread that creates objects), the {@link Housekeeper} (one
 * thread that destroys, expires, validates and reports leaks, and ticks the coarse clock) and the
 * {@link Diagnosis} (metrics and the timeout's text). The design is described in the {@code dev.mainstay.pool}
 * package documentation.
 *
 * @param <T> the type of the pooled objects
 */
public final class SlotPool<T> implements Pool<T> {

    private static final System.Logger LOG = System.getLogger("dev.mainstay.pool");
    private static final VarHandle WAITING;

    static {
        try {
            WAITING = MethodHandles.lookup().findVarHandle(SlotPool.class, "waiting", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static final int HINTS = 64;
    /** Ints per hint: one hint per 64-byte cache line, so threads updating their hints do not disturb others. */
    private static final int HINT_STRIDE = 16;
    private static final long FIRST_PARK = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long LONGEST_PARK = TimeUnit.MILLISECONDS.toNanos(128);
    private static final long CLOSE_POLL = TimeUnit.MILLISECONDS.toNanos(5);
    /** The coarse clock's tick at most, and the shortest time window it serves (shorter ones read the ticker). */
    static final long LONGEST_TICK = TimeUnit.MILLISECONDS.toNanos(10);
    /** A window is at least this many ticks long, so the clock judges it to 2 % or better. */
    static final long TICKS_PER_WINDOW = 50;

    final PoolConfig<T> config;
    final String name;
    final Lifecycle<T> lifecycle;
    final PoolListener listener;
    final LongSupplier ticker;
    private final long borrowTimeout;
    final long maxLifetime;
    final long maxLifetimeJitter;
    final long idleTimeout;
    private final long validateAfterIdle;
    final long keepalive;
    final long leakThreshold;
    final long housekeepingNanos;
    private final boolean validateOnBorrow;
    /**
     * Every return writes the ticker's reading into {@link Slot#lastUsed}: the windows are too short for the coarse
     * clock. With the coarse clock, the housekeeper keeps {@code lastUsed} instead, and a return writes nothing.
     */
    private final boolean stampOnReturn;
    final boolean trackLeaks;
    final boolean reclaimLeaks;
    /** A borrow needs no more than the claim: no validation window, no leak tracking. */
    private final boolean plainBorrow;
    /** A return needs no more than the compare-and-set, and the return time if {@link #stampOnReturn}. */
    private final boolean quickReturn;
    /**
     * The tick of the coarse clock ({@link #clock}), or 0 when the windows are too short for it and the ticker
     * is read on borrow and return instead.
     */
    final long tick;
    /** The coarse clock: the ticker's reading at the housekeeper's last tick. */
    final CoarseClock clock = new CoarseClock();

    /** Where each thread starts scanning, indexed by a hash of the thread's id; racy hints, never wrong. */
    private final int[] hints = new int[HINTS * HINT_STRIDE];
    volatile Slot<T>[] slots;
    volatile int maxSize;
    volatile int minIdle;
    volatile boolean closed;
    private volatile boolean terminated;
    private volatile boolean cleanClose;

    /** Slots in the array (in use, idle or reserved). Changed under {@link #structure}, read freely. */
    final AtomicInteger size = new AtomicInteger();
    /** Borrowers in {@link #waiters}; a plain field read on the return path, changed with {@link #WAITING}. */
    volatile int waiting;
    final ConcurrentLinkedQueue<Waiter> waiters = new ConcurrentLinkedQueue<>();
    final ReentrantLock structure = new ReentrantLock();
    /** The listener has thrown once: later failures are logged at DEBUG. */
    private final AtomicBoolean listenerFailed = new AtomicBoolean();
    final Set<Slot<T>> abandoned = ConcurrentHashMap.newKeySet();

    final AtomicLong created = new AtomicLong();
    final AtomicLong destroyed = new AtomicLong();
    final AtomicLong createFailures = new AtomicLong();
    final AtomicLong waits = new AtomicLong();
    final AtomicLong timeouts = new AtomicLong();

    final Creator<T> creator;
    final Housekeeper<T> housekeeper;

    /**
     * Builds and starts a pool; use {@link Pool#builder(Lifecycle)}.
     *
     * @param config checked settings
     */
    @SuppressWarnings({"unchecked", "this-escape"})
    public SlotPool(PoolConfig<T> config) {
        this.config = Objects.requireNonNull(config, "config");
        this.name = config.name();
        this.lifecycle = config.lifecycle();
        this.listener = config.listener();
        this.ticker = config.ticker();
        this.borrowTimeout = nanos(config.borrowTimeout());
        this.maxLifetime = nanos(config.maxLifetime());
        this.maxLifetimeJitter = nanos(config.maxLifetimeJitter());
        this.idleTimeout = nanos(config.idleTimeout());
        this.validateAfterIdle = nanos(config.validateAfterIdle());
        this.keepalive = nanos(config.keepaliveInterval());
        this.leakThreshold = nanos(config.leakDetectionThreshold());
        this.housekeepingNanos = nanos(config.housekeepingInterval());
        // validation on borrow has meaning only when the lifecycle can tell a broken object
        this.validateOnBorrow = validateAfterIdle != Long.MAX_VALUE && overrides(lifecycle, "validate");
        // some setting needs to know when an object was last used
        boolean trackLastUsed = validateOnBorrow || idleTimeout != Long.MAX_VALUE || keepalive != Long.MAX_VALUE;
        long window = Long.MAX_VALUE;
        if (validateOnBorrow && validateAfterIdle > 0) {
            window = validateAfterIdle;
        }
        window = Math.min(window, Math.min(idleTimeout, keepalive));
        this.tick = trackLastUsed && window / TICKS_PER_WINDOW >= TimeUnit.MILLISECONDS.toNanos(1)
                ? Math.min(LONGEST_TICK, window / TICKS_PER_WINDOW) : 0;
        this.stampOnReturn = trackLastUsed && tick == 0;
        this.trackLeaks = leakThreshold != Long.MAX_VALUE;
        this.reclaimLeaks = config.reclaimLeaks();
        this.plainBorrow = !validateOnBorrow && !trackLeaks;
        this.quickReturn = !trackLeaks && !overrides(lifecycle, "reset");
        this.maxSize = config.maxSize();
        this.minIdle = config.minIdle();
        this.slots = (Slot<T>[]) new Slot<?>[config.maxSize()];
        for (int i = 0; i < HINTS; i++) {
            hints[i * HINT_STRIDE] = i % config.maxSize();
        }
        this.housekeeper = new Housekeeper<>(this);
        this.creator = new Creator<>(this);
        creator.thread.start();
        clock.now = ticker.getAsLong();
        housekeeper.start();
    }

    // ------------------------------------------------------------------------------------------------- borrow

    @Override
    public Lease<T> borrow() {
        return claim(borrowTimeout);
    }

    @Override
    public Lease<T> borrow(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must be >= 0 but was " + timeout);
        }
        return claim(nanos(timeout));
    }

    private Lease<T> claim(long timeout) {
        Slot<T> slot = claimSlot(timeout);
        // the one allocation site, after both paths: escape analysis can remove it when the lease stays local
        return new SlotLease<>(slot, slot.state);
    }

    /**
     * Claims a slot for a borrow, waiting up to the borrow timeout; its state word is then the claim stamp. For
     * handles that carry the slot and the stamp themselves ({@link ConnectionProxy}), instead of a lease.
     */
    Slot<T> claimSlot() {
        return claimSlot(borrowTimeout);
    }

    private Slot<T> claimSlot(long timeout) {
        // no closed check here: close() dooms every slot before it returns, so after close accept() refuses
        // whatever the scan finds and the slow path throws
        Slot<T> slot = scan();
        if (slot == null || !((plainBorrow && !slot.doomed && !slot.suspect) || accept(slot))) {
            slot = claimSlow(timeout);
        }
        return slot;
    }

    /**
     * Claims an idle slot: first the one this thread's hint names (one read, one CAS: the whole cost of a borrow
     * when the pool is not short), then one pass over the array from there, one CAS per idle slot tried.
     */
    private @Nullable Slot<T> scan() {
        Slot<T>[] array = slots;
        int hint = hintIndex();
        int start = hints[hint];
        if (start < array.length) {
            Slot<T> slot = array[start];
            if (slot != null && slot.claimIfIdle()) {
                return slot;
            }
        }
        return scanFrom(array, hint, start);
    }

    /** Where the calling thread's hint is in {@link #hints}: a hash of its id, one hint per cache line. */
    private static int hintIndex() {
        return (int) ((Thread.currentThread().getId() * 0x9E3779B97F4A7C15L) >>> 58) * HINT_STRIDE;
    }

    /** The slot index the calling thread's next borrow tries first (for tests). */
    int hint() {
        return hints[hintIndex()];
    }

    /**
     * The rest of {@link #scan()}: one pass over the array from the hinted slot; records where it found one when
     * that is not what the hint said (also when the hint was beyond the array, so that the next borrow of this
     * thread finds its slot at the first try instead of taking this path again).
     */
    private @Nullable Slot<T> scanFrom(Slot<T>[] array, int hint, int hinted) {
        int n = array.length;
        int i = hinted < n ? hinted : hinted % n;
        for (int k = 0; k < n; k++) {
            Slot<T> slot = array[i];
            if (slot != null && slot.claimIfIdle()) {
                if (i != hinted) {
                    hints[hint] = i;
                }
                return slot;
            }
            if (++i == n) {
                i = 0;
            }
        }
        return null;
    }

    /** Checks a freshly claimed slot; destroys it and answers {@code false} if it must not be lent. */
    private boolean accept(Slot<T> slot) {
        if (slot.doomed) {
            retire(slot, slot.doomReason);
            return false;
        }
        if (slot.suspect) {
            slot.suspect = false;
            if (!isValid(slot)) {
                retire(slot, "invalid");
                return false;
            }
        } else if (validateOnBorrow && (validateAfterIdle == 0 || now() - slot.lastUsed >= validateAfterIdle)
                && !isValid(slot)) {
            retire(slot, "invalid");
            // what broke this object (a restart, a failover, a network cut) has probably broken the others too;
            // a borrower that validates never sees the error that would otherwise say so
            suspectAll();
            return false;
        }
        if (trackLeaks) {
            Thread thread = Thread.currentThread();
            slot.leakReported = false;
            slot.borrowStack = new Throwable("borrowed by thread \"" + thread.getName() + "\"");
            slot.borrowedAt = ticker.getAsLong();
        }
        return true;
    }

    @SuppressWarnings("unchecked")
    private Slot<T> claimSlow(long timeout) {
        if (timeout == 0) {
            // a try-borrow does not queue: no object is ever handed to a borrower that cannot wait for it
            if (closed) {
                throw closedException();
            }
            Slot<T> slot = scan();
            if (slot != null && accept(slot)) {
                return slot;
            }
            creator.signal();
            throw timedOut(0, Diagnosis.of(this));
        }
        long start = ticker.getAsLong();
        waits.incrementAndGet();
        Events.BorrowWait event = Events.on() ? new Events.BorrowWait() : null;
        if (event != null) {
            event.begin();
        }
        String diagnosis;
        Waiter waiter = new Waiter(Thread.currentThread());
        waiters.add(waiter);
        WAITING.getAndAdd(this, 1);
        try {
            long park = FIRST_PARK;
            for (;;) {
                if (closed) {
                    throw closedException();
                }
                Object handed = waiter.take();
                Slot<T> slot = handed != null ? (Slot<T>) handed : scan();
                if (slot != null) {
                    if (handed == null) {
                        // served by its own scan: the creator must not count it as a borrower still waiting
                        waiter.served();
                    }
                    if (accept(slot)) {
                        waited(event, start, true);
                        return slot;
                    }
                    waiter.reopen();
                    continue;
                }
                creator.signal();
                long remaining = timeout - (ticker.getAsLong() - start);
                if (remaining <= 0) {
                    // an object handed over at the deadline is taken, not given back: it was meant for us, and
                    // giving it back would make it invisible to everyone for a moment
                    Object late = waiter.cancel();
                    if (late != null && accept((Slot<T>) late)) {
                        waited(event, start, true);
                        return (Slot<T>) late;
                    }
                    diagnosis = Diagnosis.of(this);
                    break;
                }
                LockSupport.parkNanos(this, Math.min(remaining, park));
                park = Math.min(park << 1, LONGEST_PARK);
                if (Thread.interrupted()) {
                    Thread.currentThread().interrupt();
                    waited(event, start, false);
                    long waitedNanos = ticker.getAsLong() - start;
                    throw new PoolTimeoutException(name, Duration.ofNanos(Math.max(0, waitedNanos)),
                            "pool '" + name + "' was interrupted after waiting " + Diagnosis.millis(waitedNanos) + ": "
                                    + Diagnosis.of(this),
                            new InterruptedException("interrupted while waiting for an object"));
                }
            }
        } finally {
            Object left = waiter.cancel();
            waiters.remove(waiter);
            WAITING.getAndAdd(this, -1);
            if (left != null) {
                handOff((Slot<T>) left);
            }
        }
        waited(event, start, false);
        throw timedOut(Math.max(0, ticker.getAsLong() - start), diagnosis);
    }

    private PoolTimeoutException timedOut(long waitedNanos, String diagnosis) {
        timeouts.incrementAndGet();
        String message = "pool '" + name + "' timed out after " + Diagnosis.millis(waitedNanos) + ": " + diagnosis;
        Events.BorrowTimeout timeoutEvent = Events.on() ? new Events.BorrowTimeout() : null;
        if (timeoutEvent != null && timeoutEvent.shouldCommit()) {
            timeoutEvent.pool = name;
            timeoutEvent.diagnosis = message;
            timeoutEvent.commit();
        }
        Duration waited = Duration.ofNanos(waitedNanos);
        tell(() -> listener.onBorrowTimedOut(name, waited));
        return new PoolTimeoutException(name, waited, message, creator.lastCreateFailure);
    }

    private void waited(@Nullable Events.BorrowWait event, long start, boolean obtained) {
        if (event != null && event.shouldCommit()) {
            event.pool = name;
            event.obtained = obtained;
            event.commit();
        }
        if (obtained) {
            Duration waited = Duration.ofNanos(Math.max(0, ticker.getAsLong() - start));
            tell(() -> listener.onBorrowWaited(name, waited));
        }
    }

    // ------------------------------------------------------------------------------------------------ release

    /**
     * Gives a slot back for the lease whose claim stamp is {@code stamp}; a no-op if the slot no longer holds that
     * stamp (the lease was returned already). The compare-and-set from the stamp is what makes a second or a
     * racing return harmless: exactly one return of a borrow takes effect.
     */
    void release(Slot<T> slot, long stamp) {
        long idle = Slot.idleOf(stamp);
        if (quickReturn && !slot.doomed) {
            if (stampOnReturn) {
                if (slot.state != stamp) {
                    return;
                }
                // only a return racing this borrow's own return can write here too, at the same moment
                slot.lastUsed = ticker.getAsLong();
            }
            if (!slot.cas(stamp, idle)) {
                return;
            }
        } else {
            // reserved while the object is reset: the lease can no longer act, and no one else can claim it yet
            if (!slot.cas(stamp, Slot.reservedOf(stamp))) {
                return;
            }
            if (slot.doomed) {
                retire(slot, slot.doomReason);
                return;
            }
            if (!prepareReturn(slot)) {
                return;
            }
            slot.setRelease(idle);
        }
        if (waiting != 0 && slot.cas(idle, Slot.claimedAfter(idle))) {
            handOff(slot);
        }
    }

    IllegalStateException returnedAlready() {
        return new IllegalStateException("this lease of pool '" + name + "' was returned already");
    }

    /** Resets a returned object and records the return; answers {@code false} if the object was destroyed. */
    private boolean prepareReturn(Slot<T> slot) {
        try {
            lifecycle.reset(slot.object);
        } catch (Exception | LinkageError e) {
            LOG.log(System.Logger.Level.DEBUG, () -> "pool '" + name + "': reset failed, destroying the object", e);
            retire(slot, "reset failed");
            return false;
        }
        if (trackLeaks) {
            slot.borrowedAt = Slot.NOT_BORROWED;
        }
        if (stampOnReturn) {
            slot.lastUsed = ticker.getAsLong();
        }
        return true;
    }

    /**
     * The time for idle windows: the coarse clock when there is one (a plain read of a field the housekeeper
     * writes every {@link #tick}), else the ticker. Compared with {@link Slot#lastUsed}, which the housekeeper
     * keeps on the same clock ({@code Housekeeper.sample}).
     */
    private long now() {
        return tick != 0 ? clock.now : ticker.getAsLong();
    }

    /** The coarse clock's tick, 0 if the pool reads its ticker instead (for tests). */
    long tickNanos() {
        return tick;
    }

    /** Whether {@code lifecycle} has its own {@code method(Object)}; if it cannot be told, assumes it has. */
    private static boolean overrides(Lifecycle<?> lifecycle, String method) {
        try {
            return lifecycle.getClass().getMethod(method, Object.class).getDeclaringClass() != Lifecycle.class;
        } catch (NoSuchMethodException | SecurityException e) {
            return true;
        }
    }

    /** Destroys a slot's object for the lease whose claim stamp is {@code stamp}; a no-op for a returned lease. */
    void evictLease(Slot<T> slot, long stamp) {
        if (slot.cas(stamp, Slot.reservedOf(stamp))) {
            retire(slot, "evicted");
        }
    }

    /**
     * Gives a slot the caller owns (claimed or reserved) to the longest-waiting borrower, or makes it idle. After
     * making it idle, looks again for a waiter that may have arrived meanwhile.
     */
    void handOff(Slot<T> slot) {
        long word = slot.state;
        for (;;) {
            boolean open = false;
            if (waiting != 0) {
                word = Slot.claimedAfter(word); // a new stamp for the waiter
                slot.state = word;
                for (Waiter waiter : waiters) {
                    if (waiter.item == null) {
                        open = true;
                        if (waiter.offer(slot)) {
                            LockSupport.unpark(waiter.thread);
                            return;
                        }
                    }
                }
            }
            long idle = Slot.idleOf(word);
            slot.state = idle;
            word = Slot.claimedAfter(idle);
            if (!open || waiting == 0 || !slot.cas(idle, word)) {
                return;
            }
        }
    }

    // ------------------------------------------------------------------------------------------ eviction, size

    @Override
    public boolean evict(T object) {
        Objects.requireNonNull(object, "object");
        for (Slot<T> slot : slots) {
            if (slot != null && slot.object == object && evict(slot)) {
                return true;
            }
        }
        for (Slot<T> slot : abandoned) {
            if (slot.object == object && evict(slot)) {
                return true;
            }
        }
        return false;
    }

    private boolean evict(Slot<T> slot) {
        if (slot.phase() == Slot.DEAD) {
            return false;
        }
        slot.doom("evicted");
        if (slot.reserveIfIdle()) {
            retire(slot, "evicted");
        }
        return true;
    }

    @Override
    public void suspectAll() {
        for (Slot<T> slot : slots) {
            if (slot != null) {
                slot.suspect = true;
            }
        }
        for (Slot<T> slot : abandoned) {
            slot.suspect = true;
        }
        housekeeper.validateSuspectsSoon();
    }

    @Override
    public void evictAll() {
        for (Slot<T> slot : slots) {
            if (slot != null) {
                evict(slot);
            }
        }
        creator.signal();
    }

    @Override
    public void resize(int maxSize, int minIdle) {
        if (maxSize < 1) {
            throw new IllegalArgumentException("maxSize must be >= 1 but was " + maxSize);
        }
        if (minIdle < 0 || minIdle > maxSize) {
            throw new IllegalArgumentException("minIdle must be >= 0 and <= maxSize (" + maxSize + ") but was "
                    + minIdle);
        }
        structure.lock();
        try {
            if (maxSize > slots.length) {
                slots = Arrays.copyOf(slots, maxSize);
            }
            this.maxSize = maxSize;
            this.minIdle = minIdle;
        } finally {
            structure.unlock();
        }
        for (Slot<T> slot : slots) {
            if (slot != null && slot.index >= maxSize) {
                slot.doom("resized");
                if (slot.reserveIfIdle()) {
                    retire(slot, "resized");
                }
            }
        }
        creator.signal();
    }

    /** Destroys a slot's object (once, whoever calls) and frees its place. */
    void retire(Slot<T> slot, String reason) {
        if (slot.stateGetAndSetDead() == Slot.DEAD) {
            return;
        }
        if (slot.detached) {
            abandoned.remove(slot);
        } else {
            structure.lock();
            try {
                Slot<T>[] array = slots;
                if (slot.index < array.length && array[slot.index] == slot) {
                    array[slot.index] = null;
                    size.decrementAndGet();
                }
            } finally {
                structure.unlock();
            }
        }
        creator.signal();
        T object = slot.object;
        housekeeper.destroyLater(object, reason);
    }

    void destroy(T object, String reason) {
        Events.Destroy event = Events.on() ? new Events.Destroy() : null;
        if (event != null) {
            event.begin();
        }
        try {
            lifecycle.destroy(object);
        } catch (Exception | LinkageError e) {
            LOG.log(System.Logger.Level.DEBUG, () -> "pool '" + name + "': destroy failed", e);
        }
        destroyed.incrementAndGet();
        if (event != null && event.shouldCommit()) {
            event.pool = name;
            event.reason = reason;
            event.commit();
        }
        tell(() -> listener.onDestroyed(name, reason));
    }

    boolean isValid(Slot<T> slot) {
        try {
            return lifecycle.validate(slot.object);
        } catch (Exception | LinkageError e) {
            LOG.log(System.Logger.Level.DEBUG, () -> "pool '" + name + "': validation failed", e);
            return false;
        }
    }

    // ----------------------------------------------------------------------------------------------- creation

    int idleCount() {
        int idle = 0;
        for (Slot<T> slot : slots) {
            if (slot != null && slot.phase() == Slot.IDLE && !slot.doomed) {
                idle++;
            }
        }
        return idle;
    }

    // ------------------------------------------------------------------------------------------- housekeeping

    // -------------------------------------------------------------------------------------------------- close

    @Override
    public void close() {
        close(config.borrowTimeout());
    }

    @Override
    public boolean close(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must be >= 0 but was " + timeout);
        }
        long limit = nanos(timeout);
        structure.lock();
        try {
            if (closed) {
                return cleanClose;
            }
            closed = true;
        } finally {
            structure.unlock();
        }
        long start = ticker.getAsLong();
        LockSupport.unpark(creator.thread);
        for (Waiter waiter : waiters) {
            LockSupport.unpark(waiter.thread);
        }
        boolean clean = true;
        for (;;) {
            for (Slot<T> slot : slots) {
                if (slot != null) {
                    slot.doom("closed");
                    if (slot.reserveIfIdle()) {
                        retire(slot, "closed");
                    }
                }
            }
            for (Slot<T> slot : abandoned) {
                if (slot.reserveIfIdle()) {
                    retire(slot, "closed");
                }
            }
            if (size.get() == 0 && abandoned.isEmpty()) {
                break;
            }
            long remaining = limit - (ticker.getAsLong() - start);
            if (remaining <= 0 || Thread.currentThread().isInterrupted()) {
                // an interrupted close stops waiting and closes at once, the flag kept for the caller
                clean = false;
                break;
            }
            LockSupport.parkNanos(this, Math.min(remaining, CLOSE_POLL));
        }
        if (!clean) {
            for (Slot<T> slot : slots) {
                if (slot != null) {
                    retire(slot, "closed");
                }
            }
            for (Slot<T> slot : abandoned) {
                retire(slot, "closed");
            }
        }
        long remaining = Math.max(limit - (ticker.getAsLong() - start), TimeUnit.SECONDS.toNanos(1));
        try {
            creator.thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(remaining)));
            if (!housekeeper.shutdown(remaining)) {
                clean = false;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            clean = false;
        }
        cleanClose = clean;
        terminated = true;
        return clean;
    }

    private IllegalStateException closedException() {
        return new IllegalStateException("pool '" + name + "' is closed");
    }

    // ------------------------------------------------------------------------------------------------ reports

    @Override
    public PoolMetrics metrics() {
        return Diagnosis.metrics(this);
    }

    @Override
    public PoolConfig<T> config() {
        return config;
    }

    @Override
    public String name() {
        return name;
    }

    /** Whether {@link #close(Duration)} has finished. */
    boolean isTerminated() {
        return terminated;
    }

    @Override
    public String toString() {
        return "Pool[" + name + ": " + Diagnosis.of(this) + "]";
    }

    /**
     * Calls the listener; whatever it throws is logged and goes no further: at WARNING the first time, with the
     * listener's class and the stack trace, at DEBUG after that.
     */
    void tell(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            if (listenerFailed.compareAndSet(false, true)) {
                LOG.log(System.Logger.Level.WARNING, () -> "pool '" + name + "': listener "
                        + listener.getClass().getName() + " threw; it is ignored (logged once)", e);
            } else {
                LOG.log(System.Logger.Level.DEBUG, () -> "pool '" + name + "': listener "
                        + listener.getClass().getName() + " threw again", e);
            }
        }
    }

    /** A duration in nanoseconds, saturated: anything beyond {@code Long.MAX_VALUE} ns means "never". */
    static long nanos(Duration duration) {
        try {
            return duration.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    /** The coarse clock's one field, alone on its cache line: read by every borrow and return, written per tick. */
    static final class CoarseClock {
        long p01, p02, p03, p04, p05, p06, p07;
        volatile long now;
        long p11, p12, p13, p14, p15, p16, p17;
    }

    /**
     * A parked borrower. Returning borrowers (and the creator) hand it a claimed slot through {@link #item}: an
     * offer succeeds only while the item is {@code null}, the waiter's "open" state. The waiter alone moves it on:
     * to {@code TAKEN} once it has a slot (handed or found), so that no one hands it a second one and the creator does
     * not create for it; back to {@code null} if that slot could not be lent; to {@code CANCELLED} when it leaves.
     */
    static final class Waiter {

        private static final Object CANCELLED = new Object();
        private static final Object TAKEN = new Object();
        private static final VarHandle ITEM;

        static {
            try {
                ITEM = MethodHandles.lookup().findVarHandle(Waiter.class, "item", Object.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        final Thread thread;
        volatile @Nullable Object item;

        Waiter(Thread thread) {
            this.thread = thread;
        }

        boolean offer(Object slot) {
            return ITEM.compareAndSet(this, null, slot);
        }

        /**
         * Takes a handed slot, or {@code null}; the waiter then counts as served until {@link #reopen()}. Only the
         * waiter writes a non-null item back, so the slot read is the slot taken.
         */
        @Nullable Object take() {
            Object handed = item;
            return handed == null || handed == TAKEN || handed == CANCELLED ? null : ITEM.getAndSet(this, TAKEN);
        }

        /** The waiter found a slot itself; a slot handed meanwhile stays in {@link #item}, for {@link #cancel()}. */
        void served() {
            ITEM.compareAndSet(this, null, TAKEN);
        }

        /** The slot the waiter had could not be lent: it can be handed another. */
        void reopen() {
            ITEM.compareAndSet(this, TAKEN, null);
        }

        /** Stops further hand-offs; returns a slot handed meanwhile, or {@code null}. */
        @Nullable Object cancel() {
            Object left = ITEM.getAndSet(this, CANCELLED);
            return left == CANCELLED || left == TAKEN ? null : left;
        }
    }
}
