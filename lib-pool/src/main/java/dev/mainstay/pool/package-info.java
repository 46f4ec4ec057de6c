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
 *   <li>A lease acts only on its own borrow: once returned, a second {@code close()} or {@code evict()} (from any
 *       thread, also racing the first) is a no-op and {@code get()} throws {@link IllegalStateException}; a stale
 *       lease never touches the object's next holder.</li>
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
 * <p>The objects live in an array of slots. Each slot has a state word ({@code long}): a phase, idle, claimed,
 * reserved (the housekeeper is checking it, or a return is resetting it) or dead, and a generation that every
 * claim advances. A borrow scans the array from a start index chosen by a hash of the borrowing thread's
 * id (kept in a small fixed table of hints, one per cache line, updated only when the thread had to move on, so no
 * per-thread state grows with virtual threads) and claims the first idle slot with one compare-and-set to the next
 * generation's claimed word: that word is the borrow's claim stamp. The {@link dev.mainstay.pool.Lease} is a small
 * object holding the slot and the stamp, allocated at one site after the fast and the slow path, so that when the
 * lease stays in the borrowing method (try-with-resources) escape analysis removes it and a borrow allocates
 * nothing. A return is a compare-and-set from the stamp to idle (to reserved while
 * {@link dev.mainstay.pool.Lifecycle#reset(Object)} runs), so exactly one return of a borrow takes effect and a
 * stale one finds another word and does nothing; if borrowers are waiting, it takes the slot back and hands it to
 * the oldest waiter directly, with a new stamp. A borrower that finds nothing idle queues a waiter node, asks the creator thread for an object
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
 * {@code minIdle}, validates idle objects due for keepalive, and reports leaks. {@code suspectAll()} flags every
 * slot (a flag read next to the doomed flag, on the same cache line): a flagged slot is validated by the borrower
 * that claims it, or by the housekeeper, which validates the idle ones at once (one pass queued at a time). A
 * borrow that finds an object invalid calls it too, so the objects no borrower reaches are retired as well.
 *
 * <h2>Cost of each operation</h2>
 * <ul>
 *   <li>{@code borrow()} with an idle object: the slot the thread's hint names is tried first (one read, one
 *       CAS, one read of the slot's doomed flag, all on the slot's one padded cache line); only if it is taken
 *       does the borrow go on over the array, and one more read of the state word for the stamp. With
 *       {@code validateAfterIdle} on (and a lifecycle that validates), a read of the coarse clock (a field the
 *       housekeeper writes every tick, at most every 10 ms) and of the slot's last-used time (which the housekeeper
 *       keeps, see below); the ticker is read only for windows under 50 ms. No ticker read, and no
 *       allocation when the lease stays in the borrowing method (escape analysis removes it); a lease kept in a
 *       field or passed on costs one object of 24 bytes. A stack capture (an allocation) and a ticker read when
 *       leak detection is on.</li>
 *   <li>{@code Lease.close()}: a read of the doomed flag, one compare-and-set of the state word from the lease's
 *       stamp and one volatile read (are borrowers waiting?), no clock read. The compare-and-set, where a plain
 *       release store would do for a correct caller, is the price of a stale or racing second {@code close()}
 *       never touching the next borrower (see {@code docs/pool.md} for what it costs).
 *       {@link dev.mainstay.pool.Lifecycle#reset(Object)} is called when the lifecycle overrides it (then the slot
 *       is reserved while it runs and published with a release store). Nothing for idle timeout, keepalive or
 *       validation-on-borrow: at every tick the housekeeper samples the slots' state words, and a word that moved
 *       (each borrow gives it a new generation) or is not idle marks the object as used since the previous tick.
 *       Only windows under 50 ms, which have no coarse clock, make a return read the ticker and store the time.
 *       With waiters, a CAS and a walk of the waiter queue.</li>
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
 * </ul>
 *
 * <p>All parameters and return values are non-null unless a method says otherwise.
 */
package dev.mainstay.pool;
