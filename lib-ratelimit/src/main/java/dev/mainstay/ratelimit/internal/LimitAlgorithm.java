package dev.mainstay.ratelimit.internal;

import dev.mainstay.ratelimit.ConcurrencyLimit;

/**
 * The state of an adaptive limit. Not thread-safe: the limiter calls {@link #update} under its lock, once per call
 * released as a success or a drop.
 */
public abstract class LimitAlgorithm {

    /** The estimate, kept as a real number so that small steps add up. */
    double estimate;
    final int minLimit;
    final int maxLimit;

    LimitAlgorithm(int initialLimit, int minLimit, int maxLimit) {
        this.estimate = initialLimit;
        this.minLimit = minLimit;
        this.maxLimit = maxLimit;
    }

    /**
     * The state for {@code limit}.
     *
     * @param limit the limit
     * @return its state, or {@code null} for a fixed limit (nothing to learn)
     */
    public static LimitAlgorithm of(ConcurrencyLimit limit) {
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
     * @param dropped  whether it saw overload
     * @return the limit now
     */
    public abstract int update(long rttNanos, int inFlight, boolean dropped);

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

    static final class Aimd extends LimitAlgorithm {
        private final double backoffRatio;
        private final long timeoutNanos;

        Aimd(ConcurrencyLimit.Aimd limit) {
            super(limit.initialLimit(), limit.minLimit(), limit.maxLimit());
            this.backoffRatio = limit.backoffRatio();
            this.timeoutNanos = Arith.saturatedNanos(limit.timeout());
        }

        @Override
        public int update(long rttNanos, int inFlight, boolean dropped) {
            if (dropped || rttNanos > timeoutNanos) {
                return clamp(Math.floor(limit() * backoffRatio));
            }
            if (inFlight * 2 >= limit()) {
                return clamp(limit() + 1);
            }
            return limit();
        }
    }

    static final class Vegas extends LimitAlgorithm {
        private final double smoothing;
        private final int probeMultiplier;
        private long noLoadRtt;
        private long samplesToProbe;
        private int probes;

        Vegas(ConcurrencyLimit.Vegas limit) {
            super(limit.initialLimit(), limit.minLimit(), limit.maxLimit());
            this.smoothing = limit.smoothing();
            this.probeMultiplier = limit.probeMultiplier();
            this.samplesToProbe = nextProbe();
        }

        /** About {@code probeMultiplier * limit} samples, spread by a fixed sequence (deterministic, not in step). */
        private long nextProbe() {
            double spread = 0.5 + 0.5 * ((probes++ * 0.6180339887498949) % 1.0);
            return Math.max(1, (long) (spread * probeMultiplier * limit()));
        }

        @Override
        public int update(long rttNanos, int inFlight, boolean dropped) {
            if (rttNanos <= 0) {
                return limit();
            }
            if (--samplesToProbe <= 0) {
                samplesToProbe = nextProbe();
                noLoadRtt = rttNanos;
                return limit();
            }
            if (noLoadRtt == 0 || rttNanos < noLoadRtt) {
                noLoadRtt = rttNanos;
                return limit();
            }
            double current = estimate;
            double log = Math.max(1, Math.log10(current));
            double next;
            if (dropped) {
                next = current - log;
            } else if (inFlight * 2 < current) {
                return limit();
            } else {
                double queue = Math.ceil(current * (1 - (double) noLoadRtt / rttNanos));
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
        private final double longFactor;
        private final int warmup;
        private double longRtt;
        private int samples;

        Gradient(ConcurrencyLimit.Gradient limit) {
            super(limit.initialLimit(), limit.minLimit(), limit.maxLimit());
            this.smoothing = limit.smoothing();
            this.tolerance = limit.rttTolerance();
            this.queueSize = limit.queueSize();
            this.longFactor = 2.0 / (limit.longWindow() + 1);
            this.warmup = Math.min(10, limit.longWindow());
        }

        @Override
        public int update(long rttNanos, int inFlight, boolean dropped) {
            if (rttNanos <= 0) {
                return limit();
            }
            double rtt = rttNanos;
            if (samples < warmup) {
                samples++;
                longRtt += (rtt - longRtt) / samples;
            } else {
                longRtt += (rtt - longRtt) * longFactor;
            }
            if (longRtt / rtt > 2) {
                longRtt *= 0.9;
            }
            double current = estimate;
            double gradient;
            if (dropped) {
                gradient = 0.5;
            } else {
                if (inFlight < current / 2) {
                    return limit();
                }
                gradient = Math.max(0.5, Math.min(1.0, tolerance * longRtt / rtt));
            }
            double next = current * gradient + queueSize;
            return clamp((1 - smoothing) * current + smoothing * next);
        }
    }
}
