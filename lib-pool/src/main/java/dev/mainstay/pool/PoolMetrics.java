package dev.mainstay.pool;

/**
 * A snapshot of a {@link Pool}'s state and counters, from {@link Pool#metrics()}. The counts are read one after
 * another without stopping the pool, so under load they may not add up exactly.
 *
 * <pre>{@code
 * PoolMetrics m = pool.metrics();
 * gauge("pool.in_use", m.inUse());
 * }</pre>
 *
 * @param name the pool's name
 * @param inUse objects lent out now
 * @param idle objects ready to lend now
 * @param size objects the pool holds now (in use, idle, or being checked), at most {@code maxSize}
 * @param maxSize the largest the pool may grow
 * @param minIdle idle objects the pool keeps ready
 * @param waiting borrowers waiting for an object now
 * @param created objects created since the pool was built
 * @param destroyed objects destroyed since the pool was built
 * @param createFailures failed {@link Lifecycle#create()} calls since the pool was built
 * @param waits borrows that found no idle object and had to wait
 * @param timeouts borrows that gave up ({@link PoolTimeoutException})
 */
public record PoolMetrics(
        String name,
        int inUse,
        int idle,
        int size,
        int maxSize,
        int minIdle,
        int waiting,
        long created,
        long destroyed,
        long createFailures,
        long waits,
        long timeouts) {}
