/**
 * Retry policies, circuit breakers, timeouts, hedged calls and fallbacks for calls to flaky dependencies,
 * synchronous and asynchronous, stacked in one documented order.
 *
 * <h2>What is here</h2>
 * <ul>
 *   <li>{@link dev.mainstay.retry.Retry}: attempts, deadline, {@link dev.mainstay.retry.Backoff} (fixed,
 *       exponential, and AWS's full, equal and decorrelated jitter), a delay function for {@code Retry-After},
 *       retry and abort predicates on exceptions and results, {@link dev.mainstay.retry.RetryListener} events.</li>
 *   <li>{@link dev.mainstay.retry.RetryBudget}: a token bucket shared by policies so that retries add a bounded
 *       fraction of load when a dependency is down (AWS SDK v2 / gRPC retry throttling).</li>
 *   <li>{@link dev.mainstay.retry.CircuitBreaker}: closed, open, half-open, forced-open, disabled; count- or
 *       time-based window; failure-rate and slow-call-rate thresholds; exactly N half-open probes; a bounded stay in
 *       half-open; decorated calls or a manual permission protocol; listeners, metrics and JFR events
 *       ({@code dev.mainstay.retry.CircuitBreakerTransition}, category Mainstay / Retry).</li>
 *   <li>{@link dev.mainstay.retry.Timeout}: a time limit; asynchronous calls fail at the deadline with
 *       {@link dev.mainstay.retry.TimeoutExceededException} and their stage is cancelled; synchronous calls run on an
 *       executor you give and are interrupted.</li>
 *   <li>{@link dev.mainstay.retry.Hedge}: hedged calls (up to N extra attempts after a fixed delay or an observed
 *       latency percentile; the first success wins, the others are cancelled), for calls marked idempotent, paid
 *       from the same {@link dev.mainstay.retry.RetryBudget}.</li>
 *   <li>{@link dev.mainstay.retry.Fallback}: another answer on chosen exceptions or results.</li>
 *   <li>{@link dev.mainstay.retry.Pipeline}: fallback → retry → layers → circuit breaker → timeout → call, where a
 *       layer is any {@code <T> T call(Callable<T>)} method of another module, given by method reference.</li>
 * </ul>
 *
 * <h2>Guarantees</h2>
 * <ul>
 *   <li>A retry policy never retries an {@link java.lang.Error}, and by default never a
 *       {@link dev.mainstay.retry.CallNotPermittedException}, so "retry outside the breaker" stops at an open
 *       breaker instead of hammering it.</li>
 *   <li>With a deadline, no wait ends after the deadline and no attempt starts after it.</li>
 *   <li>Interruption of a synchronous retry stops it at once; the interrupt flag is set again.</li>
 *   <li>A half-open breaker grants exactly {@code permittedCallsInHalfOpen} permissions, whatever the number of
 *       threads: the grant is a compare-and-set on a counter owned by that half-open period.</li>
 *   <li>Every outcome is recorded against the phase that permitted the call, on the decorated path and in the
 *       manual protocol alike: a {@link dev.mainstay.retry.CircuitBreaker.Permit} is tied to the phase that granted
 *       it and settles once. A straggler (a call permitted before a transition) is never taken for a half-open
 *       probe and never reaches a later window; a stale or second release never lets an extra probe through.</li>
 *   <li>A listener that throws is caught and logged once per policy through {@code System.Logger}
 *       ({@code dev.mainstay.retry}, WARNING with the listener's class and stack trace; later failures at DEBUG); it
 *       never changes the outcome and never propagates.</li>
 *   <li>A retry budget's token count is never negative and never above its capacity.</li>
 *   <li>A timed or hedged call completes exactly once. A timed-out asynchronous call's stage is cancelled before
 *       the {@link dev.mainstay.retry.TimeoutExceededException} is seen; a stage that finished first keeps its
 *       outcome. No timer task outlives its call: it is removed from the scheduler's queue when the call completes
 *       (on the policy's own scheduler, or on one you give with {@code setRemoveOnCancelPolicy(true)}).</li>
 *   <li>A hedged call starts at most {@code maxHedges + 1} attempts; every attempt the winner overtakes is cancelled
 *       and counted once in {@link dev.mainstay.retry.Hedge.Metrics#cancelled()}; every hedge takes a retry's cost
 *       from the budget, so hedges and retries together stay within its bound.</li>
 *   <li>Count-based windows keep exactly their last N outcomes' totals, under any interleaving (each record
 *       swaps its slot atomically and adds the difference). Time-based windows lose no record under
 *       any interleaving: a bucket's period is fixed when it is installed, and a record always counts in the
 *       bucket of its own period (only records older than the window, which would not count anyway, are
 *       left out).</li>
 * </ul>
 *
 * <h2>Algorithm</h2>
 * A breaker holds one immutable phase object per state period (state, entry time, open-until, consecutive
 * openings, the closed window or the half-open probe counter), swapped by compare-and-set; objects are allocated
 * on transitions only. The count window is a ring of one-byte slots, a ticket counter and one packed {@code long}
 * of totals (calls, failures, slow calls in signed 21-bit fields). The time window is a ring of bucket objects, each with a
 * fixed period (epoch), replaced by compare-and-set when a new period begins. Rates are judged only on a failed or slow outcome, because a fast success cannot raise a rate.
 *
 * <p>An asynchronous timeout is one object per call that is at once the returned future, the timer task and the
 * stage's callback. A synchronous timeout is a {@link java.util.concurrent.FutureTask} on your executor and a timed
 * wait on it; no timer. A hedged call is one object holding its attempts and its next timer; its counts change
 * under its own monitor, never held while user code runs. The percentile delay comes from a log-linear histogram
 * (8 buckets per power of two, 496 atomic counters, about the last 1,000 first-attempt latencies; a first attempt
 * overtaken by a hedge counts with the time it had run, a lower bound), recomputed every 64 samples. A pipeline is a
 * chain of stages made once at build time; retry and breaker take the user's callable as an argument instead of
 * capturing it.
 *
 * <h2>Cost of each operation</h2>
 * <table class="striped">
 *   <caption>Costs on the paths that matter</caption>
 *   <tr><th>operation</th><th>cost</th></tr>
 *   <tr><td>{@code Retry.get}, first attempt succeeds</td><td>no allocation, no clock read (one with a deadline);
 *       with a budget, one volatile read while the bucket is full</td></tr>
 *   <tr><td>{@code CircuitBreaker.tryAcquirePermission}, closed</td><td>one volatile read and the permit (one
 *       small object); settling it is one compare-and-set plus the record. The decorated methods need no
 *       permit.</td></tr>
 *   <tr><td>record a success, count window</td><td>one volatile read while every call in the window succeeded
 *       (nothing shared written); else one atomic increment and one plain read; three atomics when the outcome
 *       replaces a different one</td></tr>
 *   <tr><td>record, time window</td><td>one clock read, one to three atomic increments; a failure sums the
 *       buckets; one small object per bucket period, none per call</td></tr>
 *   <tr><td>decorated call, slow-call detection on</td><td>two clock reads (start, end)</td></tr>
 *   <tr><td>half-open permission</td><td>one compare-and-set</td></tr>
 *   <tr><td>refused call</td><td>one clock read (open), a {@link java.util.concurrent.atomic.LongAdder}
 *       increment, a stackless exception</td></tr>
 *   <tr><td>{@code Pipeline.call}, fallback + retry + breaker, success</td><td>the three's own costs; no
 *       allocation</td></tr>
 *   <tr><td>a layer in a pipeline</td><td>one small object per call (the callable it is given)</td></tr>
 *   <tr><td>{@code Timeout.getAsync}, in time</td><td>the returned future, one scheduled task and its removal
 *       (O(log n) under the scheduler's lock), the stage's callback node</td></tr>
 *   <tr><td>{@code Timeout.call}</td><td>one {@link java.util.concurrent.FutureTask}, one executor hand-off, a
 *       timed wait</td></tr>
 *   <tr><td>{@code Hedge.getAsync}, first attempt in time</td><td>one call object, one scheduled timer and its
 *       removal; with a percentile delay one more atomic increment</td></tr>
 * </table>
 *
 * <h2>Not supported</h2>
 * Bulkheads and rate limiting live elsewhere; they join a {@link dev.mainstay.retry.Pipeline} as layers. A timeout
 * cannot stop work that ignores interruption or cancellation: the caller returns at the deadline, the work keeps its
 * (executor's) thread until it ends and its outcome is dropped. A breaker does not interrupt a hung call: it reopens
 * after {@code maxWaitInHalfOpen} and ignores the late outcome. Hedging never applies to a call that is not marked
 * idempotent. Breaker state, budgets and latency histograms are per process; they are not shared between machines.
 *
 * <p>All parameters and return values are non-null unless a method says otherwise.
 */
package dev.mainstay.retry;
