package dev.mainstay.ratelimit;

import java.time.Duration;
import java.util.Objects;

/**
 * How many calls a {@link ConcurrencyLimiter} lets be in flight at once: a fixed number (a bulkhead), or a number
 * learned from the calls' round-trip times and drops (AIMD, Vegas, Gradient). Immutable; each {@code withX} method
 * returns a copy with one setting changed, checked at once.
 *
 * <pre>{@code
 * ConcurrencyLimit bulkhead = ConcurrencyLimit.fixed(32);
 * ConcurrencyLimit learned = ConcurrencyLimit.gradient().withInitialLimit(16).withMaxLimit(256);
 * ConcurrencyLimit lossBased = ConcurrencyLimit.aimd().withTimeout(Duration.ofMillis(250));
 * }</pre>
 *
 * <p>The adaptive limits learn from every call released as a success or a drop (a timeout, a 503: overload seen);
 * a call released as ignored teaches nothing. Like TCP, which adjusts once per round trip, they collect the samples
 * of a window ({@code max(10, limit)} samples) and move once per window, on its mean round trip, whether it saw a
 * drop, and the most calls in flight. They never go below their {@code minLimit} or above their
 * {@code maxLimit}. The algorithms are described on each type; their defaults were chosen on the deterministic
 * simulator of this module's tests (a server whose latency grows past its capacity, offered 0.5x to 3x that
 * capacity), and are documented with each setting.
 */
public sealed interface ConcurrencyLimit {

    /**
     * The limit a limiter starts with. Vegas and Gradient first measure their baseline at a quarter of it, for one
     * window of calls, then use it.
     *
     * @return the initial limit, {@code >= 1}
     */
    int initialLimit();

    /**
     * A fixed limit: the bulkhead. Nothing is learned and no clock is read.
     *
     * @param limit the calls allowed in flight at once, {@code >= 1}
     * @return the limit
     * @throws IllegalArgumentException if {@code limit < 1}
     */
    static Fixed fixed(int limit) {
        return new Fixed(limit);
    }

    /**
     * Additive increase, multiplicative decrease, with its defaults (see {@link Aimd}).
     *
     * @return the limit
     */
    static Aimd aimd() {
        return new Aimd(20, 1, 1000, 0.9, Duration.ofSeconds(5));
    }

    /**
     * TCP Vegas: the queue is estimated from the RTT against the RTT without load; defaults in {@link Vegas}.
     *
     * @return the limit
     */
    static Vegas vegas() {
        return new Vegas(20, 1, 1000, 1.0, Duration.ofSeconds(10));
    }

    /**
     * Gradient (after Netflix's Gradient2 and Envoy's adaptive concurrency): the limit follows the ratio of a
     * long-term baseline RTT to the recent RTT; defaults in {@link Gradient}.
     *
     * @return the limit
     */
    static Gradient gradient() {
        return new Gradient(20, 1, 1000, 0.2, 1.0, 4, Duration.ofSeconds(10));
    }

    /**
     * A fixed limit.
     *
     * @param limit the calls allowed in flight at once, {@code >= 1}
     */
    record Fixed(int limit) implements ConcurrencyLimit {
        /**
         * Checks the limit.
         *
         * @throws IllegalArgumentException if {@code limit < 1}
         */
        public Fixed {
            atLeast("limit", limit, 1);
        }

        @Override
        public int initialLimit() {
            return limit;
        }
    }

    /**
     * Additive increase, multiplicative decrease (loss-based, like TCP Reno). Once per window of samples: after a
     * drop, or a round trip longer than {@code timeout}, in the window the limit becomes
     * {@code floor(limit * backoffRatio)}; otherwise, if at least half the limit was in use, it grows by one. It never sees latency below the timeout, so it keeps the dependency busy up
     * to the point where calls start failing: pair it with a timeout on the call.
     *
     * @param initialLimit the limit at start; default 20
     * @param minLimit     the least limit; default 1
     * @param maxLimit     the greatest limit; default 1000
     * @param backoffRatio the factor applied on a drop, in {@code [0.5, 1)}; default 0.9
     * @param timeout      a round trip longer than this counts as a drop; default 5 s
     */
    record Aimd(int initialLimit, int minLimit, int maxLimit, double backoffRatio, Duration timeout)
            implements ConcurrencyLimit {
        /**
         * Checks every setting.
         *
         * @throws IllegalArgumentException naming a setting out of range
         */
        public Aimd {
            bounds(initialLimit, minLimit, maxLimit);
            if (!(backoffRatio >= 0.5 && backoffRatio < 1.0)) {
                throw new IllegalArgumentException("backoffRatio must be in [0.5, 1) but was " + backoffRatio);
            }
            positive("timeout", timeout);
        }

        /**
         * A copy with another {@code initialLimit}.
         *
         * @param value the initial limit
         * @return the copy
         */
        public Aimd withInitialLimit(int value) {
            return new Aimd(value, minLimit, maxLimit, backoffRatio, timeout);
        }

        /**
         * A copy with another {@code minLimit}.
         *
         * @param value the least limit
         * @return the copy
         */
        public Aimd withMinLimit(int value) {
            return new Aimd(initialLimit, value, maxLimit, backoffRatio, timeout);
        }

        /**
         * A copy with another {@code maxLimit}.
         *
         * @param value the greatest limit
         * @return the copy
         */
        public Aimd withMaxLimit(int value) {
            return new Aimd(initialLimit, minLimit, value, backoffRatio, timeout);
        }

        /**
         * A copy with another {@code backoffRatio}.
         *
         * @param value the factor applied on a drop
         * @return the copy
         */
        public Aimd withBackoffRatio(double value) {
            return new Aimd(initialLimit, minLimit, maxLimit, value, timeout);
        }

        /**
         * A copy with another {@code timeout}.
         *
         * @param value the round trip that counts as a drop
         * @return the copy
         */
        public Aimd withTimeout(Duration value) {
            return new Aimd(initialLimit, minLimit, maxLimit, backoffRatio, value);
        }
    }

    /**
     * TCP Vegas. The RTT without load is the mean round trip of calls made at a quarter of the limit, measured as
     * {@link Gradient} measures its baseline (at the start, then about every {@code probeInterval}), and lowered by
     * any faster window in between (a mean, not the fastest call, so that calls that vary in cost do not read as a
     * queue). Once per window of samples, the queue the limit causes is estimated as
     * {@code limit * (1 - noLoadRtt / rtt)}, {@code rtt} being the window's mean. With
     * {@code l = max(1, log10(limit))}: a queue up to {@code l} grows the limit by {@code 6l}, up to {@code 3l} by
     * {@code l}; above {@code 6l} it shrinks by {@code l}; a drop shrinks it by {@code l}. The result is blended in
     * with {@code smoothing}. It does not grow while fewer than half the limit are in use.
     *
     * @param initialLimit  the limit at start; default 20
     * @param minLimit      the least limit; default 1
     * @param maxLimit      the greatest limit; default 1000
     * @param smoothing     weight of a new estimate, in {@code (0, 1]}; default 1.0
     * @param probeInterval the time between two measurements of the no-load RTT, {@code > 0}; default 10 s
     */
    record Vegas(int initialLimit, int minLimit, int maxLimit, double smoothing, Duration probeInterval)
            implements ConcurrencyLimit {
        /**
         * Checks every setting.
         *
         * @throws IllegalArgumentException naming a setting out of range
         */
        public Vegas {
            bounds(initialLimit, minLimit, maxLimit);
            fraction("smoothing", smoothing);
            positive("probeInterval", probeInterval);
        }

        /**
         * A copy with another {@code initialLimit}.
         *
         * @param value the initial limit
         * @return the copy
         */
        public Vegas withInitialLimit(int value) {
            return new Vegas(value, minLimit, maxLimit, smoothing, probeInterval);
        }

        /**
         * A copy with another {@code minLimit}.
         *
         * @param value the least limit
         * @return the copy
         */
        public Vegas withMinLimit(int value) {
            return new Vegas(initialLimit, value, maxLimit, smoothing, probeInterval);
        }

        /**
         * A copy with another {@code maxLimit}.
         *
         * @param value the greatest limit
         * @return the copy
         */
        public Vegas withMaxLimit(int value) {
            return new Vegas(initialLimit, minLimit, value, smoothing, probeInterval);
        }

        /**
         * A copy with another {@code smoothing}.
         *
         * @param value the weight of a new estimate
         * @return the copy
         */
        public Vegas withSmoothing(double value) {
            return new Vegas(initialLimit, minLimit, maxLimit, value, probeInterval);
        }

        /**
         * A copy with another {@code probeInterval}.
         *
         * @param value the time between two measurements of the no-load RTT
         * @return the copy
         */
        public Vegas withProbeInterval(Duration value) {
            return new Vegas(initialLimit, minLimit, maxLimit, smoothing, value);
        }
    }

    /**
     * Gradient, after Netflix's Gradient2 and Envoy's adaptive concurrency filter. Once per window of samples the
     * gradient is {@code rttTolerance * baseline / rtt} (the window's mean round trip), clamped to {@code [0.5, 1]};
     * the new estimate is {@code limit * gradient + queueSize}, blended in with {@code smoothing}; a drop in the
     * window counts as the smallest gradient, 0.5. It does not grow while fewer than half the limit are in use.
     *
     * <p>The baseline is the round trip without queueing, measured as Envoy measures it rather than averaged under
     * load (an average learned under sustained overload drifts up with the queue, and the limit with it): at the
     * start, then about every {@code probeInterval} (spread by a fixed sequence), the limit drops to a quarter for
     * one window of calls granted at that concurrency; their mean round trip becomes the baseline, and the limit is
     * restored. A probe costs about two round trips at a quarter of the limit.
     *
     * @param initialLimit  the limit at start; default 20
     * @param minLimit      the least limit; default 1
     * @param maxLimit      the greatest limit; default 1000
     * @param smoothing     weight of a new estimate, in {@code (0, 1]}; default 0.2
     * @param rttTolerance  how much slower than the baseline the mean round trip may be before the limit shrinks,
     *                      {@code >= 1}; default 1.0
     * @param queueSize     the headroom added to each estimate, {@code >= 0}; default 4
     * @param probeInterval the time between two measurements of the baseline, {@code > 0}; default 10 s
     */
    record Gradient(int initialLimit, int minLimit, int maxLimit, double smoothing, double rttTolerance,
            int queueSize, Duration probeInterval) implements ConcurrencyLimit {
        /**
         * Checks every setting.
         *
         * @throws IllegalArgumentException naming a setting out of range
         */
        public Gradient {
            bounds(initialLimit, minLimit, maxLimit);
            fraction("smoothing", smoothing);
            if (!(rttTolerance >= 1.0 && rttTolerance < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("rttTolerance must be >= 1 but was " + rttTolerance);
            }
            atLeast("queueSize", queueSize, 0);
            positive("probeInterval", probeInterval);
        }

        /**
         * A copy with another {@code initialLimit}.
         *
         * @param value the initial limit
         * @return the copy
         */
        public Gradient withInitialLimit(int value) {
            return new Gradient(value, minLimit, maxLimit, smoothing, rttTolerance, queueSize, probeInterval);
        }

        /**
         * A copy with another {@code minLimit}.
         *
         * @param value the least limit
         * @return the copy
         */
        public Gradient withMinLimit(int value) {
            return new Gradient(initialLimit, value, maxLimit, smoothing, rttTolerance, queueSize, probeInterval);
        }

        /**
         * A copy with another {@code maxLimit}.
         *
         * @param value the greatest limit
         * @return the copy
         */
        public Gradient withMaxLimit(int value) {
            return new Gradient(initialLimit, minLimit, value, smoothing, rttTolerance, queueSize, probeInterval);
        }

        /**
         * A copy with another {@code smoothing}.
         *
         * @param value the weight of a new estimate
         * @return the copy
         */
        public Gradient withSmoothing(double value) {
            return new Gradient(initialLimit, minLimit, maxLimit, value, rttTolerance, queueSize, probeInterval);
        }

        /**
         * A copy with another {@code rttTolerance}.
         *
         * @param value the tolerated slowdown
         * @return the copy
         */
        public Gradient withRttTolerance(double value) {
            return new Gradient(initialLimit, minLimit, maxLimit, smoothing, value, queueSize, probeInterval);
        }

        /**
         * A copy with another {@code queueSize}.
         *
         * @param value the headroom added to each estimate
         * @return the copy
         */
        public Gradient withQueueSize(int value) {
            return new Gradient(initialLimit, minLimit, maxLimit, smoothing, rttTolerance, value, probeInterval);
        }

        /**
         * A copy with another {@code probeInterval}.
         *
         * @param value the time between two measurements of the baseline
         * @return the copy
         */
        public Gradient withProbeInterval(Duration value) {
            return new Gradient(initialLimit, minLimit, maxLimit, smoothing, rttTolerance, queueSize, value);
        }
    }

    private static void atLeast(String setting, long value, long least) {
        if (value < least) {
            throw new IllegalArgumentException(setting + " must be >= " + least + " but was " + value);
        }
    }

    private static void bounds(int initialLimit, int minLimit, int maxLimit) {
        atLeast("minLimit", minLimit, 1);
        if (maxLimit < minLimit) {
            throw new IllegalArgumentException("maxLimit must be >= minLimit " + minLimit + " but was " + maxLimit);
        }
        if (initialLimit < minLimit || initialLimit > maxLimit) {
            throw new IllegalArgumentException("initialLimit must be between minLimit " + minLimit
                    + " and maxLimit " + maxLimit + " but was " + initialLimit);
        }
    }

    private static void fraction(String setting, double value) {
        if (!(value > 0 && value <= 1)) {
            throw new IllegalArgumentException(setting + " must be in (0, 1] but was " + value);
        }
    }

    private static void positive(String setting, Duration value) {
        Objects.requireNonNull(value, setting);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(setting + " must be > 0 but was " + value);
        }
    }
}
