package dev.mainstay.ratelimit;

/**
 * One call's place in a {@link ConcurrencyLimiter}, or a refusal. A granted permit holds a slot until it is released
 * by the first of {@link #success()}, {@link #dropped()}, {@link #ignored()} or {@link #close()} (which releases as
 * a success); the round trip is measured from the grant to that release, on the limiter's ticker.
 *
 * <pre>{@code
 * try (Permit permit = limiter.tryAcquire()) {
 *     if (!permit.isGranted()) {
 *         return reply(429);                  // refused: nothing to release
 *     }
 *     try {
 *         return reply(backend.call());        // close() releases it as a success
 *     } catch (TimeoutException e) {
 *         permit.dropped();                    // overload seen: adaptive limits shrink
 *         return reply(504);
 *     }
 * }
 * }</pre>
 *
 * <p><b>One grant, one release.</b> Each granted permit is its own object, tied to the one grant that made it.
 * Releasing it a second time, from any thread and in any order, is a no-op that returns {@code false}: it can never
 * free a slot that another call holds now. Closing a refused permit is a no-op too. Ownership is the permit, not the
 * thread: any thread may release it.
 */
public interface Permit extends AutoCloseable {

    /**
     * Whether this permit holds (or held) a slot; {@code false} for a refusal.
     *
     * @return whether it was granted
     */
    boolean isGranted();

    /**
     * Releases the slot: the call succeeded; its round trip teaches an adaptive limit.
     *
     * @return whether this call released it ({@code false} when already released or refused)
     */
    boolean success();

    /**
     * Releases the slot: the call saw overload (a timeout, a 503); an adaptive limit shrinks.
     *
     * @return whether this call released it ({@code false} when already released or refused)
     */
    boolean dropped();

    /**
     * Releases the slot without teaching the limit anything (the call failed for a reason that says nothing about
     * load, or was cancelled before it started).
     *
     * @return whether this call released it ({@code false} when already released or refused)
     */
    boolean ignored();

    /** Releases the slot as a {@link #success()} unless it was released already; never throws. */
    @Override
    void close();
}
