package dev.mainstay.ratelimit;

/**
 * A {@link ConcurrencyLimiter} refused a call: its limit was reached (and, if it waits, no slot came within its
 * wait). A refusal, never a failure of the call itself: answer it with 429, or shed the work. It carries no
 * wait hint, because no one can say when a call in flight will end. Its sibling for rate limits is
 * {@link RateLimitedException}; {@link RateLimitException} catches both, and a backend failure.
 *
 * <pre>{@code
 * try {
 *     return limiter.get(() -> inventory.stock(sku));
 * } catch (ConcurrencyLimitedException e) {
 *     return Stock.unknown();   // e.limit(), e.inFlight() say why
 * }
 * }</pre>
 */
public final class ConcurrencyLimitedException extends RateLimitException {

    private static final long serialVersionUID = 1L;

    private final String partition;
    private final int limit;
    private final int inFlight;

    /**
     * A refusal.
     *
     * @param limiter   the limiter's name
     * @param partition the partition's name, or the limiter's name
     * @param limit     the limit in force
     * @param inFlight  the calls in flight
     */
    public ConcurrencyLimitedException(String limiter, String partition, int limit, int inFlight) {
        super(limiter, "concurrency limiter '" + limiter + "'" + (partition.equals(limiter) ? "" : " partition '"
                + partition + "'") + " refused a call: " + inFlight + " in flight, limit " + limit, null);
        this.partition = partition;
        this.limit = limit;
        this.inFlight = inFlight;
    }

    /**
     * The partition asked for, or the limiter's name when none was.
     *
     * @return the partition
     */
    public String partition() {
        return partition;
    }

    /**
     * The limit in force at the refusal.
     *
     * @return the limit
     */
    public int limit() {
        return limit;
    }

    /**
     * The calls in flight at the refusal.
     *
     * @return the calls in flight
     */
    public int inFlight() {
        return inFlight;
    }
}
