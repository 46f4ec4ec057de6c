package dev.mainstay.lock;

import dev.mainstay.lock.internal.LockService;
import dev.mainstay.lock.internal.MemoryBackend;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Named locks with leases and fencing tokens. The same interface on every backend: in this JVM
 * ({@link #builder()}), on a SQL database ({@code dev.mainstay.lock.jdbc.JdbcLock}) and on Redis
 * ({@code dev.mainstay.lock.redis.RedisLock}).
 *
 * <pre>{@code
 * DistributedLock locks = DistributedLock.builder().build();            // in memory, for one JVM
 * try (LockHandle lock = locks.acquire("reindex", Duration.ofSeconds(30), Duration.ofSeconds(5))) {
 *     reindex(lock);                                                    // lock.isHeld() costs no round trip
 * }
 *
 * Optional<LockHandle> maybe = locks.tryAcquire("nightly", Duration.ofMinutes(5));
 * maybe.ifPresent(lock -> { try (lock) { runNightly(); } });
 * }</pre>
 *
 * <p>A grant lasts for its lease unless it is extended ({@link LockHandle#extend}, or automatically with
 * {@link LockHandle#renewAutomatically}) or released. Each grant gets a fencing token, strictly greater than every
 * earlier token of the same name. Locks are not reentrant. Waiting polls the backend with capped exponential
 * backoff and jitter (no pub/sub), bounded by the caller's wait and interruptible.
 *
 * <p>Thread-safe; immutable in configuration. {@link #close()} stops the scheduler the lock created (a scheduler the
 * user supplied is left running) and ends automatic renewals; it releases nothing.
 */
public interface DistributedLock extends AutoCloseable {

    /**
     * A builder of an in-memory lock: locks shared by the threads of this JVM, with leases on the ticker.
     *
     * @return the builder
     */
    static Builder builder() {
        return new Builder();
    }

    /**
     * Takes the lock if no other owner holds it now. One round trip.
     *
     * @param name  the lock's name: 1 to 255 characters, no control characters
     * @param lease how long the grant lasts unless extended, {@code > 0} (at least 1 ms on remote backends)
     * @return the handle, or empty if another owner holds the lock
     * @throws LockBackendException     if the backend failed
     * @throws IllegalArgumentException if {@code name} or {@code lease} is out of range
     */
    Optional<LockHandle> tryAcquire(String name, Duration lease);

    /**
     * Takes the lock, waiting up to {@code maxWait} for the owner to release it or for its lease to end. Polls with
     * capped exponential backoff and jitter.
     *
     * @param name    the lock's name: 1 to 255 characters, no control characters
     * @param lease   how long the grant lasts unless extended, {@code > 0}
     * @param maxWait the longest wait, {@code >= 0} ({@code 0}: one try)
     * @return the handle
     * @throws LockTimeoutException     if the lock stayed held for the whole wait
     * @throws InterruptedException     if the thread was interrupted while waiting (nothing is held)
     * @throws LockBackendException     if the backend failed
     * @throws IllegalArgumentException if an argument is out of range
     */
    LockHandle acquire(String name, Duration lease, Duration maxWait) throws InterruptedException;

    /**
     * {@link #acquire} without blocking the caller: every try runs on the lock's scheduler.
     *
     * @param name    the lock's name
     * @param lease   the lease, {@code > 0}
     * @param maxWait the longest wait, {@code >= 0}
     * @return completes with the handle, or exceptionally with {@link LockTimeoutException} or
     *         {@link LockBackendException}; cancelling it stops the waiting (a grant that races the cancel is
     *         released)
     * @throws IllegalArgumentException if an argument is out of range
     */
    CompletableFuture<LockHandle> acquireAsync(String name, Duration lease, Duration maxWait);

    /**
     * The settings this lock was built with.
     *
     * @return the settings
     */
    LockConfig config();

    /**
     * Ends automatic renewal of every handle and stops the scheduler this lock created. Held locks stay held until
     * their leases end. Idempotent.
     */
    @Override
    void close();

    /**
     * Builds an in-memory {@link DistributedLock}. Each setting is checked when set.
     *
     * <pre>{@code
     * DistributedLock locks = DistributedLock.builder()
     *         .name("jobs")
     *         .ticker(System::nanoTime)
     *         .build();
     * }</pre>
     */
    final class Builder extends LockBuilder<Builder> {

        Builder() {
            super("memory");
            safetyMargin(Duration.ZERO); // one clock: the lease ends for the holder when it ends for everyone
        }

        @Override
        protected Builder self() {
            return this;
        }

        /**
         * Builds the lock.
         *
         * @return a new lock
         */
        public DistributedLock build() {
            return new LockService(config(), new MemoryBackend(config().ticker()));
        }
    }
}
