/**
 * Named locks with leases and fencing tokens: in this JVM, in a SQL database, in Redis, behind one interface,
 * {@link dev.mainstay.lock.DistributedLock}.
 *
 * <pre>{@code
 * DistributedLock locks = DistributedLock.builder().build();   // or JdbcLock / RedisLock
 * try (LockHandle lock = locks.acquire("payout", Duration.ofSeconds(30), Duration.ofSeconds(5))) {
 *     lock.renewAutomatically(lost -> cancelPayout());           // optional watchdog at lease/3
 *     ledger.write(lock.token(), payout);                        // fenced: stale tokens are refused
 * }
 * }</pre>
 *
 * <h2>Guarantees</h2>
 * <ul>
 *   <li><b>Mutual exclusion within a lease.</b> While a grant's lease lasts on the backend's clock, no other
 *       grant of the same name is made. A lease ends when released, or when its time passes without an extend.</li>
 *   <li><b>Fencing tokens.</b> Every grant carries a {@code long} strictly greater than the token of every earlier
 *       grant of the same name. A lease can end while its holder still works (a GC pause, a stalled VM, a slow
 *       network); a lock alone cannot prevent that, so the guarded resource must refuse stale tokens
 *       ({@link dev.mainstay.lock.FencedResource}, or {@code WHERE fence <= ?} in SQL).</li>
 *   <li><b>A local check with no round trip.</b> {@link dev.mainstay.lock.LockHandle#isHeld()} compares the
 *       ticker with a deadline measured from <em>before</em> the request was sent, minus a safety margin for clock
 *       drift, so it never says "held" after the server's lease ended, as long as the clocks' rates differ by less
 *       than the margin.</li>
 *   <li><b>Losses are reported, never silent.</b> {@code extend} throws {@link dev.mainstay.lock.LockLostException}
 *       on a lost lease; the first {@code close()} of a lost grant throws it; {@code release()} returns
 *       {@code false}; the renewal callback gets it.</li>
 *   <li><b>Stale handles are harmless.</b> The owner is a random id per handle (never a thread id), and every
 *       extend and release compares owner and token, so a handle whose lease ended cannot touch a later grant.
 *       A second {@code close()} or {@code release()} does nothing; any thread may release.</li>
 * </ul>
 *
 * <h2>Not supported</h2>
 * Reentrancy (a holder that acquires the same name again waits like anyone else), fairness (waiters poll with
 * backoff and jitter; there is no queue and no pub/sub), and read/write locks.
 *
 * <h2>Cost</h2>
 * <ul>
 *   <li>In memory: acquire is one map read, one ticker read, one compare-and-set and the handle; release is one
 *       compare-and-set; {@code isHeld()} is one ticker read.</li>
 *   <li>Redis and JDBC: acquire, extend and release are one round trip each (see each backend's package note).</li>
 *   <li>Renewal: one round trip per grant every third of its lease; grants due together share a batch where the
 *       backend can batch.</li>
 * </ul>
 *
 * <p>All parameters and return values are non-null unless a method says otherwise.
 */
package dev.mainstay.lock;
