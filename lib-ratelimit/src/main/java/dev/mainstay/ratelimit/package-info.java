/**
 * Rate limiters: token bucket (continuous or stepped refill), fixed window, sliding-window counter and GCRA,
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
 * <p>All parameters and return values are non-null unless a method says otherwise.
 */
package dev.mainstay.ratelimit;
