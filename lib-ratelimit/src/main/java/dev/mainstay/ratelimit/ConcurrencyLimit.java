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
 * a call released as ignored teaches nothing. They never go below their {@code minLimit} or above their
 * {@code maxLimit}. The algorithms are described on each type; their defaults were chosen on the deterministic
 * simulator of this module's tests (a server whose latency grows past its capacity, offered 0.5x to 3x that
 * capacity), and are documented with each setting.
 */
public sealed interface ConcurrencyLimit {

    /**
     * The limit a limiter starts with.
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
     * TCP Vegas: the queue is estimated from the RTT against the lowest RTT seen; defaults in {@link Vegas}.
     *
     * @return the limit
     */
    static Vegas vegas() {
        return new Vegas(20, 1, 1000, 1.0, 30);
    }

    /**
     * Gradient (after Netflix's Gradient2 and Envoy's adaptive concurrency): the limit follows the ratio of a
     * long-term baseline RTT to the recent RTT; defaults in {@link Gradient}.
     *
     * @return the limit
     */
    static Gradient gradient() {
        return new Gradient(20, 1, 1000, 0.2, 600, 1.0, 4);
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
     * Additive increase, multiplicative decrease (loss-based, like TCP Reno). On a drop, or a round trip longer than
     * {@code timeout}, the limit becomes {@code floor(limit * backoffRatio)}; on a success while at least half the
     * limit is in use, it grows by one. It never sees latency below the timeout, so it keeps the dependency busy up
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

        /** @param value the initial limit @return a copy with it */
        public Aimd withInitialLimit(int value) {
            return new Aimd(value, minLimit, maxLimit, backoffRatio, timeout);
        }

        /** @param value the least limit @return a copy with it */
        public Aimd withMinLimit(int value) {
            return new Aimd(initialLimit, value, maxLimit, backoffRatio, timeout);
        }

        /** @param value the greatest limit @return a copy with it */
        public Aimd withMaxLimit(int value) {
            return new Aimd(initialLimit, minLimit, value, backoffRatio, timeout);
        }

        /** @param value the factor applied on a drop @return a copy with it */
        public Aimd withBackoffRatio(double value) {
            return new Aimd(initialLimit, minLimit, maxLimit, value, timeout);
        }

        /** @param value the round trip that counts as a drop @return a copy with it */
        public Aimd withTimeout(Duration value) {
            return new Aimd(initialLimit, minLimit, maxLimit, backoffRatio, value);
        }
    }

    /**
     * TCP Vegas. The RTT without load is the lowest round trip seen; the queue the limit causes is estimated as
     * {@code limit * (1 - noLoadRtt / rtt)}. With {@code l = max(1, log10(limit))}: a queue up to {@code l} grows the
     * limit by {@code 6l}, up to {@code 3l} by {@code l}; above {@code 6l} it shrinks by {@code l}; a drop shrinks it
     * by {@code l}. The result is blended in with {@code smoothing}. It does not grow while fewer than half the limit
     * are in use. The no-load RTT is measured again (the next sample replaces it) after about
     * {@code probeMultiplier * limit} samples, so that a dependency that became slower for good is followed.
     *
     * @param initialLimit    the limit at start; default 20
     * @param minLimit        the least limit; default 1
     * @param maxLimit        the greatest limit; default 1000
     * @param smoothing       weight of a new estimate, in {@code (0, 1]}; default 1.0
     * @param probeMultiplier samples between probes of the no-load RTT, per unit of limit, {@code >= 1}; default 30
     */
    record Vegas(int initialLimit, int minLimit, int maxLimit, double smoothing, int probeMultiplier)
            implements ConcurrencyLimit {
        /**
         * Checks every setting.
         *
         * @throws IllegalArgumentException naming a setting out of range
         */
        public Vegas {
            bounds(initialLimit, minLimit, maxLimit);
            fraction("smoothing", smoothing);
            atLeast("probeMultiplier", probeMultiplier, 1);
        }

        /** @param value the initial limit @return a copy with it */
        public Vegas withInitialLimit(int value) {
            return new Vegas(value, minLimit, maxLimit, smoothing, probeMultiplier);
        }

        /** @param value the least limit @return a copy with it */
        public Vegas withMinLimit(int value) {
            return new Vegas(initialLimit, value, maxLimit, smoothing, probeMultiplier);
        }

        /** @param value the greatest limit @return a copy with it */
        public Vegas withMaxLimit(int value) {
            return new Vegas(initialLimit, minLimit, value, smoothing, probeMultiplier);
        }

        /** @param value the weight of a new estimate @return a copy with it */
        public Vegas withSmoothing(double value) {
            return new Vegas(initialLimit, minLimit, maxLimit, value, probeMultiplier);
        }

        /** @param value samples between probes, per unit of limit @return a copy with it */
        public Vegas withProbeMultiplier(int value) {
            return new Vegas(initialLimit, minLimit, maxLimit, smoothing, value);
        }
    }

    /**
     * Gradient, after Netflix's Gradient2. The baseline is an exponential average of the RTT over
     * {@code longWindow} samples; the gradient is {@code baseline * rttTolerance / rtt}, clamped to
     * {@code [0.5, 1]}; the new estimate is {@code limit * gradient + queueSize}, blended in with {@code smoothing}.
     * A drop counts as the smallest gradient, 0.5. When the baseline is more than twice the recent RTT (the
     * dependency recovered) it is cut by a tenth at each sample. It does not grow while fewer than half the limit
     * are in use.
     *
     * @param initialLimit the limit at start; default 20
     * @param minLimit     the least limit; default 1
     * @param maxLimit     the greatest limit; default 1000
     * @param smoothing    weight of a new estimate, in {@code (0, 1]}; default 0.2
     * @param longWindow   samples the baseline averages over, {@code >= 1}; default 600
     * @param rttTolerance how much slower than the baseline a call may be before the limit shrinks,
     *                     {@code >= 1}; default 1.0
     * @param queueSize    the headroom added to each estimate, {@code >= 0}; default 4
     */
    record Gradient(int initialLimit, int minLimit, int maxLimit, double smoothing, int longWindow,
            double rttTolerance, int queueSize) implements ConcurrencyLimit {
        /**
         * Checks every setting.
         *
         * @throws IllegalArgumentException naming a setting out of range
         */
        public Gradient {
            bounds(initialLimit, minLimit, maxLimit);
            fraction("smoothing", smoothing);
            atLeast("longWindow", longWindow, 1);
            if (!(rttTolerance >= 1.0 && rttTolerance < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("rttTolerance must be >= 1 but was " + rttTolerance);
            }
            atLeast("queueSize", queueSize, 0);
        }

        /** @param value the initial limit @return a copy with it */
        public Gradient withInitialLimit(int value) {
            return new Gradient(value, minLimit, maxLimit, smoothing, longWindow, rttTolerance, queueSize);
        }

        /** @param value the least limit @return a copy with it */
        public Gradient withMinLimit(int value) {
            return new Gradient(initialLimit, value, maxLimit, smoothing, longWindow, rttTolerance, queueSize);
        }

        /** @param value the greatest limit @return a copy with it */
        public Gradient withMaxLimit(int value) {
            return new Gradient(initialLimit, minLimit, value, smoothing, longWindow, rttTolerance, queueSize);
        }

        /** @param value the weight of a new estimate @return a copy with it */
        public Gradient withSmoothing(double value) {
            return new Gradient(initialLimit, minLimit, maxLimit, value, longWindow, rttTolerance, queueSize);
        }

        /** @param value samples the baseline averages over @return a copy with it */
        public Gradient withLongWindow(int value) {
            return new Gradient(initialLimit, minLimit, maxLimit, smoothing, value, rttTolerance, queueSize);
        }

        /** @param value the tolerated slowdown @return a copy with it */
        public Gradient withRttTolerance(double value) {
            return new Gradient(initialLimit, minLimit, maxLimit, smoothing, longWindow, value, queueSize);
        }

        /** @param value the headroom added to each estimate @return a copy with it */
        public Gradient withQueueSize(int value) {
            return new Gradient(initialLimit, minLimit, maxLimit, smoothing, longWindow, rttTolerance, value);
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
