/**
 * Retry policies and circuit breakers for calls to flaky dependencies, synchronous and asynchronous.
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
 *   <li>A retry budget's token count is never negative and never above its capacity.</li>
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
 * <h2>Cost of each operation</h2>
 * <table class="striped">
 *   <caption>Costs on the paths that matter</caption>
 *   <tr><th>operation</th><th>cost</th></tr>
 *   <tr><td>{@code Retry.get}, first attempt succeeds</td><td>no allocation, no clock read (one with a deadline);
 *       with a budget, one volatile read while the bucket is full</td></tr>
 *   <tr><td>{@code CircuitBreaker.tryAcquirePermission}, closed</td><td>one volatile read</td></tr>
 *   <tr><td>record a success, count window</td><td>one volatile read while every call in the window succeeded
 *       (nothing shared written); else one atomic increment and one plain read; three atomics when the outcome
 *       replaces a different one</td></tr>
 *   <tr><td>record, time window</td><td>one clock read, one to three atomic increments; a failure sums the
 *       buckets; one small object per bucket period, none per call</td></tr>
 *   <tr><td>decorated call, slow-call detection on</td><td>two clock reads (start, end)</td></tr>
 *   <tr><td>half-open permission</td><td>one compare-and-set</td></tr>
 *   <tr><td>refused call</td><td>one clock read (open), a {@link java.util.concurrent.atomic.LongAdder}
 *       increment, a stackless exception</td></tr>
 * </table>
 *
 * <h2>Not supported</h2>
 * Bulkheads, rate limiting and timeouts live elsewhere (a timeout is best set on the client being called). A breaker
 * does not interrupt a hung call: it reopens after {@code maxWaitInHalfOpen} and ignores the late outcome.
 * Breaker state is per process; it is not shared between machines.
 *
 * <p>All parameters and return values are non-null unless a method says otherwise.
 */
package dev.mainstay.retry;
