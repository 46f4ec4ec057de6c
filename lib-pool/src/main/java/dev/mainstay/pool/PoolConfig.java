package dev.mainstay.pool;

import dev.mainstay.pool.internal.Nullable;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;
import java.util.function.LongSupplier;

/**
 * The settings of a {@link Pool}, as built by {@link Pool.Builder} and returned by {@link Pool#config()}.
 * Durations are as given to the builder; a duration of {@link Pool#NEVER} (or any that does not fit in a
 * {@code long} of nanoseconds) switches the feature off.
 *
 * <pre>{@code
 * PoolConfig<Socket> config = pool.config();
 * assert config.maxSize() == 10;
 * }</pre>
 *
 * @param <T> the type of the pooled objects
 * @param name the pool's name, used in thread names, logs, exceptions and JFR events
 * @param lifecycle how objects are created, validated, reset and destroyed
 * @param maxSize the most objects the pool holds (as built; see {@link Pool#resize(int, int)})
 * @param minIdle idle objects the pool keeps ready (as built)
 * @param borrowTimeout how long {@link Pool#borrow()} waits
 * @param maxLifetime how long an object lives at most
 * @param maxLifetimeJitter up to how much earlier than {@code maxLifetime} each object expires, chosen at random
 * @param idleTimeout how long an object above {@code minIdle} may stay idle
 * @param validateAfterIdle how long an object must have been idle before a borrow validates it
 * @param keepaliveInterval how often idle objects are validated in the background
 * @param leakDetectionThreshold how long a borrower may hold an object before it is reported as a leak
 * @param reclaimLeaks whether a leaked object's place is given back to the pool
 * @param housekeepingInterval how often the background housekeeper runs
 * @param listener hears events; a no-op listener when none was set
 * @param threadFactory makes the pool's creator and housekeeper threads, or {@code null} for the default (daemon
 *     threads named {@code mainstay-pool-create-<name>} and {@code mainstay-pool-housekeeper-<name>})
 * @param ticker monotonic nanoseconds
 */
public record PoolConfig<T>(
        String name,
        Lifecycle<T> lifecycle,
        int maxSize,
        int minIdle,
        Duration borrowTimeout,
        Duration maxLifetime,
        Duration maxLifetimeJitter,
        Duration idleTimeout,
        Duration validateAfterIdle,
        Duration keepaliveInterval,
        Duration leakDetectionThreshold,
        boolean reclaimLeaks,
        Duration housekeepingInterval,
        PoolListener listener,
        @Nullable ThreadFactory threadFactory,
        LongSupplier ticker) {

    /**
     * Checks that no component is {@code null}; the builder has checked the values.
     *
     * @throws NullPointerException naming the {@code null} component
     */
    public PoolConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(lifecycle, "lifecycle");
        Objects.requireNonNull(borrowTimeout, "borrowTimeout");
        Objects.requireNonNull(maxLifetime, "maxLifetime");
        Objects.requireNonNull(maxLifetimeJitter, "maxLifetimeJitter");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(validateAfterIdle, "validateAfterIdle");
        Objects.requireNonNull(keepaliveInterval, "keepaliveInterval");
        Objects.requireNonNull(leakDetectionThreshold, "leakDetectionThreshold");
        Objects.requireNonNull(housekeepingInterval, "housekeepingInterval");
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(ticker, "ticker");
    }
}
