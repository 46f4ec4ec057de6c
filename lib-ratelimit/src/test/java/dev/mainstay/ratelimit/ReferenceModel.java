package dev.mainstay.ratelimit;

import java.math.BigInteger;

/**
 * The obvious, slow, exact model of each algorithm, on unbounded integers and absolute time (in nanoseconds since
 * an arbitrary start, as a BigInteger so that nothing wraps). Properties compare the limiters against it.
 */
final class ReferenceModel {

    private final RateLimit limit;
    private final long c;
    private final long r;
    private final long p;
    // token buckets: tokens scaled by p (greedy) or whole (interval); windows: counts per window index
    private BigInteger tokensTimesP;
    private long tokens;
    private BigInteger lastTime;
    private BigInteger window = null;
    private long current;
    private long previous;

    ReferenceModel(RateLimit limit, BigInteger start) {
        this.limit = limit;
        this.c = limit.capacity();
        this.r = limit.refillPermits();
        this.p = limit.periodNanos();
        this.lastTime = start;
        this.tokensTimesP = BigInteger.valueOf(limit.initialPermits()).multiply(BigInteger.valueOf(p));
        this.tokens = limit.initialPermits();
        this.window = floorDiv(start);
        this.current = c - limit.initialPermits();
        this.previous = 0;
    }

    private BigInteger floorDiv(BigInteger t) {
        BigInteger[] qr = t.divideAndRemainder(BigInteger.valueOf(p));
        return qr[1].signum() < 0 ? qr[0].subtract(BigInteger.ONE) : qr[0];
    }

    private long elapsedInWindow(BigInteger t) {
        return t.subtract(floorDiv(t).multiply(BigInteger.valueOf(p))).longValueExact();
    }

    /** Moves the model to time {@code t} (never backwards). */
    private void advanceTo(BigInteger t) {
        switch (limit.algorithm()) {
            case TOKEN_BUCKET_GREEDY, GCRA -> {
                BigInteger added = t.subtract(lastTime).multiply(BigInteger.valueOf(r));
                tokensTimesP = tokensTimesP.add(added).min(BigInteger.valueOf(c).multiply(BigInteger.valueOf(p)));
            }
            case TOKEN_BUCKET_INTERVAL, FIXED_WINDOW -> {
                BigInteger steps = floorDiv(t).subtract(floorDiv(lastTime));
                BigInteger next = BigInteger.valueOf(tokens).add(steps.multiply(BigInteger.valueOf(r)));
                tokens = next.min(BigInteger.valueOf(c)).longValueExact();
            }
            case SLIDING_WINDOW -> {
                BigInteger index = floorDiv(t);
                BigInteger delta = index.subtract(window);
                if (delta.equals(BigInteger.ONE)) {
                    previous = current;
                    current = 0;
                } else if (delta.signum() > 0) {
                    previous = 0;
                    current = 0;
                }
                window = index;
            }
        }
        lastTime = t;
    }

    private BigInteger weighted(BigInteger t) {
        // ceil(previous * (p - e) / p)
        BigInteger num = BigInteger.valueOf(previous).multiply(BigInteger.valueOf(p - elapsedInWindow(t)));
        BigInteger[] qr = num.divideAndRemainder(BigInteger.valueOf(p));
        return qr[1].signum() == 0 ? qr[0] : qr[0].add(BigInteger.ONE);
    }

    /** The available permits at {@code t}. */
    long available(BigInteger t) {
        advanceTo(t);
        return switch (limit.algorithm()) {
            case TOKEN_BUCKET_GREEDY, GCRA -> tokensTimesP.divide(BigInteger.valueOf(p)).longValueExact();
            case TOKEN_BUCKET_INTERVAL, FIXED_WINDOW -> tokens;
            case SLIDING_WINDOW -> Math.max(0, c - current - weighted(t).longValueExact());
        };
    }

    /** Tries to take {@code n} at time {@code t}: 0 when taken, else the exact nanoseconds to wait. */
    long tryAcquire(BigInteger t, long n) {
        long available = available(t);
        if (available >= n) {
            switch (limit.algorithm()) {
                case TOKEN_BUCKET_GREEDY, GCRA ->
                        tokensTimesP = tokensTimesP.subtract(BigInteger.valueOf(n).multiply(BigInteger.valueOf(p)));
                case TOKEN_BUCKET_INTERVAL, FIXED_WINDOW -> tokens -= n;
                case SLIDING_WINDOW -> current += n;
            }
            return 0;
        }
        return waitFor(t, n);
    }

    /** The smallest wait after which {@code n} would be available, found by search on a copy. */
    private long waitFor(BigInteger t, long n) {
        // exponential then binary search on a fresh copy of the state: the model is monotone in time
        long lo = 0;
        long hi = 1;
        while (copyAvailable(t.add(BigInteger.valueOf(hi))) < n) {
            lo = hi;
            hi *= 2;
        }
        while (hi - lo > 1) {
            long mid = lo + (hi - lo) / 2;
            if (copyAvailable(t.add(BigInteger.valueOf(mid))) >= n) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return hi;
    }

    private long copyAvailable(BigInteger t) {
        ReferenceModel copy = new ReferenceModel(limit, lastTime);
        copy.tokensTimesP = tokensTimesP;
        copy.tokens = tokens;
        copy.window = window;
        copy.current = current;
        copy.previous = previous;
        return copy.available(t);
    }
}
