package dev.mainstay.lock.internal;

import java.util.List;

/**
 * Where grants live: in memory, in a SQL table, in Redis. Every operation but {@link #tryAcquire} is
 * compare-and-act on the grant's owner id and token, so a stale handle can never touch a later grant.
 * Implementations throw whatever their client throws; {@link LockService} turns it into a
 * {@link dev.mainstay.lock.LockBackendException}. An {@link IllegalStateException} is the one exception: it means a
 * bug (a reply the backend cannot decode) and reaches the caller unchanged, never as "backend down".
 */
public abstract class LockBackend {

    /**
     * The backend's name in messages, e.g. {@code "Redis"}.
     *
     * @return the name
     */
    public abstract String kind();

    /**
     * The shortest lease this backend can hold, in nanoseconds.
     *
     * @return the minimum lease
     */
    public long minLeaseNanos() {
        return 1_000_000L;
    }

    /**
     * Takes the lock if nobody holds it, or if the holder's lease has ended.
     *
     * @param service    the lock service (the grant's owner)
     * @param name       the lock's name (validated)
     * @param leaseNanos the lease (validated)
     * @param start      the ticker's reading taken before the request was sent
     * @return the grant, or {@code null} when another owner holds the lock
     * @throws Exception what the client threw
     */
    public abstract @Nullable Grant tryAcquire(LockService service, String name, long leaseNanos, long start) throws Exception;

    /**
     * Extends the grant's lease to {@code leaseNanos} from now, if it still holds the lock.
     *
     * @param grant      the grant
     * @param leaseNanos the new lease
     * @return {@code false} if the lease had ended or another owner holds the lock
     * @throws Exception what the client threw
     */
    public abstract boolean extend(Grant grant, long leaseNanos) throws Exception;

    /**
     * Extends several grants by their own leases: the watchdog's batch. The default extends them one by one;
     * a backend overrides it where one round trip can carry the batch.
     *
     * @param grants the grants
     * @return per grant, {@code Boolean.TRUE}, {@code Boolean.FALSE} (lost) or the {@code Exception} it failed with
     */
    public Object[] extendAll(List<Grant> grants) {
        Object[] results = new Object[grants.size()];
        for (int i = 0; i < results.length; i++) {
            Grant grant = grants.get(i);
            try {
                results[i] = extend(grant, grant.leaseNanos());
            } catch (Exception e) {
                results[i] = e;
            }
        }
        return results;
    }

    /**
     * Releases the grant if it still holds the lock.
     *
     * @param grant the grant
     * @return {@code false} if the lease had ended or another owner holds the lock
     * @throws Exception what the client threw
     */
    public abstract boolean release(Grant grant) throws Exception;
}
