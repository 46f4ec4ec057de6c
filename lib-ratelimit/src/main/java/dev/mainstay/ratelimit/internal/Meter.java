package dev.mainstay.ratelimit.internal;

import dev.mainstay.ratelimit.RateLimit;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * The state of one limit: a single {@code long}, changed by one compare-and-set per decision.
 *
 * <p>The state is read before the ticker, so with a monotonic ticker no thread can see a state written "after" its
 * own clock reading. The value {@link #RETIRED} is reserved: it marks a meter that was frozen to be replaced
 * (reconfiguration) or dropped (eviction of a full bucket); a caller that meets it looks the meter up again.
 */
public abstract class Meter {

    /** The reserved state of a frozen meter; an {@link #attempt} that meets it returns it. */
    public static final long RETIRED = Long.MIN_VALUE;

    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(Meter.class, "state", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The limit this meter enforces. */
    public final RateLimit limit;
    /** The limit's capacity. */
    public final long capacity;
    final LongSupplier ticker;
    volatile long state;

    Meter(RateLimit limit, LongSupplier ticker) {
        this.limit = limit;
        this.capacity = limit.capacity();
        this.ticker = ticker;
    }

    /**
     * Whether this meter was made for this very limit object. Identity, not {@code equals}, on purpose: each
     * reconfiguration installs a new object, and one compare on the hot path tells a meter on the settings in force
     * from one to replace (an equal limit installed again costs only a successor).
     *
     * @param limit the limit in force
     * @return whether this meter enforces that object
     */
    @SuppressWarnings("ReferenceEquality") // identity on purpose: see above
    public boolean madeFor(RateLimit limit) {
        return this.limit == limit;
    }

    /**
     * A meter for {@code limit} holding its initial permits.
     *
     * @param limit  the limit
     * @param ticker the nanosecond ticker
     * @return the meter
     */
    public static Meter create(RateLimit limit, LongSupplier ticker) {
        return create(limit, ticker, ticker.getAsLong(), limit.initialPermits());
    }

    private static Meter instantiate(RateLimit limit, LongSupplier ticker) {
        return switch (limit.algorithm()) {
            case TOKEN_BUCKET_GREEDY, GCRA -> new ScaledMeter(limit, ticker);
            case TOKEN_BUCKET_INTERVAL, FIXED_WINDOW -> new SteppedMeter(limit, ticker);
            case SLIDING_WINDOW -> new SlidingMeter(limit, ticker);
        };
    }

    /**
     * One decision on a state kept elsewhere (a database row), at a given time: the same exact arithmetic as in
     * process. A state written under another limit is first converted by the carry-over rule.
     *
     * @param limit       the limit in force
     * @param storedLimit the limit the state was written under, or null when there is no state yet
     * @param storedState the state, ignored when {@code storedLimit} is null
     * @param now         the time in nanoseconds (never earlier than the time the state was written)
     * @param permits     the permits asked for, {@code 0} to only look
     * @return {@code [result as in attempt() (0 when looking), new state, nanos to full, permits available]}
     */
    public static long[] decideStored(RateLimit limit, @Nullable RateLimit storedLimit, long storedState, long now,
            long permits) {
        LongSupplier clock = () -> now;
        Meter meter;
        if (storedLimit == null) {
            meter = create(limit, clock, now, limit.initialPermits());
        } else if (storedLimit.equals(limit)) {
            meter = instantiate(limit, clock);
            meter.state = storedState;
        } else {
            Meter old = instantiate(storedLimit, clock);
            old.state = storedState;
            meter = Objects.requireNonNull(old.retireInto(limit), "meter"); // a fresh meter is never retired
        }
        long result = permits == 0 ? 0 : meter.attempt(permits, true);
        return new long[] {result, meter.state, meter.nanosToFull(), meter.available()};
    }

    private static Meter create(RateLimit limit, LongSupplier ticker, long now, long available) {
        Meter meter = instantiate(limit, ticker);
        long initial = meter.stateFor(now, available);
        meter.state = initial == RETIRED ? initial + 1 : initial;
        return meter;
    }

    /**
     * Tries to take {@code permits} ({@code 1..capacity}, checked by the caller).
     *
     * @param permits       the permits
     * @param wantRemaining whether to compute the permits left after a success (costs a division)
     * @return {@code >= 0} when taken (the permits left, or 0 if not wanted); {@code -nanosToWait} (negative)
     *         when refused; {@link #RETIRED} when this meter is frozen
     */
    public abstract long attempt(long permits, boolean wantRemaining);

    /**
     * The permits available in state {@code s} at ticker value {@code now}.
     *
     * @param s   a state, not {@link #RETIRED}
     * @param now the ticker value, read after {@code s}
     * @return the permits available
     */
    abstract long available(long s, long now);

    /**
     * Nanoseconds until state {@code s} is back to full capacity.
     *
     * @param s   a state, not {@link #RETIRED}
     * @param now the ticker value, read after {@code s}
     * @return the nanoseconds, 0 if full
     */
    abstract long nanosToFull(long s, long now);

    /**
     * The state holding {@code available} permits at {@code now}; may equal {@link #RETIRED}, which callers avoid.
     *
     * @param now       the ticker value
     * @param available the permits, {@code 0..capacity}
     * @return the state
     */
    abstract long stateFor(long now, long available);

    final boolean compareAndSet(long expected, long next) {
        return STATE.compareAndSet(this, expected, next);
    }

    final long compareAndExchange(long expected, long next) {
        return (long) STATE.compareAndExchange(this, expected, next);
    }

    /**
     * The permits available now.
     *
     * @return the permits, or -1 when this meter is frozen
     */
    public final long available() {
        long s = state;
        return s == RETIRED ? -1 : available(s, ticker.getAsLong());
    }

    /**
     * Nanoseconds until this meter is full again.
     *
     * @return the nanoseconds, 0 if full or frozen
     */
    public final long nanosToFull() {
        long s = state;
        return s == RETIRED ? 0 : nanosToFull(s, ticker.getAsLong());
    }

    /**
     * Freezes this meter if it is at full capacity, so that dropping it loses nothing.
     *
     * @return whether it was full and is now frozen
     */
    public final boolean retireIfFull() {
        long s = state;
        return s != RETIRED && available(s, ticker.getAsLong()) == capacity && compareAndSet(s, RETIRED);
    }

    /**
     * Freezes this meter and returns its meter for {@code next}, carrying over the permits available now, capped at
     * the new capacity (fractions of a permit in progress are dropped).
     *
     * @param next the new limit
     * @return the successor, or null if this meter was already frozen
     */
    public final @Nullable Meter retireInto(RateLimit next) {
        long s;
        do {
            s = state;
            if (s == RETIRED) {
                return null;
            }
        } while (!compareAndSet(s, RETIRED));
        long now = ticker.getAsLong();
        return create(next, ticker, now, Math.min(available(s, now), next.capacity()));
    }
}
