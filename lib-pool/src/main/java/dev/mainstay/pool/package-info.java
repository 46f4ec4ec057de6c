/**
 * A generic object pool ({@link dev.mainstay.pool.Pool}) and, in {@code dev.mainstay.pool.jdbc}, a pooling JDBC
 * {@code DataSource} built on it.
 *
 * <pre>{@code
 * Pool<Deflater> pool = Pool.builder(deflaters).name("deflaters").maxSize(4).build();
 * try (Lease<Deflater> lease = pool.borrow()) {
 *     compress(lease.get());
 * }
 * }</pre>
 *
 * <h2>Guarantees</h2>
 * <ul>
 *   <li>An object is lent to one borrower at a time, and never after it was destroyed.</li>
 *   <li>The pool never holds more than {@code maxSize} objects, lent and idle together. (The one exception is
 *       opt-in: {@link dev.mainstay.pool.Pool.Builder#reclaimLeaks(boolean) reclaimLeaks} gives a leaked object's
 *       place to a replacement while the leaked object is still out.)</li>
 *   <li>Every object the pool created is destroyed exactly once, at the latest when {@code close()} returns.</li>
 *   <li>A borrow waits at most its timeout (plus scheduling delay); objects are created on a background thread,
 *       so a slow or failing {@link dev.mainstay.pool.Lifecycle#create()} delays no borrower beyond its timeout
 *       and becomes the cause of its {@link dev.mainstay.pool.PoolTimeoutException}.</li>
 *   <li>Waiting borrowers are served in arrival order: an object given back while borrowers wait goes to the
 *       longest-waiting one, not to a newcomer. Waiting parks the thread (no spinning, no {@code synchronized}),
 *       is interruptible and keeps the interrupt flag.</li>
 * </ul>
 *
 * <h2>Algorithm</h2>
 * <p>The objects live in an array of slots. Each slot has a state word: idle, claimed, reserved (the housekeeper
 * is checking it) or dead. A borrow scans the array from a start index chosen by a hash of the borrowing thread's
 * id (kept in a small fixed table of hints, one per cache line, updated only when the thread had to move on, so no per-thread state
 * grows with virtual threads) and claims the first idle slot with one compare-and-set; the slot itself is the
 * {@link dev.mainstay.pool.Lease}, so a borrow allocates nothing. A return resets the object and publishes the
 * slot as idle with a release store; if borrowers are waiting, it takes the slot back and hands it to the oldest
 * waiter directly. A borrower that finds nothing idle queues a waiter node, asks the creator thread for an object
 * if the pool may grow, scans once more and parks (a try-borrow, {@code borrow(Duration.ZERO)}, scans twice and
 * never queues, so no object is ever handed to a borrower that cannot wait for it); it is woken by a hand-off, by its deadline or by close. (The
 * park is cut into growing slices, from 1 ms to 128 ms, after each of which the borrower scans again. This closes
 * the window in which a return's release store is not yet visible to a borrower that just queued while the return
 * read the waiter count before the borrower raised it: a borrower raises the count once, before its first scan,
 * so only a return racing that moment can miss it, and the first slice, 1 ms, bounds the delay. A fence on
 * every return would close the window at about the cost of a whole borrow and return.)
 *
 * <p>One creator thread per pool ({@code mainstay-pool-create-<name>}) creates objects while borrowers wait
 * unserved or fewer than {@code minIdle} are idle, and backs off after failures (10 ms, doubling, at most 1 s).
 * One housekeeper thread ({@code mainstay-pool-housekeeper-<name>}) destroys objects, and every
 * {@code housekeepingInterval} expires objects past their (jittered) lifetime, objects idle too long above
 * {@code minIdle}, validates idle objects due for keepalive, and reports leaks.
 *
 * <h2>Cost of each operation</h2>
 * <ul>
 *   <li>{@code borrow()} with an idle object: the slot the thread's hint names is tried first (one read, one
 *       CAS, one read of the slot's doomed flag, all on the slot's one padded cache line); only if it is taken
 *       does the borrow go on over the array. No allocation, no clock read. A clock read when
 *       {@code validateAfterIdle} is not {@link dev.mainstay.pool.Pool#NEVER}; a stack capture (an allocation)
 *       when leak detection is on.</li>
 *   <li>{@code Lease.close()}: a read of the state word and the doomed flag, a release store and one volatile
 *       read (are borrowers waiting?), no atomic read-modify-write and no clock read.
 *       {@link dev.mainstay.pool.Lifecycle#reset(Object)} is called when the lifecycle overrides it; a clock read
 *       when idle timeout, keepalive or validation-on-borrow need the return time. With waiters, a CAS and a walk
 *       of the waiter queue.</li>
 *   <li>A borrow that waits: one waiter node, one queue insertion and removal, parking.</li>
 *   <li>{@code evict(object)}: a scan of the slots; {@code evictAll()}, {@code resize()}, {@code metrics()}: a
 *       scan of the slots.</li>
 * </ul>
 * Listener calls and JFR events ({@code dev.mainstay.pool.BorrowWait}, {@code BorrowTimeout}, {@code Create},
 * {@code Destroy}) happen on slow paths only.
 *
 * <h2>Not supported</h2>
 * <ul>
 *   <li>Borrowing by key (one pool per key is the way), LIFO/FIFO choice of idle objects, or per-borrow
 *       validation predicates.</li>
 *   <li>Taking an object away from a borrower: leak reclaim frees the object's place, but destroys the object only
 *       when it comes back (or when the pool closes).</li>
 *   <li>A stale lease (used after {@code close()}) is detected when not raced, not always: lease objects are
 *       recycled.</li>
 * </ul>
 *
 * <p>All parameters and return values are non-null unless a method says otherwise.
 */
package dev.mainstay.pool;
