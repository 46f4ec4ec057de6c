/**
 * Rate limiters (token bucket, continuous or stepped refill, fixed window, sliding-window counter and GCRA) and
 * concurrency limiters (a bulkhead, AIMD, Vegas and Gradient): the rate limiters
 * in this process ({@link dev.mainstay.ratelimit.RateLimiter}, {@link dev.mainstay.ratelimit.KeyedRateLimiter})
 * and shared through Redis ({@code dev.mainstay.ratelimit.redis}) or a SQL database ({@code dev.mainstay.ratelimit.jdbc}).
 *
 * <pre>{@code
 * RateLimiter limiter = RateLimiter.of(RateLimit.tokenBucket(100, 10, Duration.ofSeconds(1)));
 * if (!limiter.tryAcquire()) {
 *     // refuse, e.g. HTTP 429 with Retry-After from limiter.tryAcquireDecision(1)
 * }
 * }</pre>
 *
 * <h2>Guarantees</h2>
 * <ul>
 *   <li><b>Exact.</b> Over any interval, the permits granted never exceed the capacity plus the permits the limit
 *       refills in that interval, under any interleaving of threads; and a request is refused only when the
 *       permits really are not there. All arithmetic is on integers: a rate of 3 per second gives one permit
 *       every 333,333,333⅓ ns, the third of a nanosecond carried, never rounded (no drift, whatever the run time).
 *       The answer "wait N ns" is exact to the nanosecond.</li>
 *   <li><b>Lock-free and allocation-free.</b> {@code tryAcquire} and {@code tryAcquireOrWaitNanos} are one read of
 *       the state, one read of the ticker and one compare-and-set of a single {@code long}; they allocate nothing.
 *       {@code tryAcquireDecision} allocates its {@link dev.mainstay.ratelimit.Decision}.</li>
 *   <li><b>Blocking waits</b> decide first: when the wait the limit names is longer than what is left of the
 *       timeout, {@code acquire} returns {@code false} at once; it never chooses to sleep past the timeout; it is
 *       interruptible. {@code acquireAsync} schedules its retries and parks no thread.</li>
 *   <li><b>Reconfiguration</b> keeps the permits available at the switch, capped at the new capacity (a fraction
 *       of a permit being refilled is dropped). A request racing with the switch may be charged twice, never
 *       granted for free.</li>
 *   <li><b>Bounded keys.</b> A keyed limiter drops a key's state once it is back to full capacity and never tracks
 *       more than {@code maxKeys} keys; a new key beyond that is refused until a sweep frees room.</li>
 * </ul>
 *
 * <h2>Algorithm</h2>
 * Each limit is kept in one {@code long}, compared only through differences so that tickers may start anywhere
 * and wrap:
 * <ul>
 *   <li>greedy token bucket and GCRA (one algorithm: a GCRA with burst {@code C} admits exactly what a greedy
 *       bucket of capacity {@code C} does): the theoretical arrival time of the empty bucket, on a clock scaled by
 *       {@code refill / gcd(period, refill)} so one permit is a whole number of ticks;</li>
 *   <li>stepped token bucket and fixed window (a step refill of the whole limit): the permit count at which the
 *       bucket is empty, on a clock that moves {@code refill} at each multiple of the period on the ticker's
 *       scale;</li>
 *   <li>sliding window: the window index (modulo 2^(64 - 2b)) and the two counts of {@code b} bits each; a request
 *       passes when {@code current + n + ceil(previous * (window - elapsed) / window) <= limit}.</li>
 * </ul>
 * The state is read before the ticker, so with a monotonic ticker no decision can see a state "from its future".
 * The value {@code Long.MIN_VALUE} is reserved to freeze a state being replaced or dropped; the one transition
 * that would land on it is charged one extra tick instead (a 2^-64 event).
 *
 * <h2>Not supported</h2>
 * <ul>
 *   <li>Fairness: waiting threads are not queued; the first to retry after a refill wins.</li>
 *   <li>Tickers that go backwards. Window boundaries (fixed, sliding, stepped) are multiples of the period on the
 *       ticker's scale, so when the ticker wraps from {@code Long.MAX_VALUE} to {@code Long.MIN_VALUE} (after 292
 *       years of {@code System.nanoTime()}) one window is cut short.</li>
 *   <li>After an idle time of about 2^63 scaled ticks ({@code 2^63 / (refill / gcd(period, refill))} ns, at
 *       least 292 years divided by that factor), a state may read as partly used for at most one refill of its
 *       capacity: the error is a refusal, never an extra grant. A sliding window's tag repeats after
 *       2^(64 - 2b) windows with the same effect.</li>
 *   <li>Sliding windows over {@value dev.mainstay.ratelimit.RateLimit#MAX_SLIDING_WINDOW_LIMIT} per window; limits
 *       whose exact state needs more than 62 bits (refused when built).</li>
 * </ul>
 *
 * <h2>Cost</h2>
 * <table>
 *   <caption>Cost of each operation</caption>
 *   <tr><th>operation</th><th>cost</th></tr>
 *   <tr><td>{@code tryAcquire}, {@code tryAcquireOrWaitNanos}</td><td>one ticker read, one CAS (retried only
 *       under contention); stepped and window algorithms add a division; 0 bytes</td></tr>
 *   <tr><td>{@code tryAcquireDecision}</td><td>as above plus a division and one {@code Decision}</td></tr>
 *   <tr><td>keyed {@code tryAcquire}</td><td>one {@code ConcurrentHashMap} lookup plus the above; a new key
 *       allocates its meter; sweeps are amortised O(1) per new key</td></tr>
 *   <tr><td>{@code acquire}, {@code acquireAsync}</td><td>one try per wake-up; the async form allocates its
 *       future and task</td></tr>
 *   <tr><td>listener, JFR</td><td>none when no listener is set and no recording enables
 *       {@code dev.mainstay.ratelimit.Rejected}</td></tr>
 * </table>
 *
 * <h2>Concurrency limits</h2>
 * {@link dev.mainstay.ratelimit.ConcurrencyLimiter} counts calls in flight rather than calls per unit of time: a
 * bulkhead ({@link dev.mainstay.ratelimit.ConcurrencyLimit#fixed fixed}) or a limit learned from round trips and drops
 * ({@link dev.mainstay.ratelimit.ConcurrencyLimit#aimd AIMD}, {@link dev.mainstay.ratelimit.ConcurrencyLimit#vegas
 * Vegas}, {@link dev.mainstay.ratelimit.ConcurrencyLimit#gradient Gradient}), optionally with partitions.
 * <ul>
 *   <li><b>Exact.</b> The calls in flight never pass the limit in force (with partitions: the limit plus the share
 *       of a partition claiming its reserve). Without partitions a slot is one compare-and-set of an {@code int};
 *       with partitions, the accounting of all of them is under one lock.</li>
 *   <li><b>One grant, one release.</b> Each {@link dev.mainstay.ratelimit.Permit} is its own object, with a
 *       released flag set once under its own monitor (a section that never blocks): a second release, from any
 *       thread, is a no-op returning {@code false}, so a stale permit can never free the slot of whoever holds it
 *       now. A refusal is one shared object: it allocates nothing.</li>
 *   <li><b>Fair waits.</b> Blocking and asynchronous waiters queue first come, first served; a release hands its
 *       slot to the head of the queue, and {@code tryAcquire} is refused while anyone waits, so it cannot jump the
 *       queue. A blocking wait is interruptible (nothing is held after the exception); an asynchronous one parks
 *       no thread, and a slot handed to a cancelled future is given back.</li>
 *   <li><b>Learning.</b> An adaptive limit learns under a lock from every call released as a success or a drop,
 *       once per window of {@code max(10, limit)} samples. Vegas and Gradient measure their no-load round trip by
 *       probing at a quarter of the limit now and then (Envoy's approach): a baseline averaged under sustained load
 *       would drift up with the queue.</li>
 * </ul>
 *
 * <table>
 *   <caption>Cost of each concurrency operation</caption>
 *   <tr><th>operation</th><th>cost</th></tr>
 *   <tr><td>{@code tryAcquire} granted + {@code close}, fixed limit</td><td>a CAS and an atomic add on the limiter,
 *       the permit and its monitor; no clock read. When the permit does not escape (try-with-resources), the JIT
 *       elides the monitor and the allocation: 0 bytes in the JMH benchmark on JDK 25; a permit kept beyond the
 *       call costs 32 to 40 bytes</td></tr>
 *   <tr><td>{@code tryAcquire} refused</td><td>one or two volatile reads; 0 bytes</td></tr>
 *   <tr><td>{@code get}, {@code call}, {@code run}, fixed limit</td><td>a CAS and an atomic add; 0 bytes; no clock
 *       read</td></tr>
 *   <tr><td>adaptive limits</td><td>two ticker reads per call and a short lock at release</td></tr>
 *   <tr><td>waits</td><td>a queue node per waiter, and a future for an asynchronous one</td></tr>
 * </table>
 *
 * <p>All parameters and return values are non-null unless a method says otherwise.
 */
package dev.mainstay.ratelimit;
