package dev.mainstay.ratelimit.internal;

import dev.mainstay.ratelimit.ConcurrencyLimit;

/**
 * The state of an adaptive limit. Not thread-safe: the limiter calls {@link #update} under its lock, once per call
 * released as a success or a drop. Samples are gathered into windows of {@code max(10, limit)} samples (about one
 * round trip's worth of calls, as TCP adjusts once per round trip); each algorithm moves once per window.
 */
public abstract class LimitAlgorithm {

    private static final int MIN_WINDOW = 10;
    private static final double GOLDEN = 0.6180339887498949;

    /** The estimate, kept as a real number so that small steps add up. */
    double estimate;
    final int minLimit;
    final int maxLimit;
    private long rttSum;
    private int samples;
    private int maxInFlight;
    private boolean dropped;
    private int spreads;
    // the baseline probe (Vegas, Gradient): 0 when the algorithm does not probe
    private final long probeIntervalNanos;
    private boolean probing;
    private double restoreTo;
    private int probeLimit;
    private long probeSum;
    private long probeMin;
    private int probeSamples;
    private long nextProbeAt;

    LimitAlgorithm(int initialLimit, int minLimit, int maxLimit, long probeIntervalNanos) {
        this.estimate = initialLimit;
        this.minLimit = minLimit;
        this.maxLimit = maxLimit;
        this.probeIntervalNanos = probeIntervalNanos;
        if (probeIntervalNanos > 0) {
            startProbe();
        }
    }

    /**
     * Starts measuring the round trip without queueing: the limit drops to a quarter until a window of calls
     * granted at that concurrency has come back.
     */
    private void startProbe() {
        probing = true;
        restoreTo = estimate;
        probeLimit = Math.max(minLimit, (int) Math.ceil(estimate / 4));
        estimate = probeLimit;
        probeSum = 0;
        probeMin = Long.MAX_VALUE;
        probeSamples = 0;
    }

    /** The probe ended: {@code meanRtt} and {@code minRtt} of calls granted at a quarter of the limit. */
    void baseline(double meanRtt, long minRtt) {}

    /** Takes the sample for the probe if one runs or is due; whether it does. */
    private boolean probe(long rttNanos, int inFlight, boolean drop, long nowNanos) {
        if (probeIntervalNanos <= 0) {
            return false;
        }
        if (!probing) {
            if (nowNanos - nextProbeAt < 0) {
                return false;
            }
            startProbe();
            return true;
        }
        if (inFlight <= probeLimit && !drop && rttNanos > 0) {
            probeSum += rttNanos;
            probeMin = Math.min(probeMin, rttNanos);
            probeSamples++;
            if (probeSamples >= Math.max(MIN_WINDOW / 2, probeLimit)) {
                probing = false;
                estimate = restoreTo;
                nextProbeAt = nowNanos + (long) (probeIntervalNanos * (0.5 + spread()));
                baseline((double) probeSum / probeSamples, probeMin);
            }
        }
        return true;
    }

    /**
     * The state for {@code limit}.
     *
     * @param limit the limit
     * @return its state, or {@code null} for a fixed limit (nothing to learn)
     */
    public static @Nullable LimitAlgorithm of(ConcurrencyLimit limit) {
        if (limit instanceof ConcurrencyLimit.Aimd aimd) {
            return new Aimd(aimd);
        }
        if (limit instanceof ConcurrencyLimit.Vegas vegas) {
            return new Vegas(vegas);
        }
        if (limit instanceof ConcurrencyLimit.Gradient gradient) {
            return new Gradient(gradient);
        }
        return null;
    }

    /**
     * Learns from one call.
     *
     * @param rttNanos the call's round trip
     * @param inFlight the calls in flight when it was granted, itself included
     * @param drop     whether it saw overload
     * @param nowNanos the ticker now
     * @return the limit now
     */
    public final int update(long rttNanos, int inFlight, boolean drop, long nowNanos) {
        if (probe(rttNanos, inFlight, drop, nowNanos) || !accept(rttNanos, inFlight, drop, nowNanos)) {
            return limit();
        }
        rttSum += Math.max(0, rttNanos);
        samples++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        dropped |= drop;
        if (samples >= Math.max(MIN_WINDOW, limit())) {
            long mean = rttSum / samples;
            int most = maxInFlight;
            boolean anyDrop = dropped;
            rttSum = 0;
            samples = 0;
            maxInFlight = 0;
            dropped = false;
            return window(mean, most, anyDrop, nowNanos);
        }
        return limit();
    }

    /** Whether a sample joins the window; a subclass may take it for itself (a probe). */
    boolean accept(long rttNanos, int inFlight, boolean drop, long nowNanos) {
        return true;
    }

    /** Moves the limit once per window; returns the new limit. */
    abstract int window(long meanRttNanos, int maxInFlight, boolean drop, long nowNanos);

    /**
     * The limit now.
     *
     * @return the estimate, rounded down and clamped
     */
    public final int limit() {
        return (int) estimate;
    }

    final int clamp(double value) {
        estimate = Math.max(minLimit, Math.min(maxLimit, value));
        return (int) estimate;
    }

    /** A factor in {@code [0.5, 1)} from a fixed low-discrepancy sequence: spreads probes, deterministically. */
    final double spread() {
        return 0.5 + 0.5 * ((spreads++ * GOLDEN) % 1.0);
    }

    static final class Aimd extends LimitAlgorithm {
        private final double backoffRatio;
        private final long timeoutNanos;
        private boolean slow;

        Aimd(ConcurrencyLimit.Aimd limit) {
            super(limit.initialLimit(), limit.minLimit(), limit.maxLimit(), 0);
            this.backoffRatio = limit.backoffRatio();
            this.timeoutNanos = Arith.saturatedNanos(limit.timeout());
        }

        @Override
        boolean accept(long rttNanos, int inFlight, boolean drop, long nowNanos) {
            slow |= rttNanos > timeoutNanos;
            return true;
        }

        @Override
        int window(long meanRttNanos, int maxInFlight, boolean drop, long nowNanos) {
            boolean backOff = drop || slow;
            slow = false;
            if (backOff) {
                return clamp(Math.floor(limit() * backoffRatio));
            }
            if (maxInFlight * 2 >= limit()) {
                return clamp(limit() + 1);
            }
            return limit();
        }
    }

    static final class Vegas extends LimitAlgorithm {
        private final double smoothing;
        private long noLoadRtt = Long.MAX_VALUE;

        Vegas(ConcurrencyLimit.Vegas limit) {
            super(limit.initialLimit(), limit.minLimit(), limit.maxLimit(),
                    Arith.saturatedNanos(limit.probeInterval()));
            this.smoothing = limit.smoothing();
        }

        @Override
        void baseline(double meanRtt, long minRtt) {
            noLoadRtt = Math.max(1, (long) meanRtt);
        }

        @Override
        int window(long meanRttNanos, int maxInFlight, boolean drop, long nowNanos) {
            noLoadRtt = Math.min(noLoadRtt, Math.max(1, meanRttNanos)); // a faster window lowers it
            double current = estimate;
            double log = Math.max(1, Math.log10(current));
            double next;
            if (drop) {
                next = current - log;
            } else if (maxInFlight * 2 < current) {
                return limit();
            } else {
                double queue = Math.ceil(current * (1 - (double) noLoadRtt / Math.max(noLoadRtt, meanRttNanos)));
                if (queue <= log) {
                    next = current + 6 * log;
                } else if (queue < 3 * log) {
                    next = current + log;
                } else if (queue > 6 * log) {
                    next = current - log;
                } else {
                    return limit();
                }
            }
            next = Math.max(minLimit, Math.min(maxLimit, next));
            return clamp((1 - smoothing) * current + smoothing * next);
        }
    }

    static final class Gradient extends LimitAlgorithm {
        private final double smoothing;
        private final double tolerance;
        private final int queueSize;
        private double baseline;

        Gradient(ConcurrencyLimit.Gradient limit) {
            super(limit.initialLimit(), limit.minLimit(), limit.maxLimit(),
                    Arith.saturatedNanos(limit.probeInterval()));
            this.smoothing = limit.smoothing();
            this.tolerance = limit.rttTolerance();
            this.queueSize = limit.queueSize();
        }

        @Override
        void baseline(double meanRtt, long minRtt) {
            baseline = meanRtt;
        }

        @Override
        int window(long meanRttNanos, int maxInFlight, boolean drop, long nowNanos) {
            double current = estimate;
            double gradient;
            if (drop) {
                gradient = 0.5;
            } else {
                if (maxInFlight < current / 2) {
                    return limit();
                }
                gradient = Math.max(0.5, Math.min(1.0, tolerance * baseline / Math.max(1, meanRttNanos)));
            }
            double next = current * gradient + queueSize;
            return clamp((1 - smoothing) * current + smoothing * next);
        }
    }
}
