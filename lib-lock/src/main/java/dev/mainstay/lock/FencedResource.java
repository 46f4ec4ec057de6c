package dev.mainstay.lock;

import java.util.concurrent.locks.ReentrantLock;

/**
 * A resource guarded by fencing tokens: it remembers the highest token it has seen and refuses writes that come
 * with a lower one. This is what makes a lease-based lock safe when a holder pauses (GC, a stalled VM, a slow
 * network) past its lease: the late write of the old holder carries a token lower than the new holder's, and is
 * refused (Kleppmann, "How to do distributed locking").
 *
 * <pre>{@code
 * FencedResource account = new FencedResource();
 * try (LockHandle lock = locks.acquire("account:7", Duration.ofSeconds(10), Duration.ofSeconds(1))) {
 *     account.write(lock.name(), lock.token(), () -> balance.addAndGet(100));
 * }
 * }</pre>
 *
 * <p>The check and the write run under one lock, so they are atomic, as they must be in any real store: in SQL,
 * {@code UPDATE ... SET ..., fence = ? WHERE id = ? AND fence <= ?} does the same in one statement. Equal tokens
 * are admitted (one holder writes many times). Thread-safe.
 */
public final class FencedResource {

    private final ReentrantLock lock = new ReentrantLock();
    private long highest;
    private long refused;

    /** A resource that has seen no token yet. */
    public FencedResource() {}

    /**
     * Runs {@code write} if {@code token} is at least the highest seen, and remembers it.
     *
     * @param token the writer's fencing token
     * @param write the write
     * @return whether the write ran
     */
    public boolean tryWrite(long token, Runnable write) {
        lock.lock();
        try {
            if (token < highest) {
                refused++;
                return false;
            }
            highest = token;
            write.run();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Runs {@code write} if {@code token} is at least the highest seen, or throws.
     *
     * @param lockName the lock's name, for the exception
     * @param token    the writer's fencing token
     * @param write    the write
     * @throws LockLostException if a higher token was seen: a newer holder has written
     */
    public void write(String lockName, long token, Runnable write) {
        if (!tryWrite(token, write)) {
            throw new LockLostException(lockName, token, "fenced write", null);
        }
    }

    /**
     * The highest token seen.
     *
     * @return the token, {@code 0} before the first write
     */
    public long highestToken() {
        lock.lock();
        try {
            return highest;
        } finally {
            lock.unlock();
        }
    }

    /**
     * How many writes were refused for a stale token.
     *
     * @return the count
     */
    public long refusedWrites() {
        lock.lock();
        try {
            return refused;
        } finally {
            lock.unlock();
        }
    }
}
