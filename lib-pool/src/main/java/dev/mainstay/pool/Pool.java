package dev.mainstay.pool;

import dev.mainstay.pool.internal.Nullable;
import dev.mainstay.pool.internal.SlotPool;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * A thread-safe pool of reusable objects: borrow one, use it exclusively, give it back.
 *
 * <pre>{@code
 * Pool<Socket> pool = Pool.builder(sockets)          // a Lifecycle<Socket>
 *         .name("quotes")
 *         .maxSize(10)
 *         .borrowTimeout(Duration.ofMillis(500))
 *         .build();
 * try (Lease<Socket> lease = pool.borrow()) {
 *     lease.get().getOutputStream().write(request);
 * }
 * pool.close();
 * }</pre>
 *
 * <p>A borrow that finds an idle object costs one compare-and-set and allocates nothing. Objects are created on a
 * background thread, so a slow or failing {@link Lifecycle#create()} never makes a borrower wait longer than its
 * timeout: the borrower gets a {@link PoolTimeoutException} that says what went wrong. Waiting borrowers are served
 * in arrival order and park (no spinning), which suits virtual threads. See the package documentation for the
 * design.
 *
 * <p>A pool is thread-safe. Its settings are fixed when built, except the sizes ({@link #resize(int, int)}).
 *
 * @param <T> the type of the pooled objects
 */
public interface Pool<T> extends AutoCloseable {

    /**
     * A duration meaning "never": pass it to switch off {@code maxLifetime}, {@code idleTimeout},
     * {@code validateAfterIdle}, {@code keepaliveInterval} or {@code leakDetectionThreshold}.
     */
    Duration NEVER = ChronoUnit.FOREVER.getDuration();

    /**
     * Starts building a pool of the objects {@code lifecycle} makes.
     *
     * @param lifecycle creates, validates, resets and destroys the objects
     * @param <T> the type of the pooled objects
     * @return a builder with the defaults described on each setting
     * @throws NullPointerException if {@code lifecycle} is {@code null}
     */
    static <T> Builder<T> builder(Lifecycle<T> lifecycle) {
        return new Builder<>(lifecycle);
    }

    /**
     * Borrows an object, waiting up to the configured {@link Builder#borrowTimeout(Duration) borrowTimeout}.
     *
     * @return the lease; close it to give the object back
     * @throws PoolTimeoutException if no object became available in time, or the wait was interrupted
     * @throws IllegalStateException if the pool is closed
     */
    Lease<T> borrow();

    /**
     * Borrows an object, waiting up to {@code timeout}.
     *
     * @param timeout the longest wait; {@link Duration#ZERO} takes an idle object or fails at once
     * @return the lease; close it to give the object back
     * @throws PoolTimeoutException if no object became available in time, or the wait was interrupted
     * @throws IllegalStateException if the pool is closed
     * @throws IllegalArgumentException if {@code timeout} is negative
     */
    Lease<T> borrow(Duration timeout);

    /**
     * Marks {@code object} as broken: destroyed now if idle, or when its borrower gives it back.
     *
     * @param object an object of this pool (compared by identity)
     * @return {@code true} if the object belongs to this pool
     */
    boolean evict(T object);

    /**
     * Marks every object the pool holds now as suspect, after a failure that has probably broken them all (a
     * database restart or failover, seen as a fatal error on one connection): each is validated
     * ({@link Lifecycle#validate(Object)}) before it is lent again, whatever {@code validateAfterIdle} says, and the
     * housekeeper validates the idle ones at once, destroying those that fail. Objects created afterwards are not
     * affected. {@code PooledDataSource} calls this when a connection reports a fatal error, so that one failover
     * costs one borrower an error, not one per pooled connection. The pool calls it itself when a borrow finds an
     * object invalid ({@link Builder#validateAfterIdle(Duration)}): with validation on borrow no borrower sees the
     * error, and the failed validation is the sign that the others are probably broken too.
     */
    void suspectAll();

    /**
     * Replaces every object: idle ones are destroyed now, lent ones when they come back (a soft drain). New objects
     * are created as borrowers and {@code minIdle} need them.
     */
    void evictAll();

    /**
     * Changes the sizes at run time. Growing takes effect at once; shrinking destroys idle objects above the new
     * maximum now and lent ones when they come back.
     *
     * @param maxSize the new maximum, at least 1
     * @param minIdle the new minimum of idle objects, from 0 to {@code maxSize}
     * @throws IllegalArgumentException naming the bad value
     */
    void resize(int maxSize, int minIdle);

    /**
     * A snapshot of the pool's state and counters.
     *
     * @return the snapshot
     */
    PoolMetrics metrics();

    /**
     * The settings the pool was built with.
     *
     * @return the settings
     */
    PoolConfig<T> config();

    /**
     * The pool's name.
     *
     * @return the name
     */
    String name();

    /**
     * Closes the pool, waiting up to the borrow timeout for lent objects to come back. Same as
     * {@code close(config().borrowTimeout())}.
     */
    @Override
    void close();

    /**
     * Closes the pool: new borrows fail with {@link IllegalStateException}, waiting borrowers are woken with it,
     * idle objects are destroyed at once, lent objects when they come back or, at the latest, when {@code timeout}
     * has passed. Returns when every object the pool created has been destroyed (or {@code timeout} passed).
     * Closing again does nothing.
     *
     * <p>If the calling thread is interrupted while it waits, the pool stops waiting and closes at once, as when
     * {@code timeout} has passed; the interrupt flag stays set.
     *
     * @param timeout how long to wait for lent objects
     * @return {@code true} if every object came back and was destroyed in time
     * @throws IllegalArgumentException if {@code timeout} is negative
     */
    boolean close(Duration timeout);

    /**
     * Builds a {@link Pool}. Each setter checks its value at once. Not thread-safe; build once, share the pool.
     *
     * <pre>{@code
     * Pool<Socket> pool = Pool.builder(sockets).maxSize(20).minIdle(5).maxLifetime(Duration.ofMinutes(10)).build();
     * }</pre>
     *
     * @param <T> the type of the pooled objects
     */
    final class Builder<T> {

        private static final AtomicInteger NEXT_ID = new AtomicInteger();

        private final Lifecycle<T> lifecycle;
        private @Nullable String name;
        private int maxSize = 10;
        private int minIdle = 0;
        private Duration borrowTimeout = Duration.ofSeconds(30);
        private Duration maxLifetime = Duration.ofMinutes(30);
        private @Nullable Duration maxLifetimeJitter;
        private Duration idleTimeout = Duration.ofMinutes(10);
        private Duration validateAfterIdle = Duration.ofMillis(500);
        private Duration keepaliveInterval = NEVER;
        private Duration leakDetectionThreshold = NEVER;
        private boolean reclaimLeaks;
        private Duration housekeepingInterval = Duration.ofSeconds(1);
        private @Nullable PoolListener listener;
        private @Nullable ThreadFactory threadFactory;
        private LongSupplier ticker = System::nanoTime;

        Builder(Lifecycle<T> lifecycle) {
            this.lifecycle = Objects.requireNonNull(lifecycle, "lifecycle");
        }

        /**
         * The pool's name, for thread names, logs, exceptions and JFR events. Default {@code "pool-<n>"}.
         *
         * @param name a non-blank name
         * @return this builder
         */
        public Builder<T> name(String name) {
            Objects.requireNonNull(name, "name");
            if (name.isBlank()) {
                throw new IllegalArgumentException("name must not be blank but was '" + name + "'");
            }
            this.name = name;
            return this;
        }

        /**
         * The most objects the pool holds, lent and idle together. Default 10.
         *
         * @param maxSize at least 1
         * @return this builder
         */
        public Builder<T> maxSize(int maxSize) {
            if (maxSize < 1) {
                throw new IllegalArgumentException("maxSize must be >= 1 but was " + maxSize);
            }
            this.maxSize = maxSize;
            return this;
        }

        /**
         * Idle objects the pool keeps ready, creating them in the background. Default 0. Must not exceed
         * {@code maxSize} (checked by {@link #build()}).
         *
         * @param minIdle at least 0
         * @return this builder
         */
        public Builder<T> minIdle(int minIdle) {
            if (minIdle < 0) {
                throw new IllegalArgumentException("minIdle must be >= 0 but was " + minIdle);
            }
            this.minIdle = minIdle;
            return this;
        }

        /**
         * How long {@link Pool#borrow()} waits for an object. Default 30 seconds.
         *
         * @param borrowTimeout zero or more; zero fails at once when no object is idle
         * @return this builder
         */
        public Builder<T> borrowTimeout(Duration borrowTimeout) {
            this.borrowTimeout = nonNegative("borrowTimeout", borrowTimeout);
            return this;
        }

        /**
         * How long an object lives at most; it is then replaced (when idle, or when its borrower gives it back).
         * Default 30 minutes; {@link Pool#NEVER} for no limit.
         *
         * @param maxLifetime more than zero
         * @return this builder
         */
        public Builder<T> maxLifetime(Duration maxLifetime) {
            this.maxLifetime = positive("maxLifetime", maxLifetime);
            return this;
        }

        /**
         * Each object expires a random amount up to this much before {@code maxLifetime}, so that objects created
         * together do not all expire together. Default: a fortieth of {@code maxLifetime}. Must be less than
         * {@code maxLifetime} (checked by {@link #build()}).
         *
         * @param maxLifetimeJitter zero or more
         * @return this builder
         */
        public Builder<T> maxLifetimeJitter(Duration maxLifetimeJitter) {
            this.maxLifetimeJitter = nonNegative("maxLifetimeJitter", maxLifetimeJitter);
            return this;
        }

        /**
         * How long an object may stay idle before it is destroyed, as long as the pool keeps {@code minIdle} idle
         * objects. Default 10 minutes; {@link Pool#NEVER} to keep idle objects.
         *
         * @param idleTimeout more than zero
         * @return this builder
         */
        public Builder<T> idleTimeout(Duration idleTimeout) {
            this.idleTimeout = positive("idleTimeout", idleTimeout);
            return this;
        }

        /**
         * A borrow validates the object ({@link Lifecycle#validate(Object)}) only when it has been idle at least
         * this long: an object returned a moment ago is trusted. Default 500 ms; {@link Duration#ZERO} validates
         * every borrow; {@link Pool#NEVER} never validates on borrow. Only a lifecycle that overrides
         * {@code validate} is validated on borrow (the default {@code validate} says every object is valid).
         *
         * <p>Idle time is judged on a coarse clock that the housekeeper thread ticks every fiftieth of the
         * shortest time window in use ({@code validateAfterIdle}, {@code idleTimeout}, {@code keepaliveInterval}),
         * at most every 10 ms, and that at each tick notes which objects were used since the last one: so a borrow
         * and a return neither read a clock nor write a time. With the default, idle is judged to ±10 ms:
         * an object idle 500 ms or more is validated, one idle less than 490 ms is not, between it may be. (A
         * housekeeper kept busy, by a slow {@link Lifecycle#destroy(Object)} for instance, ticks late, and an
         * object may then be trusted for that much longer.) Windows shorter than 50 ms are judged on the ticker,
         * read on every borrow and return.
         *
         * @param validateAfterIdle zero or more
         * @return this builder
         */
        public Builder<T> validateAfterIdle(Duration validateAfterIdle) {
            this.validateAfterIdle = nonNegative("validateAfterIdle", validateAfterIdle);
            return this;
        }

        /**
         * The housekeeper validates objects that have been idle this long, so that broken ones are found before a
         * borrower meets them and idle connections are kept open through firewalls. Default {@link Pool#NEVER}.
         *
         * @param keepaliveInterval more than zero
         * @return this builder
         */
        public Builder<T> keepaliveInterval(Duration keepaliveInterval) {
            this.keepaliveInterval = positive("keepaliveInterval", keepaliveInterval);
            return this;
        }

        /**
         * A borrower holding an object longer than this is reported (log, {@link PoolListener#onLeakSuspected}) once,
         * with the stack where it borrowed; the stacks of the oldest holders also appear in
         * {@link PoolTimeoutException} messages. Capturing the stack costs each borrow an allocation, so this is
         * off by default ({@link Pool#NEVER}).
         *
         * @param leakDetectionThreshold more than zero
         * @return this builder
         */
        public Builder<T> leakDetectionThreshold(Duration leakDetectionThreshold) {
            this.leakDetectionThreshold = positive("leakDetectionThreshold", leakDetectionThreshold);
            return this;
        }

        /**
         * When a leak is reported, give its place back to the pool so a replacement can be created; the leaked
         * object is destroyed when (if ever) its borrower gives it back, or when the pool closes. Until then the
         * pool holds one object more than {@code maxSize}. Default {@code false}.
         *
         * @param reclaimLeaks whether to reclaim
         * @return this builder
         */
        public Builder<T> reclaimLeaks(boolean reclaimLeaks) {
            this.reclaimLeaks = reclaimLeaks;
            return this;
        }

        /**
         * How often the housekeeper looks for expired, idle-too-long, leaked and keepalive-due objects. It bounds how
         * late those are noticed. Default 1 second.
         *
         * @param housekeepingInterval more than zero and not {@link Pool#NEVER}
         * @return this builder
         */
        public Builder<T> housekeepingInterval(Duration housekeepingInterval) {
            positive("housekeepingInterval", housekeepingInterval);
            if (housekeepingInterval.compareTo(Duration.ofDays(1)) > 0) {
                throw new IllegalArgumentException(
                        "housekeepingInterval must be <= 1 day but was " + housekeepingInterval);
            }
            this.housekeepingInterval = housekeepingInterval;
            return this;
        }

        /**
         * Hears pool events. Default: none.
         *
         * @param listener the listener
         * @return this builder
         */
        public Builder<T> listener(PoolListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * Makes the pool's two background threads (the creator, which calls {@link Lifecycle#create()}, and the
         * housekeeper, which destroys objects and runs {@code housekeepingInterval} checks). Default: daemon
         * platform threads named {@code mainstay-pool-create-<name>} and {@code mainstay-pool-housekeeper-<name>}.
         *
         * @param threadFactory the factory
         * @return this builder
         */
        public Builder<T> threadFactory(ThreadFactory threadFactory) {
            this.threadFactory = Objects.requireNonNull(threadFactory, "threadFactory");
            return this;
        }

        /**
         * The clock: monotonic nanoseconds, as {@link System#nanoTime()} (the default). For tests.
         *
         * @param ticker the clock
         * @return this builder
         */
        public Builder<T> ticker(LongSupplier ticker) {
            this.ticker = Objects.requireNonNull(ticker, "ticker");
            return this;
        }

        /**
         * The settings as they stand, checked against each other.
         *
         * @return the settings
         * @throws IllegalArgumentException if {@code minIdle > maxSize} or {@code maxLifetimeJitter >= maxLifetime}
         */
        public PoolConfig<T> config() {
            if (minIdle > maxSize) {
                throw new IllegalArgumentException(
                        "minIdle must be <= maxSize (" + maxSize + ") but was " + minIdle);
            }
            Duration jitter = maxLifetimeJitter != null
                    ? maxLifetimeJitter
                    : maxLifetime.equals(NEVER) ? Duration.ZERO : maxLifetime.dividedBy(40);
            if (!maxLifetime.equals(NEVER) && jitter.compareTo(maxLifetime) >= 0) {
                throw new IllegalArgumentException("maxLifetimeJitter must be < maxLifetime (" + maxLifetime
                        + ") but was " + jitter);
            }
            String poolName = name != null ? name : "pool-" + NEXT_ID.incrementAndGet();
            PoolListener poolListener = Optional.ofNullable(listener).orElse(NoListener.INSTANCE);
            return new PoolConfig<>(poolName, lifecycle, maxSize, minIdle, borrowTimeout, maxLifetime, jitter,
                    idleTimeout, validateAfterIdle, keepaliveInterval, leakDetectionThreshold, reclaimLeaks,
                    housekeepingInterval, poolListener, threadFactory, ticker);
        }

        /**
         * Builds and starts the pool: its background threads begin creating {@code minIdle} objects at once;
         * {@code build()} does not wait for them.
         *
         * @return the pool
         * @throws IllegalArgumentException if {@code minIdle > maxSize} or {@code maxLifetimeJitter >= maxLifetime}
         */
        public Pool<T> build() {
            return new SlotPool<>(config());
        }

        private static Duration nonNegative(String setting, Duration value) {
            Objects.requireNonNull(value, setting);
            if (value.isNegative()) {
                throw new IllegalArgumentException(setting + " must be >= 0 but was " + value);
            }
            return value;
        }

        private static Duration positive(String setting, Duration value) {
            Objects.requireNonNull(value, setting);
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(setting + " must be > 0 but was " + value);
            }
            return value;
        }

        private enum NoListener implements PoolListener {
            INSTANCE
        }
    }
}
